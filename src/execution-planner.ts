// Trades -> orders a venue will accept. Pure. This first piece sizes one order against its
// market's rules: the amount is floored to the step (never rounded up past what is held), and an
// order under the minimum amount or notional is not sent but reported, with the reason.
// Splitting, limit prices and ordering across venues build on it (the rebalancing engine issue).
import type { Diagnostic } from './diagnostics.js';
import { floorToStep, type Decimal } from './money.js';
import type { MarketRules, OrderSide } from './ports.js';

export interface OrderSizing {
  side: OrderSide;
  /** What the plan wants to trade, in base units. */
  quantity: Decimal;
  /** Expected price, in the market's quote. */
  price: Decimal;
  /** For sells: what the venue holds; the order never exceeds it. */
  available?: Decimal;
}

export type SizedOrder =
  | { ok: true; quantity: Decimal; notional: Decimal; fee: Decimal }
  | { ok: false; diagnostic: Diagnostic };

export function sizeOrder(market: MarketRules, order: OrderSizing, venue: string): SizedOrder {
  const wanted = order.side === 'sell' && order.available && order.available.lt(order.quantity) ? order.available : order.quantity;
  const quantity = floorToStep(wanted, market.amountStep);
  const notional = quantity.times(order.price);
  const skip = (reason: string): SizedOrder => ({
    ok: false,
    diagnostic: {
      severity: 'info',
      code: 'order.below_minimum',
      asset: market.base,
      venue,
      message: `skipped: ${order.side} ${wanted.toFixed()} ${market.base} on ${venue} (${notional.toFixed(2)} ${market.quote}) ${reason}`,
    },
  });
  if (quantity.lte(0)) return skip(`rounds to 0 at the amount step ${market.amountStep.toFixed()}`);
  if (quantity.lt(market.minAmount)) return skip(`below the minimum amount ${market.minAmount.toFixed()} ${market.base}`);
  if (notional.lt(market.minNotional)) return skip(`below the minimum order value ${market.minNotional.toFixed()} ${market.quote}`);
  return { ok: true, quantity, notional, fee: notional.times(market.takerFee) };
}
