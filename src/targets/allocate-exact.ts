// Rounding a target set to 8 decimals without losing or gaining a unit: largest remainder, so
// thirds sum to 1 and not 0.99999999.
import { InvariantError } from '../errors.js';
import { Decimal, sum } from '../money.js';

/** Targets are kept to this many decimals of a fraction: 0.000001%. */
export const PLACES = 8;
/**
 * Remainders that agree to this many decimals past `places` are a tie: the last digits of a
 * 40-digit division are noise, not a reason to prefer one asset.
 */
const TIE_PLACES = 16;

/**
 * Rounds fractions to `places` decimals (default 8) so they sum to exactly `total`, by largest
 * remainder (ties: larger value first, then key order). The values must already sum to `total`
 * within one unit of the last place per value: this rounds, it does not rescale.
 */
export function allocateExact(values: ReadonlyMap<string, Decimal>, total: Decimal, places = PLACES): Map<string, Decimal> {
  if (!Number.isInteger(places) || places < 0) throw new InvariantError(`allocateExact: places must be a whole number of 0 or more, not ${places}`);
  if (!total.isFinite() || total.decimalPlaces() > places) throw new InvariantError(`allocateExact: the total ${total.toFixed()} has more than ${places} decimals`);
  const unit = new Decimal(10).pow(-places);
  const rows = [...values].map(([key, value], index) => {
    const floor = value.toDecimalPlaces(places, Decimal.ROUND_FLOOR);
    return { key, value, floor, remainder: value.minus(floor).toDecimalPlaces(places + TIE_PLACES, Decimal.ROUND_HALF_EVEN), index };
  });
  const missing = total.minus(sum(rows.map((row) => row.floor))).div(unit);
  if (!missing.isInteger() || missing.lt(0) || missing.gt(rows.length)) {
    throw new InvariantError(`allocateExact: the values sum to ${sum(values.values()).toFixed()}, which rounding to ${places} decimals cannot make ${total.toFixed()}`);
  }
  const order = [...rows].sort((a, b) => b.remainder.comparedTo(a.remainder) || b.value.comparedTo(a.value) || a.index - b.index);
  const raised = new Set(order.slice(0, missing.toNumber()).map((row) => row.key));
  return new Map(rows.map((row) => [row.key, raised.has(row.key) ? row.floor.plus(unit) : row.floor]));
}
