// A plan's trades -> the orders to send. Pure: markets, book tops and settings come in as data.
// Each order is priced from the book (or the plan's price) and slippage_tolerance, split when it is
// worth more than split_threshold, and named by a client order id derived from the run and the
// leg. Sells go before buys on each venue, so their proceeds fund the buys; a buy that waits for a
// manual transfer is set aside as pending. Legs that cannot be sent become diagnostics, not throws.
import type { Diagnostic } from '../../diagnostics.js';
import type { PlannedTrade } from '../types.js';
import { ceilToStep, Decimal, floorToStep } from '../../money.js';
import type { MarketRules, OrderRequest } from '../../ports.js';
import { type ClientIdFormat, clientOrderId } from './client-order-id.js';
import { type BookTop, referencePrice, worstAcceptablePrice } from './order-price.js';
import { splitQuantity } from './split-quantity.js';
import type { OrderPlan, OrderSettings, PendingTransferLeg, PlannedOrder } from './types.js';

export interface OrderPlanInput {
  runId: string;
  trades: readonly PlannedTrade[];
  settings: OrderSettings;
  /** Best bid/ask per venue and symbol, where known. */
  books?: ReadonlyMap<string, ReadonlyMap<string, BookTop>> | undefined;
  /** The client order id form per venue; "default" when absent. */
  idFormats?: ReadonlyMap<string, ClientIdFormat> | undefined;
}

/** `markets`: each venue's market rules, by venue id. */
export function planOrders(markets: ReadonlyMap<string, readonly MarketRules[]>, input: OrderPlanInput): OrderPlan {
  const diagnostics: Diagnostic[] = [];
  const pending: PendingTransferLeg[] = [];
  const orders: PlannedOrder[] = [];
  for (const trade of input.trades) {
    if (trade.waitsFor) {
      pending.push({ status: 'pending_transfer', tradeId: trade.id, venue: trade.venue, symbol: trade.market, side: trade.side, quantity: trade.quantity, waitsFor: trade.waitsFor });
      continue;
    }
    const market = markets.get(trade.venue)?.find((rules) => rules.symbol === trade.market);
    if (!market) {
      diagnostics.push({ severity: 'error', code: 'orders.no_market', venue: trade.venue, asset: trade.asset, message: `${trade.market} is not listed on ${trade.venueLabel} any more; the ${trade.side} of ${trade.quantity.toFixed()} ${trade.asset} is not sent.` });
      continue;
    }
    orders.push(...ordersForTrade(trade, market, input, diagnostics));
  }
  return { orders: sellsFirst(orders), pending, diagnostics };
}

function ordersForTrade(trade: PlannedTrade, market: MarketRules, input: OrderPlanInput, diagnostics: Diagnostic[]): PlannedOrder[] {
  const { settings } = input;
  const where = { venue: trade.venue, asset: trade.asset };
  const reference = referencePrice(trade.side, input.books?.get(trade.venue)?.get(trade.market), trade.price);
  const worstPrice = worstAcceptablePrice(trade.side, reference, settings.slippageTolerance, market.priceStep);
  if (worstPrice.lte(0)) {
    diagnostics.push({ severity: 'error', code: 'orders.no_price', ...where, message: `${trade.market} on ${trade.venueLabel}: a price of ${reference.toFixed()} rounds to 0 on the price step ${market.priceStep.toFixed()}; the ${trade.side} is not sent.` });
    return [];
  }
  if (movedAgainst(trade, reference, settings.slippageTolerance)) {
    diagnostics.push({ severity: 'warning', code: 'orders.price_moved', ...where, message: `${trade.market} on ${trade.venueLabel}: the ${trade.side === 'buy' ? 'ask' : 'bid'} is ${reference.toFixed()}, beyond the slippage tolerance from the plan's ${trade.price.toFixed()}.` });
  }
  // A swap has no limit order: it is a market order guarded by its worst price (minAmountOut).
  const type = settings.useLimitOrders && !trade.swap ? 'limit' : 'market';
  // The price a venue checks its minimum order value at: the limit, or the lower of book and guard.
  const checkPrice = type === 'limit' ? worstPrice : Decimal.min(reference, worstPrice);
  const quantity = floorToStep(trade.quantity, market.amountStep);
  const minQuantity = Decimal.max(market.minAmount, ceilToStep(market.minNotional.div(checkPrice), market.amountStep));
  if (quantity.lt(minQuantity) || quantity.lte(0)) {
    diagnostics.push({ severity: 'warning', code: 'orders.below_minimum', ...where, message: `${trade.side} ${quantity.toFixed()} ${trade.asset} on ${trade.venueLabel} is below its minimum of ${minQuantity.toFixed()} ${trade.asset} at ${checkPrice.toFixed()} ${trade.quote}; not sent.` });
    return [];
  }
  // A swap was quoted (and its impact judged) as one: it is never split.
  const wanted = !trade.swap && settings.splitLargeOrders && trade.value.gt(settings.splitThreshold) && settings.splitThreshold.gt(0) ? trade.value.div(settings.splitThreshold).ceil().toNumber() : 1;
  const parts = splitQuantity(quantity, { parts: wanted, amountStep: market.amountStep, minQuantity });
  const format = input.idFormats?.get(trade.venue) ?? 'default';
  return parts.map((part, index) => {
    const leg = parts.length === 1 ? trade.id : `${trade.id}/${index + 1}`;
    return {
      clientOrderId: clientOrderId(input.runId, leg, format),
      leg,
      tradeId: trade.id,
      venue: trade.venue,
      symbol: trade.market,
      base: market.base,
      quote: market.quote,
      side: trade.side,
      type,
      quantity: part,
      ...(type === 'limit' ? { limitPrice: worstPrice } : {}),
      worstPrice,
      referencePrice: reference,
      ...(parts.length > 1 ? { part: { index: index + 1, of: parts.length } } : {}),
    };
  });
}

/** The book moved against the trade by more than the tolerance since it was planned. */
function movedAgainst(trade: PlannedTrade, reference: Decimal, tolerance: Decimal): boolean {
  return trade.side === 'buy' ? reference.gt(trade.price.times(tolerance.plus(1))) : reference.lt(trade.price.times(new Decimal(1).minus(tolerance)));
}

/** Venues in the order they first appear; on each, every sell before any buy. */
function sellsFirst(orders: readonly PlannedOrder[]): PlannedOrder[] {
  const venues = [...new Set(orders.map((order) => order.venue))];
  return venues.flatMap((venue) => {
    const here = orders.filter((order) => order.venue === venue);
    return [...here.filter((order) => order.side === 'sell'), ...here.filter((order) => order.side === 'buy')];
  });
}

/** The request a venue or router receives for a planned order. */
export function toOrderRequest(order: PlannedOrder): OrderRequest {
  return {
    clientOrderId: order.clientOrderId,
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    quantity: order.quantity,
    ...(order.limitPrice ? { limitPrice: order.limitPrice } : {}),
    worstPrice: order.worstPrice,
  };
}
