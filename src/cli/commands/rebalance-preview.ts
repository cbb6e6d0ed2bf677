// `kit rebalance preview [--strategy S] [--deposit AMOUNT ASSET] [--json]`: the plan with its tax
// figures and, with tax.enable_tlh, the losses it leaves to harvest. Exit 3 when not executable.
import { STRATEGIES } from '../../config.js';
import type { CommandSpec } from '../../host/contract.js';
import type { HostServices } from '../../host/runtime.js';
import { forReading } from '../../host/state-ledger.js';
import { savePreviewRecord, taxedPreview } from '../../rebalancer.js';
import { harvestJson, renderHarvest } from '../harvest-output.js';
import { parseDeposit, parseStrategy } from '../parse-preview.js';
import { planJson } from '../plan-json.js';
import { renderPlan } from '../render-plan.js';
import { renderStatus } from '../render-status.js';
import { jsonSource, sourceNote } from '../source-note.js';
import { withSession } from '../with-session.js';

const PREVIEW_OPTIONS = [
  { flags: '--strategy <name>', description: `plan with this strategy instead of the configured one (${STRATEGIES.join(', ')})` },
  { flags: '--deposit <amount...>', description: 'plan a deposit before it arrives, e.g. --deposit 5000 USDC' },
  { flags: '--deposit-venue <venue>', description: 'the venue the deposit arrives on (default: the first that quotes in that asset)' },
  { flags: '--json', description: 'print JSON (decimal strings) instead of tables' },
];

export function rebalancePreviewCommand(host: HostServices): CommandSpec {
  return {
    name: 'rebalance preview',
    description: 'the trades that would bring the portfolio back to target, without trading',
    options: PREVIEW_OPTIONS,
    run: (_args, options, context) =>
      withSession(forReading(context), host, async (session, runtime) => {
        const { config } = runtime;
        const preview = await taxedPreview(session, { strategy: parseStrategy(options.strategy), deposit: parseDeposit(options.deposit, options.depositVenue), harvest: config.tax.enable_tlh });
        const { plan, taxes, harvest } = preview;
        if (!plan && options.json) return { exitCode: 3, stdout: JSON.stringify({ error: 'There is no plan: some holdings have no usable price.', problems: preview.status.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), exit_code: 3 }, null, 2) };
        if (!plan) return { exitCode: 3, stdout: renderStatus(preview.status, { byVenue: false, currency: config.currency, sourceNote: sourceNote(runtime) }) };
        // Remembered, so that execute can tell whether prices moved since this was shown.
        savePreviewRecord(runtime.ledger, preview.status, plan, 'cli');
        const exitCode = plan.executable ? 0 : 3;
        if (options.json) {
          return { exitCode, stdout: JSON.stringify({ ...planJson(plan, { ...jsonSource(runtime), ...(taxes ? { taxes } : {}) }), harvest: harvest ? harvestJson(harvest) : null }, null, 2) };
        }
        const text = renderPlan(plan, { currency: config.currency, sourceNote: sourceNote(runtime), rebalanceTo: config.rebalance_to, taxes });
        return { exitCode, stdout: harvest ? `${text}\n\nTax-loss harvesting (tax.enable_tlh):\n${renderHarvest(harvest, config.currency)}` : text };
      }),
  };
}
