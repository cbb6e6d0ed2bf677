// Drawdown protection: how far the portfolio sits below its high-water mark, and, while that is
// at least drawdown_reduce_at, a shift of the risk targets toward cash. The caller keeps the mark
// between runs; a value equal to the mark keeps the old mark and its date, so the date says when
// the peak was first reached. `priceJump` is the guard against one typo'd price raising the mark
// for good (and then driving sells once the price is right again).
import type { Diagnostic } from '../diagnostics.js';
import { InvariantError } from '../errors.js';
import { formatMoney, formatPercent } from '../format.js';
import { floorWeight } from './exposure.js';
import { Decimal, ONE, ZERO, toPercentPoints } from '../money.js';

export interface HighWaterMark {
  value: Decimal;
  at: Date;
  /** The prices of the held assets when the mark was taken; without them no jump can be traced. */
  prices?: ReadonlyMap<string, Decimal> | undefined;
}

/**
 * A rise above the mark of more than this is checked for one price explaining it. A genuine rise
 * of 50% between two status runs that one asset's price alone accounts for is rare enough to ask
 * the user (kit rebalance reset-drawdown); a price typo by a factor of 10 always is one.
 */
export const HIGH_WATER_JUMP_BOUND = new Decimal('0.5');

export interface PriceJump {
  asset: string;
  price: Decimal;
  /** The asset's price when the mark was taken. */
  markPrice: Decimal;
  /** The total with the asset valued at the mark's price: within the bound. */
  withoutIt: Decimal;
}

export interface DrawdownAssessment {
  highWater: HighWaterMark;
  /** Fraction below the high-water mark; 0 at or above it. */
  drawdown: Decimal;
  active: boolean;
  diagnostics: Diagnostic[];
}

export interface DrawdownInput {
  value: Decimal;
  now: Date;
  previous?: HighWaterMark | undefined;
  reduceAt?: Decimal | undefined;
  shift: Decimal;
  /** The reporting currency the high-water mark is shown in; USD when absent. */
  currency?: string | undefined;
}

export function assessDrawdown(input: DrawdownInput): DrawdownAssessment {
  const { value, now, previous, reduceAt, shift } = input;
  if (value.isNegative()) throw new InvariantError(`assessDrawdown needs a portfolio value of at least 0; got ${value.toFixed()}.`);
  const highWater = previous && previous.value.gte(value) ? previous : { value, at: now };
  const drawdown = highWater.value.gt(0) ? highWater.value.minus(value).div(highWater.value) : ZERO;
  const active = reduceAt !== undefined && drawdown.gte(reduceAt);
  const diagnostics: Diagnostic[] = [];
  if (active) {
    diagnostics.push({
      severity: 'warning',
      code: 'risk.drawdown_active',
      message:
        `Drawdown protection active: the portfolio is ${formatPercent(drawdown)} below its high-water mark ` +
        `${formatMoney(highWater.value, input.currency ?? 'USD')} of ${highWater.at.toISOString().slice(0, 10)}; ` +
        `risk targets are shifted ${toPercentPoints(shift, 2).toFixed()}% toward cash.`,
    });
  }
  return { highWater, drawdown, active, diagnostics };
}

/**
 * The rule: a rise is one price's alone when (1) `value` is more than `bound` above the mark,
 * (2) valuing that one held asset at its price at the mark (the rest as now) brings the total back
 * to at most mark x (1 + bound), and (3) no other held asset's price rose by more than `bound`
 * since the mark: a typo moves one price, a rally moves several. Of several such assets, the one
 * whose price change adds most is named. Undefined when the rise is within the bound, or is not
 * down to one price (a deposit, a broad rally), or the mark has no prices to compare with.
 */
export function priceJump(mark: HighWaterMark, value: Decimal, quantities: ReadonlyMap<string, Decimal>, prices: ReadonlyMap<string, Decimal>, bound = HIGH_WATER_JUMP_BOUND): PriceJump | undefined {
  const limit = mark.value.times(ONE.plus(bound));
  if (value.lte(limit) || !mark.prices) return undefined;
  const rose = (asset: string) => {
    const [price, markPrice] = [prices.get(asset), mark.prices?.get(asset)];
    return price !== undefined && markPrice !== undefined && markPrice.gt(0) && price.div(markPrice).gt(ONE.plus(bound));
  };
  const risen = [...quantities.keys()].filter(rose);
  let found: (PriceJump & { added: Decimal }) | undefined;
  for (const [asset, quantity] of quantities) {
    if (risen.some((other) => other !== asset)) continue;
    const price = prices.get(asset);
    const markPrice = mark.prices.get(asset);
    if (!price || !markPrice || price.lte(markPrice)) continue;
    const added = quantity.times(price.minus(markPrice));
    const withoutIt = value.minus(added);
    if (withoutIt.lte(limit) && (!found || added.gt(found.added))) found = { asset, price, markPrice, withoutIt, added };
  }
  return found && { asset: found.asset, price: found.price, markPrice: found.markPrice, withoutIt: found.withoutIt };
}

/**
 * Every non-cash target times (1 - shift), floored to 1e-8, and the freed weight added to the
 * cash bucket (appended when absent and something was freed): the sum stays exactly what it was.
 */
export function applyDrawdownShift(targets: ReadonlyMap<string, Decimal>, cashKey: string, shift: Decimal): Map<string, Decimal> {
  if (shift.isNegative() || shift.gt(ONE)) throw new InvariantError(`applyDrawdownShift needs a shift between 0 and 1; got ${shift.toFixed()}.`);
  const shifted = new Map<string, Decimal>();
  let freed = ZERO;
  for (const [asset, target] of targets) {
    const after = asset === cashKey || shift.isZero() ? target : floorWeight(target.times(ONE.minus(shift)));
    freed = freed.plus(target.minus(after));
    shifted.set(asset, after);
  }
  const cash = shifted.get(cashKey);
  if (cash !== undefined || freed.gt(0)) shifted.set(cashKey, (cash ?? ZERO).plus(freed));
  return shifted;
}
