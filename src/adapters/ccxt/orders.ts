// Orders on a ccxt exchange, addressed by our client order id in the exchange's own parameter.
// Most exchanges need the market to find an order; the port gives only the id, so the market of
// each order placed here is remembered, and an order placed by an earlier run is searched for on
// the venue's configured markets.
import type { Exchange, Order } from 'ccxt';
import { OrderCallError } from '../../errors.js';
import { CLIENT_ID_RULES } from '../../orders/client-order-id.js';
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

export function createCcxtOrders(deps: OrderDeps) {
  const placed = new Map<string, Placed>();
  const fail = (operation: string, id: string, error: unknown) => toOrderError(deps.errors, operation, id, error);
  const state = (order: Order, id: string, symbol: string) => {
    placed.set(id, { symbol, venueOrderId: order.id || placed.get(id)?.venueOrderId });
    return toOrderState(order, { clientOrderId: id, quote: symbol.split('/')[1] ?? '', now: deps.clock.now() });
  };
  // With a lookup parameter the exchange's id is sent only when known (ccxt drops an undefined one).
  const venueIdOr = (known: Placed | undefined, id: string) => known?.venueOrderId ?? (deps.profile.lookupParam ? undefined : id);
  const lookupParams = (id: string) => (deps.profile.lookupParam ? { [deps.profile.lookupParam]: id } : {});

  async function find(id: string, operation: string): Promise<{ order: Order; symbol: string }> {
    const known = placed.get(id);
    if (deps.profile.lookupNeedsVenueId && !known?.venueOrderId) {
      throw new OrderCallError(deps.venue, operation, 'order_not_found', `${deps.exchange} finds orders only by its own order id, and order ${id} was not placed by this run`, id);
    }
    const client = await deps.client().catch((error: unknown) => Promise.reject(fail(operation, id, error)));
    const symbols = known ? [known.symbol] : await deps.candidateSymbols();
    for (const symbol of symbols) {
      try {
        return { order: await client.fetchOrder(venueIdOr(known, id)!, symbol, lookupParams(id)), symbol };
      } catch (error) {
        if (!ccxtClassNames(error).has('OrderNotFound')) throw fail(operation, id, error);
      }
    }
    throw new OrderCallError(deps.venue, operation, 'order_not_found', `no order ${id} on ${symbols.length ? symbols.join(', ') : 'any configured market'}`, id);
  }

  return {
    async placeOrder(order: OrderRequest): Promise<OrderState> {
      const id = order.clientOrderId;
      const rule = CLIENT_ID_RULES[deps.profile.clientIdFormat];
      if (!rule.pattern.test(id)) {
        throw new OrderCallError(deps.venue, 'place order', 'rejected', `client order id ${JSON.stringify(id)} does not fit ${deps.exchange}'s ${rule.field} (${rule.pattern.source})`, id);
      }
      // A market order with a worst price becomes a limit order there that fills now or not at all,
      // so the exchange itself enforces the slippage guard.
      const guarded = order.type === 'market' && order.worstPrice !== undefined;
      const type = order.type === 'limit' || guarded ? 'limit' : 'market';
      const price = order.type === 'limit' ? order.limitPrice : order.worstPrice;
      const params = { [deps.profile.placeParam]: id, ...(guarded ? { timeInForce: 'IOC' } : {}) };
      try {
        const client = await deps.client();
        const answer = await client.createOrder(order.symbol, type, order.side, order.quantity.toNumber(), type === 'limit' ? price?.toNumber() : undefined, params);
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
      const symbol = placed.get(id)?.symbol ?? (await find(id, 'cancel order')).symbol;
      try {
        const client = await deps.client();
        const answer = await client.cancelOrder(venueIdOr(placed.get(id), id)!, symbol, lookupParams(id));
        // Some exchanges answer a cancel with ids only; the order itself says what was filled.
        if (answer.status === undefined || answer.filled === undefined) return state((await find(id, 'cancel order')).order, id, symbol);
        return state(answer, id, symbol);
      } catch (error) {
        throw fail('cancel order', id, error);
      }
    },
  };
}
