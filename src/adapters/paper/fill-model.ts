// How a paper venue fills an order, as pure functions. The venue's price is its configured price
// (base over quote); a market order fills at that price moved by `slippage` against the taker, a
// limit order at its limit or better and only when the price has reached it. Fees are taken in
// the quote asset. Balances reserved by open orders are not free, so nothing is spent twice.
import { ceilToStep, type Decimal, floorToStep, ONE, ZERO } from '../../money.js';
import type { MarketRules, OrderRequest, PaperOrder } from '../../ports.js';

/** The price a taker gets now: worse than the venue price by the slippage, on the price grid. */
export function takerPrice(side: OrderRequest['side'], price: Decimal, slippage: Decimal, priceStep: Decimal): Decimal {
  return side === 'buy' ? ceilToStep(price.times(ONE.plus(slippage)), priceStep) : floorToStep(price.times(ONE.minus(slippage)), priceStep);
}

/** Where an order fills now, or undefined when a limit order is not marketable (it rests). */
export function fillPrice(order: Pick<OrderRequest, 'side' | 'type' | 'limitPrice'>, taker: Decimal): Decimal | undefined {
  if (order.type === 'market' || !order.limitPrice) return taker;
  if (order.side === 'buy') return order.limitPrice.gte(taker) ? taker : undefined;
  return order.limitPrice.lte(taker) ? taker : undefined;
}

/** A market order filling beyond its slippage guard. */
export function breachesGuard(order: Pick<OrderRequest, 'side' | 'worstPrice'>, price: Decimal): boolean {
  if (!order.worstPrice) return false;
  return order.side === 'buy' ? price.gt(order.worstPrice) : price.lt(order.worstPrice);
}

/** What an order holds back while open: the base it sells, or the quote (with fee) it may spend. */
export function reservation(order: Pick<PaperOrder, 'side' | 'quantity' | 'filled' | 'limitPrice'>, market: MarketRules): { asset: string; amount: Decimal } {
  const remaining = order.quantity.minus(order.filled);
  if (order.side === 'sell') return { asset: market.base, amount: remaining };
  return { asset: market.quote, amount: remaining.times(order.limitPrice ?? ZERO).times(ONE.plus(market.takerFee)) };
}

/** The first problem a venue would refuse the order for, or undefined. */
export function orderProblem(order: OrderRequest, market: MarketRules, reference: Decimal): string | undefined {
  const { quantity, limitPrice } = order;
  if (quantity.lte(0)) return `quantity ${quantity.toFixed()} is not positive`;
  if (!quantity.div(market.amountStep).isInteger()) return `quantity ${quantity.toFixed()} is not a multiple of the amount step ${market.amountStep.toFixed()}`;
  if (quantity.lt(market.minAmount)) return `quantity ${quantity.toFixed()} is below the minimum ${market.minAmount.toFixed()} ${market.base}`;
  if (order.type === 'limit') {
    if (!limitPrice || limitPrice.lte(0)) return 'a limit order needs a limit price above 0';
    if (!limitPrice.div(market.priceStep).isInteger()) return `limit price ${limitPrice.toFixed()} is not a multiple of the price step ${market.priceStep.toFixed()}`;
  }
  const notional = quantity.times(order.type === 'limit' ? limitPrice! : reference);
  if (notional.lt(market.minNotional)) return `order value ${notional.toFixed()} ${market.quote} is below the minimum ${market.minNotional.toFixed()} ${market.quote}`;
  return undefined;
}

/** A fill of `quantity` at `price`: the balance changes it makes (+base, -quote, -fee for a buy). */
export function fillDeltas(side: OrderRequest['side'], quantity: Decimal, price: Decimal, fee: Decimal, market: MarketRules): Map<string, Decimal> {
  const notional = quantity.times(price);
  return side === 'buy'
    ? new Map([[market.base, quantity], [market.quote, notional.plus(fee).neg()]])
    : new Map([[market.base, quantity.neg()], [market.quote, notional.minus(fee)]]);
}

/** How much of `remaining` fills now: all of it, or (with a partial fill) a share floored to the step. */
export function fillQuantity(remaining: Decimal, partial: boolean, share: number, amountStep: Decimal): Decimal {
  if (!partial) return remaining;
  // Between 10% and 90% of what is left, so a partial fill is neither nothing nor everything.
  const part = floorToStep(remaining.times(0.1 + 0.8 * share), amountStep);
  return part.gt(0) && part.lt(remaining) ? part : remaining;
}
