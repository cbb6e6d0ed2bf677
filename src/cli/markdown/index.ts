// Every tool's answer carries a `markdown` field beside its data: what the agent can show the user
// as it is (the seed's example session), while the data stays for reasoning and follow-up calls.
import type { PlanJson } from '../plan-json.js';
import type { StatusJson } from '../status-json.js';
import { harvestMarkdown, type HarvestToolJson } from './harvest.js';
import { historyMarkdown } from './history.js';
import { previewMarkdown } from './preview.js';
import { setTargetMarkdown, type SetTargetJson } from './set-target.js';
import { statusMarkdown } from './status.js';
import { swapsMarkdown } from './swaps.js';
import type { SwapsListingJson } from '../swaps-json.js';
import type { SwapRecordJson } from '../swap-record-json.js';
import { taxMarkdown } from './tax.js';

type Renderer = (result: never) => string;

const RENDERERS: Record<string, Renderer> = {
  portfolio_status: (result: StatusJson) => statusMarkdown(result),
  rebalance_preview: (result: PlanJson) => previewMarkdown(result),
  rebalance_set_target: (result: SetTargetJson) => setTargetMarkdown(result),
  rebalance_history: (result: Parameters<typeof historyMarkdown>[0]) => historyMarkdown(result),
  rebalance_harvest: (result: HarvestToolJson) => harvestMarkdown(result),
  tax_report: (result: Parameters<typeof taxMarkdown>[0]) => taxMarkdown(result),
  rebalance_swaps: (result: SwapsListingJson) => swapsMarkdown(result),
  // The message is already a sentence for the user (what was booked, or why not and what next).
  rebalance_record_swap: (result: SwapRecordJson) => result.message,
};

/** The result with its Markdown. An `{error}` answer stays as it is: the error is already the text to show. */
export function withMarkdown(toolName: string, result: unknown): unknown {
  if (typeof result !== 'object' || result === null || Array.isArray(result)) return result;
  const record = result as Record<string, unknown>;
  const render = RENDERERS[toolName];
  return typeof record.error === 'string' || !render ? result : { ...record, markdown: render(result as never) };
}
