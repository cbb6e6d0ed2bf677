// The OrderRouter over K.I.T.'s Smart Order Router (the host's `execution` slot): orders go out
// through placeOrder, are found again by client order id in getOpenOrders, then getExecutions
// (finished orders), and are cancelled through cancelOrder. Every answer is parsed before it is
// believed; an answer we cannot read, or a call that failed in a way we cannot classify, is an
// unknown outcome (look the order up, never resend blindly). Whole plans: kit-router-plan.ts.
import { OrderCallError } from '../errors.js';
import type { OrderRouter } from '../ports/order-router.js';
import type { OrderRequest, OrderState } from '../ports/orders.js';
import { slotCallError, slotRefusalError, slotTimeoutError, wrongShapeError } from './kit-router-errors.js';
import { SlotNumberError, toSlotNumber } from './kit-router-numbers.js';
import { cancelAnswerSchema, type KitOrder, type KitOrderParams, orderListSchema, placeAnswerSchema } from './kit-router-shapes.js';
import { type CallSite, type Expected, findOwn, mismatch, parseAnswer, toOrderState } from './kit-router-state.js';
import { checkExecutionSlot, type KitExecutionSlot } from './kit-slots.js';

export type KitRouter = OrderRouter & { readonly name: 'kit-sor' };

export interface KitRouterOptions {
  /** How long one slot call may take before it counts as a timeout (outcome unknown). */
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/** Calls the slot with a time limit, translating whatever it throws. */
export type SlotCall = (at: CallSite, invoke: () => unknown) => Promise<unknown>;

export function slotCaller(timeoutMs: number): SlotCall {
  return async (at, invoke) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(slotTimeoutError(at.venue, at.operation, at.clientOrderId, timeoutMs)), timeoutMs);
      timer.unref?.();
    });
    try {
      return await Promise.race([Promise.resolve().then(invoke), timeout]);
    } catch (error) {
      throw slotCallError(at.venue, at.operation, at.clientOrderId, error);
    } finally {
      clearTimeout(timer);
    }
  };
}

export function createKitRouter(slot: KitExecutionSlot, options: KitRouterOptions = {}): KitRouter {
  const checked = checkExecutionSlot(slot);
  const call = slotCaller(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  return {
    name: 'kit-sor',
    submit: (venue, order) => submit(checked, call, venue, order),
    status: async (venue, clientOrderId) => {
      const at = { venue, operation: 'fetch order', clientOrderId };
      return toOrderState(await findOrder(checked, call, at), at);
    },
    cancel: (venue, clientOrderId) => cancel(checked, call, venue, clientOrderId),
  };
}

async function submit(slot: KitExecutionSlot, call: SlotCall, venue: string, order: OrderRequest): Promise<OrderState> {
  const at = { venue, operation: 'place order', clientOrderId: order.clientOrderId };
  const params = toOrderParams(venue, order);
  const raw = await call(at, () => slot.placeOrder(params));
  const answer = parseAnswer(placeAnswerSchema(raw), raw, at, 'placeOrder');
  if (!('success' in answer)) return acceptPlaced(answer, order, at);
  if (!answer.success) throw slotRefusalError(venue, at.operation, order.clientOrderId, answer.error);
  if (!answer.order) throw wrongShapeError(venue, at.operation, order.clientOrderId, 'success without the order it placed');
  return acceptPlaced(answer.order, order, at);
}

/** Our order in the slot's placeOrder shape; a number that would change on the way is refused here. */
export function toOrderParams(venue: string, order: OrderRequest): KitOrderParams {
  const refuse = (why: string, cause?: SlotNumberError) =>
    new OrderCallError(venue, 'place order', 'rejected', why, order.clientOrderId, cause ? { cause, details: cause.details } : {});
  if (order.type === 'limit' && !order.limitPrice) throw refuse('a limit order needs a limit price; nothing was sent');
  try {
    return {
      exchange: venue,
      symbol: order.symbol,
      side: order.side,
      type: order.type,
      amount: toSlotNumber(order.quantity, 'quantity'),
      ...(order.type === 'limit' && order.limitPrice ? { price: toSlotNumber(order.limitPrice, 'limit price') } : {}),
      ...(order.worstPrice ? { worstPrice: toSlotNumber(order.worstPrice, 'worst price') } : {}),
      clientOrderId: order.clientOrderId,
    };
  } catch (error) {
    if (error instanceof SlotNumberError) throw refuse(`${error.shortMessage}; nothing was sent`, error);
    throw error;
  }
}

/** The state of an order the slot says it placed, once we know it is ours; a rejection is refused. */
export function acceptPlaced(placed: KitOrder, expected: Expected, at: CallSite): OrderState {
  const wrong = mismatch(placed, at.venue, expected);
  if (wrong) throw wrongShapeError(at.venue, at.operation, at.clientOrderId, wrong);
  const state = toOrderState(placed, at);
  if (state.status === 'rejected') throw new OrderCallError(at.venue, at.operation, 'rejected', "K.I.T.'s execution slot rejected it", at.clientOrderId);
  return state;
}

/** The slot's order with our client order id: open ones first, then finished ones. */
async function findOrder(slot: KitExecutionSlot, call: SlotCall, at: CallSite): Promise<KitOrder> {
  const query = { exchange: at.venue, clientOrderId: at.clientOrderId };
  const open = parseAnswer(orderListSchema, await call(at, () => slot.getOpenOrders(query)), at, 'getOpenOrders');
  const found = findOwn(open, at.venue, at.clientOrderId, at);
  if (found) return found;
  const { getExecutions } = slot;
  if (!getExecutions) {
    const why = `order "${at.clientOrderId}" is not open, and K.I.T.'s execution slot has no getExecutions to say whether it filled, was cancelled or never arrived`;
    throw new OrderCallError(at.venue, at.operation, 'unknown_outcome', why, at.clientOrderId);
  }
  const done = parseAnswer(orderListSchema, await call(at, () => getExecutions.call(slot, query)), at, 'getExecutions');
  const finished = findOwn(done, at.venue, at.clientOrderId, at);
  if (finished) return finished;
  throw new OrderCallError(at.venue, at.operation, 'order_not_found', `K.I.T.'s execution slot knows no order with client order id "${at.clientOrderId}" on "${at.venue}"`, at.clientOrderId);
}

async function cancel(slot: KitExecutionSlot, call: SlotCall, venue: string, clientOrderId: string): Promise<OrderState> {
  const at = { venue, operation: 'cancel order', clientOrderId };
  const before = await findOrder(slot, call, at);
  if (before.status !== 'open') return toOrderState(before, at);
  const params = { exchange: venue, orderId: before.id, symbol: before.symbol, clientOrderId };
  const raw = await call(at, () => slot.cancelOrder(params));
  const answer = parseAnswer(cancelAnswerSchema(raw), raw, at, 'cancelOrder');
  const done = typeof answer === 'boolean' ? answer : answer.success;
  const after = await findOrder(slot, call, at).catch((error: unknown) => {
    if (error instanceof OrderCallError && error.failure === 'order_not_found') return undefined;
    throw error;
  });
  // A venue may cancel asynchronously: whatever the slot lists now is the truth.
  if (after && (done || after.status !== 'open')) return toOrderState(after, at);
  if (!after && done) return { ...toOrderState(before, at), status: 'cancelled' };
  if (!after) throw wrongShapeError(venue, at.operation, clientOrderId, 'that it did not cancel the order, which it no longer lists');
  if (typeof answer !== 'boolean' && answer.error) throw slotRefusalError(venue, at.operation, clientOrderId, answer.error);
  throw new OrderCallError(venue, at.operation, 'rejected', "K.I.T.'s execution slot did not cancel it (it answered false); the order is still open", clientOrderId);
}
