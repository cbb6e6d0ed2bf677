// `kit ask "What's my portfolio drift?"`: the chat for hosts without a language model. The
// question is matched to a tool (ask-intents.ts), the tool is called as an agent would call it,
// and its Markdown is the answer. It never trades: "rebalance now" previews and says how to execute.
import type { CommandContext, CommandSpec, ToolDefinition, ToolHandler } from '../../host/contract.js';
import { CAPABILITIES, matchIntent, type Intent } from '../ask-intents.js';
import type { PlanJson } from '../plan-json.js';
import { previewMarkdown, tradeLines } from '../markdown/preview.js';
import { driftSection } from '../markdown/status.js';
import { footer } from '../markdown/common.js';
import type { StatusJson } from '../status-json.js';

/** The registered tools, built over the context a command runs in (its --config, env and cwd). */
export type ToolsFor = (context: CommandContext) => readonly { definition: ToolDefinition; handler: ToolHandler }[];

/** The seed's closing question; "yes" is answered with how to execute, "preview" with the plan. */
export const EXECUTE_QUESTION = 'Execute rebalance? [Yes/No/Preview]';
const NEVER_TRADES = '`kit ask` never trades. To place these trades, run `kit rebalance execute` (it shows the plan again and asks before trading).';

type Answer = { markdown?: string; error?: string } & Record<string, unknown>;
type Call = (name: string, args?: Record<string, unknown>) => Promise<Answer>;

export function askCommand(toolsFor: ToolsFor): CommandSpec {
  return {
    name: 'ask',
    description: 'ask in plain words ("What\'s my portfolio drift?", "set BTC to 45%", "tax report 2025"); answers in Markdown, never trades',
    arguments: [{ name: 'question...', description: 'the question, in quotes or not', required: false }],
    async run(args, _options, context) {
      const tools = new Map(toolsFor(context).map((tool) => [tool.definition.name, tool.handler]));
      const call: Call = async (name, toolArgs = {}) => (await tools.get(name)!(toolArgs)) as Answer;
      const answer = await answerFor(matchIntent(args.join(' ')), call);
      return { exitCode: answer.failed ? 1 : 0, stdout: answer.text };
    },
  };
}

async function answerFor(intent: Intent, call: Call): Promise<{ text: string; failed?: boolean }> {
  const simple = async (name: string, toolArgs?: Record<string, unknown>) => {
    const result = await call(name, toolArgs);
    if (typeof result.error === 'string') return { text: errorText(result), failed: true };
    return { text: result.markdown ?? JSON.stringify(result, null, 2) };
  };
  switch (intent.kind) {
    case 'drift':
      return drift(call);
    case 'preview':
      return preview(call, false);
    case 'execute':
      return preview(call, true);
    case 'decline':
      return { text: 'Nothing has been traded.' };
    case 'set-target':
      return simple('rebalance_set_target', { asset: intent.asset, percent: intent.percent });
    case 'history':
      return simple('rebalance_history');
    case 'harvest':
      return simple('rebalance_harvest');
    case 'tax':
      return simple('tax_report', intent.year === undefined ? {} : { year: intent.year });
    case 'help':
      return { text: CAPABILITIES };
  }
}

/** The seed's answer: the drift table, the warning, the trades that would fix it, the question. */
async function drift(call: Call): Promise<{ text: string; failed?: boolean }> {
  const status = (await call('portfolio_status')) as Answer & StatusJson;
  if (typeof status.error === 'string') return { text: errorText(status), failed: true };
  const out = driftSection(status);
  if (status.breaches.length > 0 && status.complete) {
    const plan = (await call('rebalance_preview')) as Answer & PlanJson;
    if (typeof plan.error === 'string') out.push('', errorText(plan));
    else {
      out.push('', ...tradeLines(plan, { labels: venueLabels(status), detail: false }));
      if (plan.trades.length > 0 && plan.executable) out.push('', EXECUTE_QUESTION);
    }
  }
  out.push('', footer({ as_of: status.as_of, source: status.config_source, demo: status.demo }));
  return { text: out.join('\n') };
}

async function preview(call: Call, execute: boolean): Promise<{ text: string; failed?: boolean }> {
  const status = (await call('portfolio_status')) as Answer & StatusJson;
  const plan = (await call('rebalance_preview')) as Answer & PlanJson;
  if (typeof plan.error === 'string') return { text: errorText(plan), failed: true };
  const text = previewMarkdown(plan, { labels: typeof status.error === 'string' ? undefined : venueLabels(status) });
  return { text: execute && plan.trades.length > 0 ? `${text}\n\n${NEVER_TRADES}` : text };
}

/** A refusal as the tool gave it (a config error's message already lists its problems). */
function errorText(result: Answer): string {
  return `⛔ ${String(result.error)}`;
}

function venueLabels(status: StatusJson): Map<string, string> {
  return new Map(status.venues.map((venue) => [venue.id, venue.label]));
}
