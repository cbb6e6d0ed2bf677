// Orders on a ccxt exchange, addressed by our client order id in the exchange's own parameter.
// Most exchanges need the market to find an order; the port gives only the id, so the market of
// each order placed here is remembered, and an order placed by an earlier run is searched for on
// the venue's configured markets.
import type { Exchange, Order } from 'ccxt';
import { OrderCallError } from '../../errors.js';
import { CLIENT_ID_RULES } from '../../execution-planner/orders/client-order-id.js';
import type { Clock, OrderRequest, OrderState } from '../../ports.js';
import { ccxtClassNames, toOrderError, type ErrorContext } from './errors.js';
import type { CcxtExchangeId, ExchangeProfile } from './exchanges.js';
import { toOrderState } from './order-state.js';

export interface OrderDeps {
  venue: string;
  exchange: CcxtExchangeId;
  profile: ExchangeProfile;
  /** The client with its markets loaded. */
  client: () => Promise<Exchange>;
  errors: ErrorContext;
  clock: Clock;
  /** Markets to search for an order this process did not place. */
  candidateSymbols: () => Promise<string[]>;
}

interface Placed {
  symbol: string;
  venueOrderId?: string | undefined;
}

/**
 * ccxt's createOrder arguments for our order. A market order with a worst price becomes a limit
 * order at that price that fills now or not at all, so the exchange enforces the slippage guard.
 */
export function createOrderArgs(order: OrderRequest, profile: ExchangeProfile) {
  const guarded = order.type === 'market' && order.worstPrice !== undefined;
  const type: 'limit' | 'market' = order.type === 'limit' || guarded ? 'limit' : 'market';
  const price = type === 'limit' ? (order.type === 'limit' ? order.limitPrice : order.worstPrice)?.toNumber() : undefined;
  const params = { [profile.placeParam]: order.clientOrderId, ...(guarded ? { timeInForce: 'IOC' } : {}) };
  return [order.symbol, type, order.side, order.quantity.toNumber(), price, params] as const;
}

export function createCcxtOrders(deps: OrderDeps) {
  const placed = new Map<string, Placed>();
  const fail = (operation: string, id: string, error: unknown) => toOrderError(deps.errors, operation, id, error);
  const state = (order: Order, id: string, symbol: string) => {
    placed.set(id, { symbol, venueOrderId: order.id || placed.get(id)?.venueOrderId });
    return toOrderState(order, { clientOrderId: id, quote: symbol.split('/')[1] ?? '', now: deps.clock.now() });
  };
  const find = (id: string, operation: string) => findOrder(deps, placed.get(id), id, operation);

  return {
    async placeOrder(order: OrderRequest): Promise<OrderState> {
      const id = order.clientOrderId;
      const rule = CLIENT_ID_RULES[deps.profile.clientIdFormat];
      if (!rule.pattern.test(id)) {
        throw new OrderCallError(deps.venue, 'place order', 'rejected', `client order id ${JSON.stringify(id)} does not fit ${deps.exchange}'s ${rule.field} (${rule.pattern.source})`, id);
      }
      try {
        const client = await deps.client();
        const answer = await client.createOrder(...createOrderArgs(order, deps.profile));
        // An exchange that answers a reused id with the order that has it (Coinbase) must not pass another order off as this one.
        if ((answer.symbol && answer.symbol !== order.symbol) || (answer.side && answer.side !== order.side)) {
          throw new OrderCallError(deps.venue, 'place order', 'duplicate_order', `client order id ${id} already names a ${answer.side} order on ${answer.symbol}`, id);
        }
        return state(answer, id, order.symbol);
      } catch (error) {
        throw fail('place order', id, error);
      }
    },

    async fetchOrder(id: string): Promise<OrderState> {
      const { order, symbol } = await find(id, 'fetch order');
      return state(order, id, symbol);
    },

    async cancelOrder(id: string): Promise<OrderState> {
      try {
        const symbol = placed.get(id)?.symbol ?? (await find(id, 'cancel order')).symbol;
        const client = await deps.client();
        const answer = await client.cancelOrder(venueIdOr(deps.profile, placed.get(id), id)!, symbol, lookupParams(deps.profile, id));
        // Some exchanges answer a cancel with ids only (OKX); the order itself says what was filled.
        if (answer.status === undefined || answer.filled === undefined) return state((await find(id, 'cancel order')).order, id, symbol);
        return state(answer, id, symbol);
      } catch (error) {
        throw fail('cancel order', id, error);
      }
    },
  };
}

// With a lookup parameter the exchange's id is sent only when known (ccxt drops an undefined one).
const venueIdOr = (profile: ExchangeProfile, known: Placed | undefined, id: string) => known?.venueOrderId ?? (profile.lookupParam ? undefined : id);
const lookupParams = (profile: ExchangeProfile, id: string) => (profile.lookupParam ? { [profile.lookupParam]: id } : {});

async function findOrder(deps: OrderDeps, known: Placed | undefined, id: string, operation: string): Promise<{ order: Order; symbol: string }> {
  if (deps.profile.lookupNeedsVenueId && !known?.venueOrderId) {
    throw new OrderCallError(deps.venue, operation, 'order_not_found', `${deps.exchange} finds orders only by its own order id, and order ${id} was not placed by this run`, id);
  }
  const client = await deps.client().catch((error: unknown) => Promise.reject(toOrderError(deps.errors, operation, id, error)));
  const symbols = known ? [known.symbol] : await deps.candidateSymbols();
  const byClientIdOnly = deps.profile.lookupViaOpenOrders === true && !known?.venueOrderId;
  for (const symbol of symbols) {
    try {
      if (!byClientIdOnly) return { order: await client.fetchOrder(venueIdOr(deps.profile, known, id)!, symbol, lookupParams(deps.profile, id)), symbol };
      // Matched on the client id too: were the parameter ignored, the list would be every open order.
      const order = (await client.fetchOpenOrders(symbol, undefined, undefined, lookupParams(deps.profile, id))).find((o) => o.clientOrderId === id);
      if (order) return { order, symbol };
    } catch (error) {
      if (!ccxtClassNames(error).has('OrderNotFound')) throw toOrderError(deps.errors, operation, id, error);
    }
  }
  throw new OrderCallError(deps.venue, operation, 'order_not_found', `no order ${id} on ${symbols.length ? symbols.join(', ') : 'any configured market'}`, id);
}
