// The paper venue as an exchange: it keeps its own book (orders by client order id, fills,
// balances) and answers placeOrder / fetchOrder / cancelOrder the way a real venue does: a client
// order id it has seen is refused, an order its free balance cannot fund is rejected, a limit
// order fills at its limit or better (or rests), and faults, latency and partial fills come from
// the seeded config. Each request's book change is one ledger transaction.
import { createHash } from 'node:crypto';
import { OrderCallError, type VenueFailure } from '../../errors.js';
import { ZERO } from '../../money.js';
import type { MarketRules, OrderRequest, OrderState, PaperOrder } from '../../ports.js';
import { marketOf, matchOrder, type PaperBook, refusal, reservedBalances } from './paper-book.js';
import { type RequestDraw, requestFaults } from './request-faults.js';

export interface PaperExchangeDeps extends PaperBook {
  sleep: (ms: number) => Promise<void>;
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

const isOpen = (order: PaperOrder) => order.status === 'open' || order.status === 'partially_filled';
const partialDraw = (book: PaperBook, draw: RequestDraw) => ({ partial: draw.chance(book.config.partial_fills), share: draw.next() });

export function createPaperExchange(deps: PaperExchangeDeps) {
  const faults = requestFaults(deps.venue, deps.config, deps.sleep);
  const fail = (operation: string, failure: VenueFailure, message: string, id: string) => new OrderCallError(deps.venue, operation, failure, message, id);
  const find = (operation: string, id: string): PaperOrder => {
    const order = deps.store.paperOrder(deps.venue, id);
    if (!order) throw fail(operation, 'order_not_found', `no order with client order id "${id}"`, id);
    return order;
  };

  async function placeOrder(request: OrderRequest): Promise<OrderState> {
    const id = request.clientOrderId;
    const draw = await faults.begin('place order', id);
    const timeout = draw.chance(deps.config.faults?.timeout_after_accept);
    const partial = partialDraw(deps, draw);
    deps.ensureSeeded();
    const placed = deps.store.transaction(() => {
      if (deps.store.paperOrder(deps.venue, id)) throw fail('place order', 'duplicate_order', `client order id "${id}" is already used (duplicate clientOrderId)`, id);
      const market = marketOf(deps, request.symbol);
      const reason = refusal(deps, request, market, draw);
      const order = newOrder(deps, request, market, reason);
      deps.store.insertPaperOrder(order);
      return reason || !market ? order : matchOrder(deps, order, market, partial);
    });
    if (placed.status === 'rejected') throw fail('place order', 'rejected', placed.reason ?? 'rejected', id);
    if (timeout) throw fail('place order', 'timeout', 'no answer within the timeout; the order may have been placed (simulated: faults.timeout_after_accept)', id);
    return stateOf(placed);
  }

  async function fetchOrder(id: string): Promise<OrderState> {
    const partial = partialDraw(deps, await faults.begin('fetch order', id));
    const order = deps.store.transaction(() => {
      const found = find('fetch order', id);
      const market = marketOf(deps, found.symbol);
      // Time passes between requests: a resting order fills once its price is there.
      return isOpen(found) && market ? matchOrder(deps, found, market, partial) : found;
    });
    return stateOf(order);
  }

  async function cancelOrder(id: string): Promise<OrderState> {
    const draw = await faults.begin('cancel order', id);
    const timeout = draw.chance(deps.config.faults?.timeout_after_accept);
    const order = deps.store.transaction(() => {
      const found = find('cancel order', id);
      if (!isOpen(found)) return found;
      const cancelled: PaperOrder = { ...found, status: 'cancelled', updatedAt: deps.clock.now() };
      deps.store.updatePaperOrder(cancelled);
      return cancelled;
    });
    if (timeout) throw fail('cancel order', 'timeout', 'no answer within the timeout; the cancel may have been applied (simulated: faults.timeout_after_accept)', id);
    return stateOf(order);
  }

  return { placeOrder, fetchOrder, cancelOrder, reserved: () => reservedBalances(deps) };
}

/** The order as the venue books it: rejected with its reason, or open until it is matched. */
function newOrder(book: PaperBook, request: OrderRequest, market: MarketRules | undefined, reason: string | undefined): PaperOrder {
  const at = book.clock.now();
  return {
    venue: book.venue,
    clientOrderId: request.clientOrderId,
    venueOrderId: venueOrderId(book.venue, request.clientOrderId),
    symbol: request.symbol,
    side: request.side,
    type: request.type,
    quantity: request.quantity,
    limitPrice: request.limitPrice,
    status: reason ? 'rejected' : 'open',
    filled: ZERO,
    fee: ZERO,
    feeAsset: market?.quote ?? '',
    reason,
    createdAt: at,
    updatedAt: at,
  };
}

/** The venue's own id for an order: stable, so a re-run of a test sees the same ids. */
function venueOrderId(venue: string, clientOrderId: string): string {
  return `paper-${createHash('sha256').update(`${venue}\u0000${clientOrderId}`).digest('hex').slice(0, 16)}`;
}
