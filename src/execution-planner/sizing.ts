// One order on one market: the amount floored to the market's step, the limit price on its price
// grid, and the minimums (min_trade_value, the venue's minimum amount and order value). An order
// that fails one is not planned; it comes back as an info finding saying which and why.
import type { Diagnostic } from '../diagnostics.js';
import { formatMoney } from '../format.js';
import { ceilToStep, type Decimal, floorToStep, ONE, ZERO } from '../money.js';
import type { MarketRules, OrderSide } from '../ports.js';
import type { Listing } from './market-index.js';
import type { PlannedTrade } from './types.js';

/** A trade before it has an id. */
export type Order = Omit<PlannedTrade, 'id' | 'waitsFor'>;

export interface SizingRules {
  priceOf: (asset: string) => Decimal | undefined;
  useLimitOrders: boolean;
  slippage: Decimal;
  minTradeValue: Decimal;
  currency: string;
}

export type Sized = { order: Order; diagnostic?: undefined } | { order?: undefined; diagnostic: Diagnostic };

/** Sizes `wanted` units of the market's base asset into an order, or says why there is none. */
export function sizeOrder(rules: SizingRules, { venue, market }: Listing, side: OrderSide, wanted: Decimal, reason: string): Sized {
  const basePrice = rules.priceOf(market.base);
  const quotePrice = rules.priceOf(market.quote);
  if (!basePrice || !quotePrice) {
    const message = `No price for ${!basePrice ? market.base : market.quote}; ${market.symbol} on ${venue.id} is not traded.`;
    return { diagnostic: { severity: 'warning', code: 'plan.no_price', asset: market.base, venue: venue.id, message } };
  }
  const price = basePrice.div(quotePrice);
  const limitPrice = rules.useLimitOrders ? limitPriceFor(market, side, price, rules.slippage) : undefined;
  const quantity = floorToStep(wanted, market.amountStep);
  const notional = quantity.times(price);
  const value = notional.times(quotePrice);
  const why = belowMinimum({ venue, market }, quantity, notional, value, rules);
  if (why) {
    const message = `skipped: ${wanted.toSignificantDigits(6).toFixed()} ${market.base} (${formatMoney(wanted.times(basePrice), rules.currency)}) ${why} (${side} on ${venue.label})`;
    return { diagnostic: { severity: 'info', code: 'plan.skipped', asset: market.base, venue: venue.id, message } };
  }
  const fee = notional.times(market.takerFee);
  const order: Order = {
    venue: venue.id,
    venueLabel: venue.label,
    market: market.symbol,
    side,
    asset: market.base,
    quote: market.quote,
    quantity,
    price,
    ...(limitPrice ? { limitPrice } : {}),
    notional,
    value,
    fee,
    feeValue: fee.times(quotePrice),
    reason,
  };
  return { order };
}

/** The worst price accepted: `slippage` above the price for a buy (rounded up to the grid), below for a sell (rounded down). */
export function limitPriceFor(market: MarketRules, side: OrderSide, price: Decimal, slippage: Decimal): Decimal {
  return side === 'buy' ? ceilToStep(price.times(ONE.plus(slippage)), market.priceStep) : floorToStep(price.times(ONE.minus(slippage)), market.priceStep);
}

/** Why an order of this size may not be placed (already floored to the step), or undefined when it may. */
export function belowMinimum({ venue, market }: Listing, quantity: Decimal, notional: Decimal, value: Decimal, rules: Pick<SizingRules, 'minTradeValue' | 'currency'>): string | undefined {
  if (quantity.lte(0)) return `rounds to 0 at ${venue.label}'s amount step ${market.amountStep.toFixed()}`;
  if (value.lt(rules.minTradeValue)) return `below min_trade_value ${formatMoney(rules.minTradeValue, rules.currency, 0)}`;
  if (quantity.lt(market.minAmount)) return `below ${venue.label}'s minimum amount ${market.minAmount.toFixed()} ${market.base}`;
  if (notional.lt(market.minNotional)) return `below ${venue.label}'s minimum order value ${market.minNotional.toFixed()} ${market.quote}`;
  return undefined;
}

/** What a buy costs at worst, in its quote: limit price (or price) plus fee. */
export function worstCost(trade: Order): Decimal {
  return trade.quantity.times(trade.limitPrice ?? trade.price).times(ONE.plus(feeRate(trade)));
}

/** What a sale brings at worst, in its quote: limit price (or price) less fee. */
export function worstProceeds(trade: Order): Decimal {
  return trade.quantity.times(trade.limitPrice ?? trade.price).times(ONE.minus(feeRate(trade)));
}

function feeRate(trade: Order): Decimal {
  return trade.notional.isZero() ? ZERO : trade.fee.div(trade.notional);
}
