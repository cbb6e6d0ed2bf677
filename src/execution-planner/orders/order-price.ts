// The price an order may trade at, from the best bid/ask (or the plan's price when the book is not
// known) and slippage_tolerance. Rounded to the price step in the safe direction: a buy never
// pays more than ask x (1 + tolerance), a sell never takes less than bid x (1 - tolerance).
import { ceilToStep, type Decimal, floorToStep, ONE } from '../../money.js';
import type { OrderSide } from '../../ports.js';

export interface BookTop {
  bid?: Decimal | undefined;
  ask?: Decimal | undefined;
}

/** What the order is measured against: the ask for a buy, the bid for a sell, else the fallback. */
export function referencePrice(side: OrderSide, book: BookTop | undefined, fallback: Decimal): Decimal {
  const quoted = side === 'buy' ? book?.ask : book?.bid;
  return quoted !== undefined && quoted.gt(0) ? quoted : fallback;
}

/** The worst price accepted, on the price grid: buys rounded down, sells rounded up. */
export function worstAcceptablePrice(side: OrderSide, reference: Decimal, tolerance: Decimal, priceStep: Decimal): Decimal {
  return side === 'buy'
    ? floorToStep(reference.times(ONE.plus(tolerance)), priceStep)
    : ceilToStep(reference.times(ONE.minus(tolerance)), priceStep);
}
