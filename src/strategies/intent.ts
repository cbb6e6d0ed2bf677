// What a strategy decides, before any venue is chosen: per asset, how much value to buy (+) or
// sell (-) in the reporting currency, and why. The execution planner turns intents into trades.
import type { Diagnostic } from '../diagnostics.js';
import type { DriftRow } from '../drift-detector.js';
import type { RebalanceTo } from '../config.js';
import { ZERO, type Decimal } from '../money.js';

export interface Band {
  low: Decimal;
  high: Decimal;
}

export interface AssetIntent {
  /** Value to buy (+) or sell (-), in the reporting currency. */
  delta: Decimal;
  reason: string;
}

export interface StrategyInput {
  rows: readonly DriftRow[];
  totalValue: Decimal;
  /** The cash bucket's row name (USDC, CASH, ...). */
  cashKey: string;
  /** The band of every targeted row, cash included. */
  bands: ReadonlyMap<string, Band>;
  rebalanceTo: RebalanceTo;
  /** min_cash_reserve, as a fraction of the total. */
  reserve: Decimal;
  minTradeValue: Decimal;
  /** Value of each asset held on venues that can trade it: the most that can be sold. */
  sellable: ReadonlyMap<string, Decimal>;
  /** Assets some tradable venue lists a market for. */
  buyable: ReadonlySet<string>;
}

export interface StrategyResult {
  intents: Map<string, AssetIntent>;
  diagnostics: Diagnostic[];
}

/**
 * Spreads `budget` over `deficits` so that the largest remaining deficit is as small as possible
 * (water-filling): the biggest gaps are filled first, down to a common level. Never gives an asset
 * more than its deficit; what cannot be placed is left over.
 */
export function waterFill(deficits: ReadonlyMap<string, Decimal>, budget: Decimal): Map<string, Decimal> {
  const sorted = [...deficits].filter(([, deficit]) => deficit.gt(0)).sort((a, b) => b[1].cmp(a[1]) || a[0].localeCompare(b[0]));
  const result = new Map<string, Decimal>();
  if (sorted.length === 0 || budget.lte(0)) return result;
  let sumTop = ZERO;
  let level = ZERO;
  let count = sorted.length;
  for (let k = 0; k < sorted.length; k++) {
    sumTop = sumTop.plus(sorted[k]![1]);
    const next = sorted[k + 1]?.[1] ?? ZERO;
    const cost = sumTop.minus(next.times(k + 1));
    if (budget.lte(cost)) {
      level = sumTop.minus(budget).div(k + 1);
      count = k + 1;
      break;
    }
  }
  for (const [asset, deficit] of sorted.slice(0, count)) {
    const amount = deficit.minus(level);
    if (amount.gt(0)) result.set(asset, amount);
  }
  return result;
}

/** Water-fills, then drops allocations under `minimum` and fills again without them. */
export function waterFillAboveMinimum(deficits: ReadonlyMap<string, Decimal>, budget: Decimal, minimum: Decimal): { fills: Map<string, Decimal>; dropped: string[] } {
  const candidates = new Map(deficits);
  const dropped: string[] = [];
  for (;;) {
    const fills = waterFill(candidates, budget);
    const small = [...fills].filter(([, amount]) => amount.lt(minimum)).sort((a, b) => a[1].cmp(b[1]) || a[0].localeCompare(b[0]));
    if (small.length === 0) return { fills, dropped };
    // Remove the smallest one and try again: the budget moves to the others.
    const [asset] = small[0]!;
    candidates.delete(asset);
    dropped.push(asset);
  }
}
