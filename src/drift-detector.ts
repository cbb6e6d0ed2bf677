// Holdings + prices + targets -> where the portfolio stands against its targets. Pure.
// The same asset on several venues is one asset; every cash asset (USDC, USD, ...) is one cash
// bucket, shown under the name its target uses (USDC or CASH). Weights are exact Decimals; any
// rounding happens only when they are shown.
import type { Holding } from './snapshot.js';
import { InvariantError } from './errors.js';
import { ZERO, type Decimal } from './money.js';

export type DriftStatus = 'overweight' | 'underweight' | 'within' | 'untargeted';

export interface DriftPart {
  venue: string;
  asset: string;
  quantity: Decimal;
  price: Decimal;
  value: Decimal;
}

export interface DriftRow {
  /** The asset, or the cash bucket's name. */
  asset: string;
  cash: boolean;
  value: Decimal;
  /** Share of the total value, as a fraction (0.452). */
  weight: Decimal;
  target?: Decimal;
  /** weight - target, in fraction points (+0.052 is 5.2 points over). */
  drift?: Decimal;
  status: DriftStatus;
  /** What it is made of, per venue and asset. */
  parts: DriftPart[];
}

export interface DriftReport {
  totalValue: Decimal;
  rows: DriftRow[];
  threshold: Decimal;
  /** Targeted rows whose drift exceeds the threshold, in row order. */
  breaches: string[];
}

export interface DriftInput {
  holdings: readonly Holding[];
  /** Price of every held asset, in the reporting currency. */
  prices: ReadonlyMap<string, Decimal>;
  /** Target fractions by asset, in display order; the cash bucket's may be on any cash asset or CASH. */
  targets: ReadonlyMap<string, Decimal>;
  cashAssets: readonly string[];
  /** Drift above this (strictly) is a breach. */
  threshold: Decimal;
}

export const CASH_BUCKET = 'CASH';

export function detectDrift(input: DriftInput): DriftReport {
  const isCash = (asset: string) => asset === CASH_BUCKET || input.cashAssets.includes(asset);
  const cashName = [...input.targets.keys()].find(isCash) ?? CASH_BUCKET;
  const bucketOf = (asset: string) => (isCash(asset) ? cashName : asset);

  const parts = new Map<string, DriftPart[]>();
  for (const holding of input.holdings) {
    if (holding.quantity.isZero()) continue;
    const price = input.prices.get(holding.asset);
    if (!price || price.lte(0)) {
      throw new InvariantError(`detectDrift needs a positive price for every held asset; ${holding.asset} has ${price ? price.toFixed() : 'none'}.`);
    }
    const bucket = bucketOf(holding.asset);
    const part = { venue: holding.venue, asset: holding.asset, quantity: holding.quantity, price, value: holding.quantity.times(price) };
    const list = parts.get(bucket);
    if (list) list.push(part);
    else parts.set(bucket, [part]);
  }

  let totalValue = ZERO;
  for (const list of parts.values()) for (const part of list) totalValue = totalValue.plus(part.value);

  const row = (asset: string, target: Decimal | undefined): DriftRow => {
    const list = parts.get(asset) ?? [];
    const value = list.reduce((acc, part) => acc.plus(part.value), ZERO);
    const weight = totalValue.isZero() ? ZERO : value.div(totalValue);
    const base = { asset, cash: isCash(asset), value, weight, parts: list };
    if (target === undefined) return { ...base, status: 'untargeted' };
    const drift = weight.minus(target);
    const status = drift.gt(input.threshold) ? 'overweight' : drift.lt(input.threshold.neg()) ? 'underweight' : 'within';
    return { ...base, target, drift, status };
  };

  const rows = [...input.targets].map(([asset, target]) => row(asset, target));
  const untargeted = [...parts.keys()]
    .filter((asset) => !input.targets.has(asset))
    .map((asset) => row(asset, undefined))
    .sort((a, b) => b.value.cmp(a.value) || a.asset.localeCompare(b.asset));
  rows.push(...untargeted);

  return {
    totalValue,
    rows,
    threshold: input.threshold,
    breaches: rows.filter((r) => r.status === 'overweight' || r.status === 'underweight').map((r) => r.asset),
  };
}

