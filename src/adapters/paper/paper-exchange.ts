// The paper venue as an exchange: it keeps its own book (orders by client order id, fills,
// balances) and answers placeOrder / fetchOrder / cancelOrder the way a real venue does: a client
// order id it has seen is refused, an order its free balance cannot fund is rejected, a limit
// order fills at its limit or better (or rests), and faults, latency and partial fills come from
// the seeded config. Each request's book change is one ledger transaction.
import { createHash } from 'node:crypto';
import type { VenueConfig } from '../../config.js';
import { OrderCallError } from '../../errors.js';
import { Decimal, ONE, ZERO } from '../../money.js';
import type { Clock, MarketRules, OrderRequest, OrderState, PaperBookStore, PaperOrder, PaperStore } from '../../ports.js';
import { breachesGuard, fillDeltas, fillPrice, fillQuantity, orderProblem, reservation, takerPrice } from './fill-model.js';
import { type RequestDraw, requestFaults } from './request-faults.js';

export interface PaperExchangeDeps {
  venue: string;
  config: VenueConfig;
  store: PaperStore & PaperBookStore;
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  markets: () => MarketRules[];
  /** The venue's price of an asset in the reporting currency. */
  priceOf: (asset: string) => Decimal | undefined;
  /** Makes sure the venue's balances are in the ledger before its first order. */
  ensureSeeded: () => void;
}

export function stateOf(order: PaperOrder): OrderState {
  return {
    clientOrderId: order.clientOrderId,
    venueOrderId: order.venueOrderId,
    status: order.status,
    filled: order.filled,
    ...(order.averagePrice ? { averagePrice: order.averagePrice } : {}),
    fee: order.fee,
    feeAsset: order.feeAsset,
    updatedAt: order.updatedAt,
  };
}

export function createPaperExchange(deps: PaperExchangeDeps) {
  const { venue, config, store } = deps;
  const faults = requestFaults(venue, config, deps.sleep);
  const marketOf = (symbol: string) => deps.markets().find((market) => market.symbol === symbol);
  const venuePrice = (market: MarketRules) => {
    const [base, quote] = [deps.priceOf(market.base), deps.priceOf(market.quote)];
    return base && quote ? base.div(quote) : undefined;
  };
  const error = (operation: string, failure: OrderCallError['failure'], message: string, id: string) => new OrderCallError(venue, operation, failure, message, id);
  const find = (operation: string, id: string): PaperOrder => {
    const order = store.paperOrder(venue, id);
    if (!order) throw error(operation, 'order_not_found', `no order with client order id "${id}"`, id);
    return order;
  };

  /** Fills what the order can fill now, moving balances; returns the order as it then stands. */
  function match(order: PaperOrder, market: MarketRules, draw: { partial: boolean; share: number }): PaperOrder {
    const reference = venuePrice(market);
    const price = reference && fillPrice(order, takerPrice(order.side, reference, config.slippage, market.priceStep));
    if (!price) return order;
    const quantity = fillQuantity(order.quantity.minus(order.filled), draw.partial, draw.share, market.amountStep);
    const fee = quantity.times(price).times(market.takerFee);
    const at = deps.clock.now();
    store.adjustPaperBalances(venue, fillDeltas(order.side, quantity, price, fee, market), at);
    store.addPaperFill({ venue, clientOrderId: order.clientOrderId, quantity, price, fee, feeAsset: market.quote, at });
    const filled = order.filled.plus(quantity);
    const averagePrice = (order.averagePrice ?? ZERO).times(order.filled).plus(quantity.times(price)).div(filled);
    const done = filled.eq(order.quantity);
    // A market order's unfilled rest expires at once (immediate-or-cancel); a limit order's rests.
    const status = done ? 'filled' : order.type === 'market' ? 'cancelled' : 'partially_filled';
    const next: PaperOrder = { ...order, filled, averagePrice, fee: order.fee.plus(fee), status, updatedAt: at };
    store.updatePaperOrder(next);
    return next;
  }

  /** What open orders hold back, per asset: not free to sell or spend. */
  function reserved(): Map<string, Decimal> {
    const held = new Map<string, Decimal>();
    for (const open of store.openPaperOrders(venue)) {
      const market = marketOf(open.symbol);
      if (!market) continue;
      const { asset, amount } = reservation(open, market);
      held.set(asset, (held.get(asset) ?? ZERO).plus(amount));
    }
    return held;
  }

  /** Free balance of `asset`: held minus what open orders hold back. */
  function free(asset: string, holdBack = reserved()): Decimal {
    return (store.paperVenue(venue)?.balances.get(asset) ?? ZERO).minus(holdBack.get(asset) ?? ZERO);
  }

  /** Why the venue refuses this order, or undefined when it accepts it. */
  function refusal(request: OrderRequest, market: MarketRules | undefined, draw: RequestDraw): string | undefined {
    const reference = market && venuePrice(market);
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
    const available = free(need.asset);
    if (available.lt(need.amount)) return `insufficient balance: needs ${need.amount.toFixed()} ${need.asset}, ${Decimal.max(available, ZERO).toFixed()} ${need.asset} is free`;
    return undefined;
  }

  async function placeOrder(request: OrderRequest): Promise<OrderState> {
    const id = request.clientOrderId;
    const draw = await faults.begin('place order', id);
    const timeout = draw.chance(config.faults?.timeout_after_accept);
    const partial = { partial: draw.chance(config.partial_fills), share: draw.next() };
    deps.ensureSeeded();
    const placed = store.transaction(() => {
      if (store.paperOrder(venue, id)) throw error('place order', 'duplicate_order', `client order id "${id}" is already used (duplicate clientOrderId)`, id);
      const market = marketOf(request.symbol);
      const reason = refusal(request, market, draw);
      const at = deps.clock.now();
      const order: PaperOrder = {
        venue, clientOrderId: id, venueOrderId: venueOrderId(venue, id), symbol: request.symbol, side: request.side, type: request.type,
        quantity: request.quantity, limitPrice: request.limitPrice, status: reason ? 'rejected' : 'open', filled: ZERO, fee: ZERO,
        feeAsset: market?.quote ?? '', reason, createdAt: at, updatedAt: at,
      };
      store.insertPaperOrder(order);
      return reason ? order : match(order, market!, partial);
    });
    if (placed.status === 'rejected') throw error('place order', 'rejected', placed.reason ?? 'rejected', id);
    if (timeout) throw error('place order', 'timeout', 'no answer within the timeout; the order may have been placed (simulated: faults.timeout_after_accept)', id);
    return stateOf(placed);
  }

  async function fetchOrder(id: string): Promise<OrderState> {
    const draw = await faults.begin('fetch order', id);
    const partial = { partial: draw.chance(config.partial_fills), share: draw.next() };
    return stateOf(
      store.transaction(() => {
        const order = find('fetch order', id);
        const market = marketOf(order.symbol);
        // Time passes between requests: a resting order fills when its price is there.
        return (order.status === 'open' || order.status === 'partially_filled') && market ? match(order, market, partial) : order;
      }),
    );
  }

  async function cancelOrder(id: string): Promise<OrderState> {
    const draw = await faults.begin('cancel order', id);
    const timeout = draw.chance(config.faults?.timeout_after_accept);
    const state = store.transaction(() => {
      const order = find('cancel order', id);
      if (order.status !== 'open' && order.status !== 'partially_filled') return order;
      const cancelled: PaperOrder = { ...order, status: 'cancelled', updatedAt: deps.clock.now() };
      store.updatePaperOrder(cancelled);
      return cancelled;
    });
    if (timeout) throw error('cancel order', 'timeout', 'no answer within the timeout; the cancel may have been applied (simulated: faults.timeout_after_accept)', id);
    return stateOf(state);
  }

  return { placeOrder, fetchOrder, cancelOrder, reserved };
}

/** The venue's own id for an order: stable, so a re-run of a test sees the same ids. */
function venueOrderId(venue: string, clientOrderId: string): string {
  return `paper-${createHash('sha256').update(`${venue}\u0000${clientOrderId}`).digest('hex').slice(0, 16)}`;
}
