// A whole plan for one market and side, handed to K.I.T.'s Smart Order Router in its own
// ExecutionPlan shape (skills/smart-order-router/handler.ts). The plan is already routed by us
// (venues, amounts, prices); the SOR executes it and answers with the orders it placed, which are
// matched back to our legs by client order id. An order the SOR moved to another venue or resized
// is not accepted as that leg (our journal names the venue and amount): it is an unknown outcome to
// look up. Every leg gets an outcome, its state or its error, so the executor can journal each
// one; a failure of the whole call fails every leg the same way.
import { InvariantError, OrderCallError, VenueError } from '../errors.js';
import { Decimal, ONE, sum, ZERO } from '../money.js';
import type { ManifestOrder } from '../rebalancer.js';
import { requestOf } from '../rebalancer/execute/leg-context.js';
import type { OrderRequest, OrderState } from '../ports/orders.js';
import { slotRefusalError, wrongShapeError } from './kit-router-errors.js';
import { estimateToSlotNumber, fromSlotNumber, toSlotNumber } from './kit-router-numbers.js';
import { type KitExecutionPlan, type KitOrder, type KitRouteSegment, type KitStrategy, routeAnswerSchema } from './kit-router-shapes.js';
import { acceptPlaced, DEFAULT_TIMEOUT_MS, slotCaller } from './kit-router.js';
import { type CallSite, parseAnswer } from './kit-router-state.js';
import { KIT_SOR, type KitExecutionSlot } from './kit-slots.js';

/** One of our orders with what the SOR's segment needs to know about it. */
export interface PlanLeg {
  venue: string;
  order: OrderRequest;
  /** The price the plan expects: the limit price, or the quote a market order was planned at. */
  price: Decimal;
  /** The venue's fee rate (0.001 for 0.1%). */
  feeRate: Decimal;
  venueType?: 'cex' | 'dex';
  /** What the venue can take; defaults to the order's quantity. */
  available?: Decimal;
  latencyMs?: number;
}

export interface PlanOptions {
  /** Defaults to best-price for one leg and split for several (handler.ts's own choice). */
  strategy?: KitStrategy;
  /** The plan's slippage tolerance as a fraction (0.005), handed over as estimatedSlippage. */
  slippageTolerance?: Decimal;
}

/**
 * A run's order as a leg of the SOR's plan. A DEX leg (its manifest order carries the sized swap
 * quote) is a `dex` segment at the quote's price and pool fee; any other is a `cex` one at its
 * limit price (or the guard of a market order) and the venue's fee rate.
 */
export function planLegOf(order: ManifestOrder, venueFeeRate: Decimal): PlanLeg {
  const request = requestOf(order);
  // The quote's price is exact to 40 digits; the slot's numbers hold about 15, and it is an estimate.
  if (order.swap) return { venue: order.venue, order: request, price: new Decimal(order.swap.price).toSignificantDigits(15), feeRate: new Decimal(order.swap.fee_rate), venueType: 'dex' };
  return { venue: order.venue, order: request, price: request.limitPrice ?? request.worstPrice ?? new Decimal(order.worst_price), feeRate: venueFeeRate, venueType: 'cex' };
}

/** The legs in the SOR's ExecutionPlan shape. Pure; refuses mixed markets/sides and numbers that would change. */
export function toExecutionPlan(legs: readonly PlanLeg[], options: PlanOptions = {}): KitExecutionPlan {
  const [first] = legs;
  if (!first) throw new InvariantError('A plan handed to the Smart Order Router needs at least one order');
  const { symbol, side } = first.order;
  const stray = legs.find((leg) => leg.order.symbol !== symbol || leg.order.side !== side);
  if (stray) throw new InvariantError(`A plan handed to the Smart Order Router is for one market and side: ${side} ${symbol}, not ${stray.order.side} ${stray.order.symbol}`);
  const ids = new Set(legs.map((leg) => leg.order.clientOrderId));
  if (ids.size !== legs.length) throw new InvariantError('A plan handed to the Smart Order Router has two orders with the same client order id');
  const total = sum(legs.map((leg) => leg.order.quantity));
  const fees = legs.map((leg) => leg.order.quantity.times(leg.price).times(leg.feeRate));
  const notional = sum(legs.map((leg) => leg.order.quantity.times(leg.price)));
  return {
    strategy: options.strategy ?? (legs.length > 1 ? 'split' : 'best-price'),
    segments: legs.map((leg, index) => toSegment(leg, fees[index] ?? ZERO)),
    totalAmount: toSlotNumber(total, 'total amount'),
    avgPrice: total.gt(0) ? estimateToSlotNumber(notional.div(total), 'average price') : 0,
    totalFees: estimateToSlotNumber(sum(fees), 'total fees'),
    // Savings against other venues are the SOR's own quote comparison; our plan claims none.
    estimatedSavings: 0,
    estimatedSlippage: estimateToSlotNumber(options.slippageTolerance ?? ZERO, 'slippage tolerance'),
    symbol,
    side,
  };
}

function toSegment(leg: PlanLeg, fee: Decimal): KitRouteSegment {
  const { order } = leg;
  const id = order.clientOrderId;
  const price = toSlotNumber(leg.price, `${id} price`);
  return {
    venue: {
      id: leg.venue,
      name: leg.venue,
      type: leg.venueType ?? 'cex',
      price,
      available: toSlotNumber(leg.available ?? order.quantity, `${id} available`),
      fee: toSlotNumber(leg.feeRate, `${id} fee rate`),
      latency: leg.latencyMs ?? 0,
    },
    amount: toSlotNumber(order.quantity, `${id} quantity`),
    price,
    fee: estimateToSlotNumber(fee, `${id} fee`),
    // Our orders are sized to fill in full; partial fills come back in the answer.
    estimatedFill: toSlotNumber(ONE, 'estimated fill'),
    clientOrderId: id,
    type: order.type,
    ...(order.worstPrice ? { worstPrice: toSlotNumber(order.worstPrice, `${id} worst price`) } : {}),
  };
}

export type LegOutcome = { venue: string; clientOrderId: string } & ({ state: OrderState } | { error: OrderCallError });

/** Hands the plan to the slot's smartRoute and gives each leg its outcome, in plan order. */
export async function routeThroughSmartRoute(slot: KitExecutionSlot, plan: KitExecutionPlan, options: { timeoutMs?: number } = {}): Promise<LegOutcome[]> {
  const { smartRoute } = slot;
  if (typeof smartRoute !== 'function') {
    throw new VenueError(KIT_SOR, 'route the plan', "K.I.T.'s execution slot has no smartRoute", false, { details: 'No order was sent; send the orders one by one instead.' });
  }
  const first = plan.segments[0];
  if (!first) throw new InvariantError('A plan handed to the Smart Order Router needs at least one segment');
  const at = { venue: first.venue.id, operation: 'place order', clientOrderId: first.clientOrderId };
  let orders: KitOrder[];
  try {
    const raw = await slotCaller(options.timeoutMs ?? DEFAULT_TIMEOUT_MS)(at, () => smartRoute.call(slot, plan));
    orders = answeredOrders(parseAnswer(routeAnswerSchema(raw), raw, at, 'smartRoute'), plan, at);
  } catch (error) {
    if (!(error instanceof OrderCallError)) throw error;
    return plan.segments.map((segment) => ({ venue: segment.venue.id, clientOrderId: segment.clientOrderId, error: forLeg(error, segment) }));
  }
  return plan.segments.map((segment) => legOutcome(segment, plan, orders));
}

function answeredOrders(answer: KitOrder[] | { success: boolean; orders?: KitOrder[] | undefined; error?: string | undefined }, plan: KitExecutionPlan, at: CallSite): KitOrder[] {
  if (!Array.isArray(answer) && !answer.success) throw slotRefusalError(at.venue, at.operation, at.clientOrderId, answer.error);
  const orders = Array.isArray(answer) ? answer : (answer.orders ?? []);
  const ours = new Set(plan.segments.map((segment) => segment.clientOrderId));
  const stranger = orders.find((order) => !order.clientOrderId || !ours.has(order.clientOrderId));
  if (stranger) throw wrongShapeError(at.venue, at.operation, at.clientOrderId, `order "${stranger.clientOrderId ?? stranger.id}", which is not in the plan`);
  return orders;
}

function legOutcome(segment: KitRouteSegment, plan: KitExecutionPlan, orders: readonly KitOrder[]): LegOutcome {
  const venue = segment.venue.id;
  const at = { venue, operation: 'place order', clientOrderId: segment.clientOrderId };
  try {
    const found = orders.filter((order) => order.clientOrderId === segment.clientOrderId);
    if (found.length > 1) throw wrongShapeError(venue, at.operation, segment.clientOrderId, `${found.length} orders for this one`);
    if (!found[0]) throw wrongShapeError(venue, at.operation, segment.clientOrderId, 'without this order');
    const expected = { clientOrderId: segment.clientOrderId, symbol: plan.symbol, side: plan.side, quantity: fromSlotNumber(segment.amount) };
    return { venue, clientOrderId: segment.clientOrderId, state: acceptPlaced(found[0], expected, at) };
  } catch (error) {
    if (error instanceof OrderCallError) return { venue, clientOrderId: segment.clientOrderId, error };
    throw error;
  }
}

/** The whole call's error, restated for one leg: same failure, wording and cause, that leg's ids. */
function forLeg(error: OrderCallError, segment: KitRouteSegment): OrderCallError {
  const prefix = `Venue "${error.venue}" failed to ${error.operation}: `;
  const message = error.shortMessage.startsWith(prefix) ? error.shortMessage.slice(prefix.length) : error.shortMessage;
  const retry = error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {};
  return new OrderCallError(segment.venue.id, error.operation, error.failure, message, segment.clientOrderId, { cause: error.cause ?? error, ...retry });
}
