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
  /** A sale only to raise cash for buys (its asset is inside its band): worth planning only where its proceeds fund one. */
  funding?: true | undefined;
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
  /** Per asset held where it cannot be sold, the end of "the rest ...": where and why. Absent: wallets. */
  unsellable?: ReadonlyMap<string, string> | undefined;
  /** Assets some tradable venue lists a market for. */
  buyable: ReadonlySet<string>;
  /** The highest trading fee among the venues, as a fraction: what a trade costs on top of its value. */
  costRate: Decimal;
  /** The reporting currency, for amounts in findings. */
  currency: string;
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

/**
 * Water-fills, leaving out the smallest gaps whose share would be under `minimum`: the largest k
 * gaps are kept such that every positive fill among them is at least `minimum`, and the budget
 * goes to those. Allocations grow with the gap, so the smallest fill is always the smallest kept
 * gap's; prefix sums find each level in O(log n), the whole search in O(n log n).
 */
export function waterFillAboveMinimum(deficits: ReadonlyMap<string, Decimal>, budget: Decimal, minimum: Decimal): { fills: Map<string, Decimal>; dropped: string[] } {
  const sorted = [...deficits].filter(([, deficit]) => deficit.gt(0)).sort((a, b) => b[1].cmp(a[1]) || a[0].localeCompare(b[0]));
  const prefix: Decimal[] = [ZERO];
  for (const [, deficit] of sorted) prefix.push(prefix[prefix.length - 1]!.plus(deficit));
  // The water level when only the top k gaps are filled: the j most-short among them reach it.
  const levelFor = (k: number): { level: Decimal; filled: number } => {
    if (budget.gte(prefix[k]!)) return { level: ZERO, filled: k };
    let lo = 1;
    let hi = k;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const next = sorted[mid]![1];
      // Cost of bringing the top `mid` down to the next gap.
      if (prefix[mid]!.minus(next.times(mid)).gte(budget)) hi = mid;
      else lo = mid + 1;
    }
    return { level: prefix[lo]!.minus(budget).div(lo), filled: lo };
  };
  for (let k = sorted.length; k > 0; k--) {
    const { level, filled } = levelFor(k);
    const smallest = sorted[filled - 1]![1].minus(level);
    if (smallest.gte(minimum) || budget.lte(0)) {
      const fills = new Map<string, Decimal>();
      for (const [asset, deficit] of sorted.slice(0, filled)) if (deficit.minus(level).gt(0)) fills.set(asset, deficit.minus(level));
      return { fills, dropped: sorted.slice(k).map(([asset]) => asset) };
    }
  }
  return { fills: new Map(), dropped: sorted.map(([asset]) => asset) };
}
