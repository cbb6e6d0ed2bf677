// `kit rebalance execute [--strategy S] [--yes] [--dry-run] [--resume] [--json]`: recompute the
// plan from fresh data, check it, ask, and trade it through the order router with every order
// journaled first. In a terminal, progress lines go to stderr as they happen and a table ends it;
// in a pipe, plain lines; with --json, only the result. Exit 0 all filled, 5 some not, 3 refused.
import { createInterface } from 'node:readline/promises';
import { STRATEGIES } from '../../config.js';
import { UsageError } from '../../errors.js';
import type { CommandSpec } from '../../host/contract.js';
import { executeDeps } from '../../host/execute-deps.js';
import type { HostServices } from '../../host/runtime.js';
import { executeRebalance, type PreparedRun } from '../../rebalancer.js';
import { parseStrategy } from '../parse-preview.js';
import { renderPlan } from '../render-plan.js';
import { executeExitCode, executeJson } from '../render-execute-json.js';
import { progressLine, renderExecute } from '../render-execute.js';
import { sourceNote } from '../source-note.js';
import { withSession } from '../with-session.js';

const OPTIONS = [
  { flags: '--strategy <name>', description: `plan with this strategy instead of the configured one (${STRATEGIES.join(', ')})` },
  { flags: '--yes', description: 'do not ask for confirmation (required without a terminal)' },
  { flags: '--dry-run', description: 'show the orders that would be sent, and send nothing' },
  { flags: '--resume', description: 'only finish an interrupted run (a plain execute does this too, first)' },
  { flags: '--json', description: 'print only the result as JSON (decimal strings)' },
];

async function askOnTerminal(run: PreparedRun): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await prompt.question(`Send ${run.manifest.orders.length} order(s) through the ${run.manifest.router} router? [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    prompt.close();
  }
}

export function rebalanceExecuteCommand(host: HostServices): CommandSpec {
  return {
    name: 'rebalance execute',
    description: 'trade the plan: orders journaled first, sent through the order router, fills booked',
    options: OPTIONS,
    run: (_args, options, context) => {
      const terminal = Boolean(process.stdin.isTTY && process.stdout.isTTY);
      const dryRun = Boolean(options.dryRun);
      if (!options.yes && !dryRun && !terminal) throw new UsageError('rebalance execute: no terminal to confirm on; pass --yes to trade without asking (or --dry-run to only look).');
      const strategy = parseStrategy(options.strategy);
      return withSession(context, host, async (session, runtime) => {
        const live = !options.json && Boolean((context.stderr as { isTTY?: boolean }).isTTY);
        const deps = executeDeps(runtime, host, { trigger: 'cli', onProgress: live ? (event) => context.stderr.write(`${progressLine(event)}\n`) : undefined });
        const result = await executeRebalance(session, deps, { strategy, dryRun, resume: Boolean(options.resume), confirm: options.yes ? undefined : askOnTerminal });
        const exitCode = executeExitCode(result);
        if (options.json) return { exitCode, stdout: JSON.stringify(executeJson(result), null, 2) };
        const { config } = runtime;
        const text = renderExecute(result, { currency: config.currency, terminal });
        const showPlan = result.plan && (dryRun || result.refusals.some((r) => r.code === 'prices_moved'));
        return { exitCode, stdout: showPlan ? `${renderPlan(result.plan!, { currency: config.currency, sourceNote: sourceNote(runtime), rebalanceTo: config.rebalance_to })}\n\n${text}` : text };
      });
    },
  };
}
