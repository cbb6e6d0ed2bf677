// The portfolio as the plan leaves it: drift against the targets, the limits it still breaks,
// what the trades cost, and how much of the portfolio they move.
import type { Diagnostic } from '../diagnostics.js';
import { detectDrift, type DriftReport, type WeightBand } from '../drift-detector.js';
import type { PlannedTrade } from '../execution-planner.js';
import { ZERO, sum, type Decimal } from '../money.js';
import { limitBreaches, type ExposureLimits } from '../risk/exposure.js';
import type { Holding } from '../snapshot.js';

export interface AfterInput {
  holdingsAfter: readonly Holding[];
  prices: ReadonlyMap<string, Decimal>;
  targets: ReadonlyMap<string, Decimal>;
  cashAssets: readonly string[];
  threshold: Decimal;
  /** The bands the strategy judged by; each asset must end strictly inside its own. */
  bands?: ReadonlyMap<string, WeightBand> | undefined;
  limits: ExposureLimits;
  trades: readonly PlannedTrade[];
  /** Whether leftover drift needs a note: a plan that traded, not blocked, and not cash-flow (which never sells). */
  explainDrift: boolean;
}

export function afterState(input: AfterInput): { after: DriftReport; diagnostics: Diagnostic[] } {
  // Strict: a plan that stops on a band's edge has not brought the asset inside it.
  const after = detectDrift({ holdings: input.holdingsAfter, prices: input.prices, targets: input.targets, cashAssets: input.cashAssets, threshold: input.threshold, bands: input.bands, edgeIsOutside: true });
  const diagnostics = limitBreaches(weightsOf(after), input.limits);
  const breaches = after.rows.filter((row) => row.status === 'overweight' || row.status === 'underweight');
  if (input.explainDrift && input.trades.length > 0 && breaches.length > 0) {
    diagnostics.push({ severity: 'info', code: 'plan.drift_remains', message: `After the trades ${breaches.map((row) => row.asset).join(', ')} remain${breaches.length === 1 ? 's' : ''} outside ${breaches.length === 1 ? 'its band' : 'their bands'}; the warnings above say why.` });
  }
  return { after, diagnostics };
}

/** Estimated fees in the reporting currency, per venue (in the order they first trade) and in all. */
export function feesOf(trades: readonly PlannedTrade[]): { total: Decimal; byVenue: Map<string, Decimal> } {
  const byVenue = new Map<string, Decimal>();
  for (const trade of trades) byVenue.set(trade.venue, (byVenue.get(trade.venue) ?? ZERO).plus(trade.feeValue));
  return { total: sum(byVenue.values()), byVenue };
}

/** Half the sum of absolute weight changes, cash included. */
export function turnoverOf(before: DriftReport, after: DriftReport): Decimal {
  const [was, is] = [weightsOf(before), weightsOf(after)];
  const assets = new Set([...was.keys(), ...is.keys()]);
  return sum([...assets].map((asset) => (is.get(asset) ?? ZERO).minus(was.get(asset) ?? ZERO).abs())).div(2);
}

function weightsOf(report: DriftReport): Map<string, Decimal> {
  return new Map(report.rows.map((row) => [row.asset, row.weight]));
}
