// When a plan has no trade, it says why in one finding: the preview prints it in place of an
// empty list. The strategy's own finding (every asset inside its band, no cash to deploy, ...)
// already says it when nothing was asked for; this covers what happens after that.
import type { Diagnostic } from '../diagnostics.js';
import type { AssetIntent } from '../strategies/intent.js';

export interface NoTradeInput {
  /** An error (a venue that did not answer, a missing price) stopped the plan before any strategy ran. */
  blocked: boolean;
  intents: ReadonlyMap<string, AssetIntent>;
  tradeCount: number;
  /** Every finding so far. */
  diagnostics: readonly Diagnostic[];
}

/** Findings that already say why nothing trades: the strategy found nothing to do, or could not start. */
const SAYS_WHY = new Set(['plan.within_bands', 'plan.no_targets', 'plan.empty_portfolio', 'plan.no_cash_to_deploy', 'plan.nothing_underweight']);

export function noTradeReason(input: NoTradeInput): Diagnostic | undefined {
  if (input.tradeCount > 0) return undefined;
  if (input.blocked) {
    return { severity: 'info', code: 'plan.blocked', message: 'No trade is planned: the data behind the plan is incomplete (the errors above say what is missing).' };
  }
  if (input.intents.size === 0) {
    if (input.diagnostics.some((d) => SAYS_WHY.has(d.code))) return undefined;
    return { severity: 'info', code: 'plan.nothing_possible', message: 'No trade is planned: what drifted cannot be traded on any venue (the warnings above say why).' };
  }
  const venueFindings = input.diagnostics.filter((d) => d.code.startsWith('plan.skipped') || d.code.startsWith('constraint.'));
  if (venueFindings.length > 0 && venueFindings.every((d) => d.code === 'plan.skipped')) {
    return { severity: 'info', code: 'plan.all_below_minimum', message: "No trade is planned: every order it needs is below min_trade_value or a venue's minimum order (listed above)." };
  }
  return { severity: 'info', code: 'plan.nothing_placeable', message: 'No trade is planned: the venues cannot carry out the trades it needs (the warnings above say why).' };
}
