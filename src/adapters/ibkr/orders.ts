// Orders through the Client Portal API, addressed by our client order id as `cOID` (the live
// orders list reports it as `order_ref`). Each order is previewed with /orders/whatif first, so a
// refusal (margin, permissions) arrives before anything is sent. Placing may answer with questions
// ("price exceeds the percentage constraint...") that must each be confirmed with /iserver/reply;
// they are confirmed (the plan already checked price and size) and logged, at most five rounds.
import { OrderCallError } from '../../errors.js';
import { ZERO } from '../../money.js';
import type { Clock, Logger, OrderRequest, OrderState, OrderStatus } from '../../ports.js';
import type { Account } from './account.js';
import type { ContractBook } from './contracts.js';
import { toOrderError, type ErrorContext } from './errors.js';
import type { Gateway } from './gateway.js';
import { cancelSchema, iserverAccountsSchema, liveOrdersSchema, orderReplySchema, whatIfSchema, type LiveOrder } from './payloads.js';

const MAX_REPLIES = 5;

export interface IbkrOrderDeps {
  gateway: Gateway;
  contracts: ContractBook;
  account: () => Promise<Account>;
  errors: ErrorContext;
  clock: Clock;
  logger: Logger;
}

function statusOf(order: LiveOrder): OrderStatus {
  const status = order.status.toLowerCase();
  if (status === 'filled') return 'filled';
  if (status === 'cancelled' || status === 'apicancelled') return 'cancelled';
  if (status === 'inactive') return 'rejected';
  return order.filledQuantity?.gt(0) ? 'partially_filled' : 'open';
}

/** The order ticket IBKR takes: a guarded market order is a limit at the worst price, immediate or cancel. */
export function ibkrTicket(order: OrderRequest, conid: string, accountId: string) {
  const guarded = order.type === 'market' && order.worstPrice !== undefined;
  const price = order.type === 'limit' ? order.limitPrice : order.worstPrice;
  return {
    acctId: accountId,
    conid: Number(conid),
    orderType: order.type === 'limit' || guarded ? 'LMT' : 'MKT',
    side: order.side === 'buy' ? 'BUY' : 'SELL',
    quantity: order.quantity.toNumber(),
    ...(order.type === 'limit' || guarded ? { price: price?.toNumber() } : {}),
    tif: guarded ? 'IOC' : 'DAY',
    cOID: order.clientOrderId,
  };
}

export function createIbkrOrders(deps: IbkrOrderDeps) {
  const { gateway } = deps;
  let brokerageReady: Promise<unknown> | undefined;
  // The gateway refuses order calls until /iserver/accounts has been asked in this session.
  const ready = async () => {
    await gateway.session();
    brokerageReady ??= gateway.call('GET', '/iserver/accounts', iserverAccountsSchema).catch((error: unknown) => {
      brokerageReady = undefined;
      throw error;
    });
    await brokerageReady;
    return deps.account();
  };
  const refuse = (id: string, message: string) => new OrderCallError(deps.errors.venue, 'place order', 'rejected', message, id);

  const find = async (id: string, operation: string): Promise<LiveOrder> => {
    await ready();
    const { orders } = await gateway.call('GET', '/iserver/account/orders', liveOrdersSchema);
    const order = orders.find((o) => o.order_ref === id);
    if (!order) throw new OrderCallError(deps.errors.venue, operation, 'order_not_found', `no order with cOID ${id} among the gateway's orders`, id);
    return order;
  };
  const state = (order: LiveOrder, id: string, currency: string): OrderState => ({
    clientOrderId: id,
    venueOrderId: order.orderId,
    status: statusOf(order),
    filled: order.filledQuantity ?? ZERO,
    ...(order.avgPrice?.gt(0) ? { averagePrice: order.avgPrice } : {}),
    // The live orders list carries no commission; IBKR reports it with the executions.
    fee: ZERO,
    feeAsset: order.cashCcy ?? currency,
    updatedAt: order.lastExecutionTime_r ? new Date(order.lastExecutionTime_r) : deps.clock.now(),
  });
  const wrap = async <T>(operation: string, id: string, run: () => Promise<T>) => {
    try {
      return await run();
    } catch (error) {
      throw toOrderError(deps.errors, operation, id, error);
    }
  };

  return {
    placeOrder: (order: OrderRequest) =>
      wrap('place order', order.clientOrderId, async (): Promise<OrderState> => {
        const id = order.clientOrderId;
        const asset = order.symbol.split('/')[0] ?? order.symbol;
        if (!order.quantity.isInteger()) throw refuse(id, `${order.quantity.toFixed()} ${asset} is not a whole number of shares`);
        const account = await ready();
        const conid = await deps.contracts.conidOf(asset);
        if (!conid) throw refuse(id, `IBKR has no stock contract for ${asset} (give its conid under symbols:)`);
        const body = { orders: [ibkrTicket(order, conid, account.id)] };
        const preview = await gateway.call('POST', `/iserver/account/${encodeURIComponent(account.id)}/orders/whatif`, whatIfSchema, body);
        if (preview.error) throw refuse(id, `the what-if preview refused it: ${preview.error}`);
        if (preview.warn) deps.logger.warn({ venue: deps.errors.venue, clientOrderId: id, warning: preview.warn }, 'IBKR what-if preview warns');
        let answer = await gateway.call('POST', `/iserver/account/${encodeURIComponent(account.id)}/orders`, orderReplySchema, body);
        for (let round = 0; ; round++) {
          const first = answer[0];
          if (!first) throw new OrderCallError(deps.errors.venue, 'place order', 'unknown_outcome', 'the gateway answered the order with nothing', id);
          if ('order_id' in first) {
            // The live orders list can lag the placement by a moment: until it shows the order, it is open.
            const listed = await find(id, 'place order').catch(() => undefined);
            return state(listed ?? { orderId: first.order_id, status: first.order_status ?? 'Submitted' }, id, account.currency);
          }
          if (round >= MAX_REPLIES) throw new OrderCallError(deps.errors.venue, 'place order', 'unknown_outcome', `still asked to confirm after ${MAX_REPLIES} replies: ${first.message.join(' ')}`, id);
          deps.logger.warn({ venue: deps.errors.venue, clientOrderId: id, question: first.message.join(' ') }, 'IBKR asked to confirm an order; confirmed');
          answer = await gateway.call('POST', `/iserver/reply/${encodeURIComponent(first.id)}`, orderReplySchema, { confirmed: true });
        }
      }),

    fetchOrder: (id: string) => wrap('fetch order', id, async () => state(await find(id, 'fetch order'), id, (await deps.account()).currency)),

    cancelOrder: (id: string) =>
      wrap('cancel order', id, async () => {
        const account = await ready();
        const live = await find(id, 'cancel order');
        await gateway.call('DELETE', `/iserver/account/${encodeURIComponent(account.id)}/order/${encodeURIComponent(live.orderId)}`, cancelSchema);
        return state(await find(id, 'cancel order'), id, account.currency);
      }),
  };
}
