// The book-keeping half of the paper exchange, over one venue's store: what can fill now, what
// open orders hold back, and why an order would be refused. Called inside the request's ledger
// transaction, so a fill, its order and the balances change together.
import type { VenueConfig } from '../../config.js';
import { Decimal, ONE, ZERO } from '../../money.js';
import type { Clock, MarketRules, OrderRequest, PaperBookStore, PaperOrder, PaperStore } from '../../ports.js';
import { breachesGuard, fillDeltas, fillPrice, fillQuantity, orderProblem, reservation, takerPrice } from './fill-model.js';
import type { RequestDraw } from './request-faults.js';

export interface PaperBook {
  venue: string;
  config: VenueConfig;
  store: PaperStore & PaperBookStore;
  clock: Clock;
  markets: () => MarketRules[];
  /** The venue's price of an asset in the reporting currency. */
  priceOf: (asset: string) => Decimal | undefined;
}

export const marketOf = (book: PaperBook, symbol: string) => book.markets().find((market) => market.symbol === symbol);

/** Base over quote at the venue's prices, or undefined when either is unknown. */
export function venuePrice(book: PaperBook, market: MarketRules): Decimal | undefined {
  const [base, quote] = [book.priceOf(market.base), book.priceOf(market.quote)];
  return base && quote ? base.div(quote) : undefined;
}

/** Fills what the order can fill now, moving balances; returns the order as it then stands. */
export function matchOrder(book: PaperBook, order: PaperOrder, market: MarketRules, draw: { partial: boolean; share: number }): PaperOrder {
  const { venue, store, config } = book;
  const reference = venuePrice(book, market);
  const price = reference && fillPrice(order, takerPrice(order.side, reference, config.slippage, market.priceStep));
  if (!price) return order;
  const quantity = fillQuantity(order.quantity.minus(order.filled), draw.partial, draw.share, market.amountStep);
  const fee = quantity.times(price).times(market.takerFee);
  const at = book.clock.now();
  store.adjustPaperBalances(venue, fillDeltas(order.side, quantity, price, fee, market), at);
  store.addPaperFill({ venue, clientOrderId: order.clientOrderId, quantity, price, fee, feeAsset: market.quote, at });
  const filled = order.filled.plus(quantity);
  const averagePrice = (order.averagePrice ?? ZERO).times(order.filled).plus(quantity.times(price)).div(filled);
  // A market order's unfilled rest expires at once (immediate-or-cancel); a limit order's rests.
  const status = filled.eq(order.quantity) ? 'filled' : order.type === 'market' ? 'cancelled' : 'partially_filled';
  const next: PaperOrder = { ...order, filled, averagePrice, fee: order.fee.plus(fee), status, updatedAt: at };
  store.updatePaperOrder(next);
  return next;
}

/** What open orders hold back, per asset: not free to sell or spend. */
export function reservedBalances(book: PaperBook): Map<string, Decimal> {
  const held = new Map<string, Decimal>();
  for (const open of book.store.openPaperOrders(book.venue)) {
    const market = marketOf(book, open.symbol);
    if (!market) continue;
    const { asset, amount } = reservation(open, market);
    held.set(asset, (held.get(asset) ?? ZERO).plus(amount));
  }
  return held;
}

/** Why the venue refuses this order, or undefined when it accepts it. The reject draw is always taken. */
export function refusal(book: PaperBook, request: OrderRequest, market: MarketRules | undefined, draw: RequestDraw): string | undefined {
  const { config } = book;
  const reference = market && venuePrice(book, market);
  const reject = draw.chance(config.faults?.reject);
  if (!market) return `market ${request.symbol} is not listed`;
  if (!reference) return `no price for ${request.symbol}`;
  const problem = orderProblem(request, market, reference);
  if (problem) return problem;
  if (reject) return 'the venue refused the order (simulated: faults.reject)';
  const taker = takerPrice(request.side, reference, config.slippage, market.priceStep);
  if (request.type === 'market' && breachesGuard(request, taker)) return `price ${taker.toFixed()} is beyond the order's worst acceptable price ${request.worstPrice!.toFixed()}`;
  const bound = request.type === 'limit' ? request.limitPrice! : taker;
  const need = request.side === 'sell' ? { asset: market.base, amount: request.quantity } : { asset: market.quote, amount: request.quantity.times(bound).times(ONE.plus(market.takerFee)) };
  const held = book.store.paperVenue(book.venue)?.balances.get(need.asset) ?? ZERO;
  const free = held.minus(reservedBalances(book).get(need.asset) ?? ZERO);
  if (free.lt(need.amount)) return `insufficient balance: needs ${need.amount.toFixed()} ${need.asset}, ${Decimal.max(free, ZERO).toFixed()} ${need.asset} is free`;
  return undefined;
}
