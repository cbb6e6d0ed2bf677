// Holdings + prices + targets -> where the portfolio stands against its targets. Pure.
// The same asset on several venues is one asset; every cash asset (USDC, USD, ...) is one cash
// bucket, shown under the name its target uses (USDC or CASH). Weights are exact Decimals; any
// rounding happens only when they are shown. An asset is judged against its own band when the
// caller gives one (the `band` strategy's bands:, max_single_asset), else against ±threshold, so
// status and preview flag the same assets.
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
  /** Targeted rows outside their band, in row order; none while the portfolio is worth nothing. */
  breaches: string[];
  /** The portfolio is worth nothing: weights are 0 and no asset can be brought anywhere by trading. */
  empty: boolean;
}

/** The weights an asset may take, as fractions of the total: inside [low, high] it has not drifted. */
export interface WeightBand {
  low: Decimal;
  high: Decimal;
}

export interface DriftInput {
  holdings: readonly Holding[];
  /** Price of every held asset, in the reporting currency. */
  prices: ReadonlyMap<string, Decimal>;
  /** Target fractions by asset, in display order; the cash bucket's may be on any cash asset or CASH. */
  targets: ReadonlyMap<string, Decimal>;
  cashAssets: readonly string[];
  /** Drift above this (strictly) is a breach, for assets without a band of their own. */
  threshold: Decimal;
  /** Per asset, its band (resolveBands); an asset absent here is judged against ±threshold. */
  bands?: ReadonlyMap<string, WeightBand> | undefined;
  /**
   * A weight on a band's edge counts as outside: how a plan's result is judged, since a plan that
   * stops on the edge has not brought the asset inside. Status (before any trade) leaves it false.
   */
  edgeIsOutside?: boolean | undefined;
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
    const band = input.bands?.get(asset) ?? { low: target.minus(input.threshold), high: target.plus(input.threshold) };
    return { ...base, target, drift, status: statusIn(weight, band, input.edgeIsOutside ?? false) };
  };

  const rows = [...input.targets].map(([asset, target]) => row(asset, target));
  const untargeted = [...parts.keys()]
    .filter((asset) => !input.targets.has(asset))
    .map((asset) => row(asset, undefined))
    .sort((a, b) => b.value.cmp(a.value) || a.asset.localeCompare(b.asset));
  rows.push(...untargeted);

  const empty = totalValue.isZero();
  return {
    totalValue,
    rows,
    threshold: input.threshold,
    breaches: empty ? [] : rows.filter((r) => r.status === 'overweight' || r.status === 'underweight').map((r) => r.asset),
    empty,
  };
}

/**
 * Where a weight stands against its band; on the edge is inside unless `edgeIsOutside`. A band
 * clipped to 0% or 100% has no edge there: a weight cannot pass it.
 */
export function statusIn(weight: Decimal, band: WeightBand, edgeIsOutside: boolean): 'overweight' | 'underweight' | 'within' {
  if (weight.gt(band.high) || (edgeIsOutside && band.high.lt(1) && weight.eq(band.high))) return 'overweight';
  if (weight.lt(band.low) || (edgeIsOutside && band.low.gt(0) && weight.eq(band.low))) return 'underweight';
  return 'within';
}

