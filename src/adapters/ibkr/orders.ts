// Orders through the Client Portal API, addressed by our client order id as `cOID` (the live
// orders list reports it as `order_ref`). Each order is previewed with /orders/whatif first, so a
// refusal (margin, permissions) arrives before anything is sent; then sent through replies.ts.
// Every state read adds the order's executions (executions.ts), which carry its commission.
import { OrderCallError } from '../../errors.js';
import type { Clock, Logger, OrderRequest, OrderState } from '../../ports.js';
import type { Account } from './account.js';
import type { ContractBook } from './contracts.js';
import { toOrderError, type ErrorContext } from './errors.js';
import { fetchExecutions } from './executions.js';
import type { Gateway } from './gateway.js';
import { toOrderState } from './order-state.js';
import { cancelSchema, iserverAccountsSchema, liveOrdersSchema, whatIfSchema, type LiveOrder } from './payloads.js';
import { submitWithReplies } from './replies.js';

export interface IbkrOrderDeps {
  gateway: Gateway;
  contracts: ContractBook;
  account: () => Promise<Account>;
  errors: ErrorContext;
  clock: Clock;
  logger: Logger;
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

/** The gateway refuses order calls until /iserver/accounts has been asked in this session. */
function brokerageReady(gateway: Gateway, account: () => Promise<Account>): () => Promise<Account> {
  let asked: Promise<unknown> | undefined;
  return async () => {
    await gateway.session();
    asked ??= gateway.call('GET', '/iserver/accounts', iserverAccountsSchema).catch((error: unknown) => {
      asked = undefined;
      throw error;
    });
    await asked;
    return account();
  };
}

export function createIbkrOrders(deps: IbkrOrderDeps) {
  const { gateway } = deps;
  const ready = brokerageReady(gateway, deps.account);
  const refuse = (id: string, message: string) => new OrderCallError(deps.errors.venue, 'place order', 'rejected', message, id);

  const find = async (id: string, operation: string): Promise<LiveOrder> => {
    await ready();
    const { orders } = await gateway.call('GET', '/iserver/account/orders', liveOrdersSchema);
    const order = orders.find((o) => o.order_ref === id);
    if (!order) throw new OrderCallError(deps.errors.venue, operation, 'order_not_found', `no order with cOID ${id} among the gateway's orders`, id);
    return order;
  };
  const state = async (order: LiveOrder, id: string, account: Account) => {
    const executions = await fetchExecutions(gateway, account.id, id);
    return toOrderState(order, executions, { clientOrderId: id, currency: account.currency, now: deps.clock.now() });
  };
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
        const submitted = await submitWithReplies(gateway, account.id, body, { venue: deps.errors.venue, clientOrderId: id, logger: deps.logger });
        // The live orders list can lag the placement by a moment: until it shows the order, it is open.
        const listed = await find(id, 'place order').catch(() => undefined);
        return state(listed ?? { orderId: submitted.order_id, status: submitted.order_status ?? 'Submitted' }, id, account);
      }),

    fetchOrder: (id: string) => wrap('fetch order', id, async () => state(await find(id, 'fetch order'), id, await deps.account())),

    cancelOrder: (id: string) =>
      wrap('cancel order', id, async () => {
        const account = await ready();
        const live = await find(id, 'cancel order');
        await gateway.call('DELETE', `/iserver/account/${encodeURIComponent(account.id)}/order/${encodeURIComponent(live.orderId)}`, cancelSchema);
        return state(await find(id, 'cancel order'), id, account);
      }),
  };
}
