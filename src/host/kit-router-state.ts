// Reading the slot's answers: zod-parse them at the edge, check an order is the one we sent, and
// map ExchangeManager's order (status open|closed|canceled, numbers) to our OrderState (Decimals).
// ExchangeManager's order has no fee currency; ccxt's `feeCurrency` is used when present, else the
// market's quote, where spot venues charge a taker fee.
import type { z } from 'zod';
import type { Decimal } from '../money.js';
import type { OrderSide, OrderState, OrderStatus } from '../ports/orders.js';
import { wrongShapeError } from './kit-router-errors.js';
import { fromSlotNumber } from './kit-router-numbers.js';
import type { KitOrder } from './kit-router-shapes.js';

export interface CallSite {
  venue: string;
  operation: string;
  clientOrderId: string;
}

/** The answer as `schema` reads it, or an unknown-outcome error naming the first problems (never the values). */
export function parseAnswer<S extends z.ZodType>(schema: S, answer: unknown, at: CallSite, what: string): z.output<S> {
  const parsed = schema.safeParse(answer);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || 'answer'}: ${issue.message}`);
  throw wrongShapeError(at.venue, at.operation, at.clientOrderId, `${what} in a shape we cannot read (${issues.join('; ')})`, parsed.error);
}

/** What we expect an answered order to be. */
export interface Expected {
  clientOrderId: string;
  symbol: string;
  side: OrderSide;
  quantity: Decimal;
}

/** Why an answered order is not the one we sent, or undefined when it is. */
export function mismatch(order: KitOrder, venue: string, expected: Expected): string | undefined {
  if (!order.clientOrderId) return `an order without our client order id "${expected.clientOrderId}", so it could never be looked up again`;
  if (order.clientOrderId !== expected.clientOrderId) return `order "${order.clientOrderId}" instead of "${expected.clientOrderId}"`;
  if (order.exchange !== venue) return `the order on "${order.exchange}" instead of "${venue}"`;
  if (order.symbol !== expected.symbol || order.side !== expected.side) return `a ${order.side} ${order.symbol} order instead of ${expected.side} ${expected.symbol}`;
  const amount = fromSlotNumber(order.amount);
  if (!amount.eq(expected.quantity)) return `an amount of ${amount.toFixed()} instead of ${expected.quantity.toFixed()}`;
  return undefined;
}

/** Our state of one of the slot's orders; a self-contradicting order is refused. */
export function toOrderState(order: KitOrder, at: CallSite): OrderState {
  const filled = fromSlotNumber(order.filled);
  const amount = fromSlotNumber(order.amount);
  if (filled.gt(amount)) throw wrongShapeError(at.venue, at.operation, at.clientOrderId, `an order filled ${filled.toFixed()} of ${amount.toFixed()}`);
  const average = order.average ?? (filled.gt(0) && order.price ? order.price : undefined);
  return {
    clientOrderId: order.clientOrderId ?? at.clientOrderId,
    venueOrderId: order.id,
    status: statusOf(order.status, filled, amount),
    filled,
    ...(average !== undefined ? { averagePrice: fromSlotNumber(average) } : {}),
    fee: fromSlotNumber(order.fee ?? 0),
    feeAsset: order.feeCurrency ?? quoteOf(order.symbol),
    updatedAt: order.timestamp,
  };
}

/** ccxt's `closed` means fully filled; a closed order short of its amount will fill no further. */
function statusOf(status: KitOrder['status'], filled: Decimal, amount: Decimal): OrderStatus {
  switch (status) {
    case 'open':
      return filled.gt(0) ? 'partially_filled' : 'open';
    case 'closed':
      return filled.gte(amount) ? 'filled' : 'cancelled';
    case 'canceled':
    case 'expired':
      return 'cancelled';
    case 'rejected':
      return 'rejected';
  }
}

function quoteOf(symbol: string): string {
  return symbol.split('/')[1]?.split(':')[0] ?? '';
}

/** The only order in `orders` with our client order id on `venue`, undefined if none; two are refused. */
export function findOwn(orders: readonly KitOrder[], venue: string, clientOrderId: string, at: CallSite): KitOrder | undefined {
  const own = orders.filter((order) => order.clientOrderId === clientOrderId && order.exchange === venue);
  if (own.length > 1) throw wrongShapeError(at.venue, at.operation, at.clientOrderId, `${own.length} orders with client order id "${clientOrderId}"`);
  return own[0];
}
