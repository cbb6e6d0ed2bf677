// Taking a quantity from lots: the basis each part carries (shares computed to SHARE_PLACES), whole
// lots taken without arithmetic, and allocating an amount over weights so the parts sum to the whole.
import { Decimal, ZERO } from '../money.js';
import type { Lot } from './lot-queue.js';

/**
 * Decimals kept in a pro-rata share of an amount of money. Cutting shares to a fixed scale keeps
 * every sum and remainder exact within money.ts's 40 significant digits (for amounts below 10^20),
 * so the parts of a split always add up to the whole.
 */
export const SHARE_PLACES = 20;

/** `amount` x `part` / `whole`, half-even to SHARE_PLACES; the whole amount when part = whole. */
export function share(amount: Decimal, part: Decimal, whole: Decimal): Decimal {
  return part.eq(whole) ? amount : amount.times(part).div(whole).toDecimalPlaces(SHARE_PLACES, Decimal.ROUND_HALF_EVEN);
}

/** Removes `quantity` from the lot and returns the basis that leaves with it (all of it on the last unit). */
export function take(lot: Lot, quantity: Decimal): Decimal {
  if (quantity.eq(lot.quantity)) {
    // The whole lot: no arithmetic (most takes in a long history empty the lot they take from).
    const cost = lot.cost;
    lot.quantity = ZERO;
    lot.cost = ZERO;
    return cost;
  }
  const cost = share(lot.cost, quantity, lot.quantity);
  lot.quantity = lot.quantity.minus(quantity);
  lot.cost = lot.cost.minus(cost);
  return cost;
}

/** A part taken from a lot, frozen at the time of the take. */
export interface Taken {
  lot: Lot;
  lotId: string;
  acquiredAt: Date;
  holdingStart: Date;
  quantity: Decimal;
  cost: Decimal;
}

/**
 * The same amount holding only its digits: arithmetic leaves a Decimal's digit array with room to
 * grow, twice the memory, which adds up in a lot held across a long replay.
 */
export function compact(value: Decimal): Decimal {
  return new Decimal(value);
}

/** Takes up to `quantity` from `ordered` in turn; `left` is what the lots could not supply. */
export function consume(ordered: readonly Lot[], quantity: Decimal): { taken: Taken[]; left: Decimal } {
  const taken: Taken[] = [];
  let left = quantity;
  for (const lot of ordered) {
    if (left.lte(0)) break;
    if (lot.quantity.lte(0)) continue;
    const part = left.lt(lot.quantity) ? left : lot.quantity;
    const cost = take(lot, part);
    taken.push({ lot, lotId: lot.lotId, acquiredAt: lot.acquiredAt, holdingStart: lot.holdingStart, quantity: part, cost });
    left = part === left ? ZERO : left.minus(part);
  }
  return { taken, left };
}

/**
 * Splits `amount` pro rata by `weights` (quantities); the last part takes the rounding remainder,
 * so the parts always sum to `amount` exactly.
 */
export function allocate(amount: Decimal, weights: readonly Decimal[]): Decimal[] {
  if (weights.length === 1) return [amount]; // the one part is the whole: nothing to compute
  const total = weights.reduce((acc, weight) => acc.plus(weight), ZERO);
  let given = ZERO;
  return weights.map((weight, index) => {
    if (index === weights.length - 1) return amount.minus(given);
    const part = share(amount, weight, total);
    given = given.plus(part);
    return part;
  });
}
