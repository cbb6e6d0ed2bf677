// Every order is journaled before it is sent, and every reply or failure is appended after, so a
// crash between "sent" and "recorded" is found on the next run (an unfinished order) and resolved
// by asking the venue for the client order id, never by sending the order again.
import type { Decimal } from '../money.js';
import type { OrderRequest, OrderState, OrderStatus } from './orders.js';

/** An order about to be sent: the request plus where, for which run, and when. */
export interface OrderIntent extends OrderRequest {
  venue: string;
  rebalanceId?: string | undefined;
  at: Date;
}

/** 'pending' until the venue first answers: the order may or may not have reached it. */
export type JournalStatus = 'pending' | OrderStatus;

export interface JournaledOrder extends OrderIntent {
  status: JournalStatus;
  venueOrderId?: string | undefined;
  filled: Decimal;
  averagePrice?: Decimal | undefined;
  fee: Decimal;
  feeAsset?: string | undefined;
  updatedAt: Date;
}

/** 'acknowledged' is a venue reply with status 'open'; the other replies are named by their status. */
export type OrderEventName = 'intent' | 'acknowledged' | 'partially_filled' | 'filled' | 'cancelled' | 'rejected' | 'error';

export interface OrderEvent {
  at: Date;
  event: OrderEventName;
  /** What the event carried, as text: the venue's state (decimals as exact text) or the error message. */
  details: Readonly<Record<string, string>>;
}

export interface OrderError {
  at: Date;
  message: string;
  /** True when the venue refused the order outright, so nothing was placed: it ends as 'rejected'.
   *  False when the outcome is unknown (a timeout): it stays unfinished until the venue is asked. */
  refused: boolean;
}

export interface OrderJournal {
  /** Journals an order before it is sent; a client order id already journaled is refused. */
  recordOrderIntent(intent: OrderIntent): JournaledOrder;
  /** Applies what the venue reported. A finished order (filled, cancelled, rejected) keeps its
   *  final state; a later reply is still kept as an event. */
  recordOrderState(state: OrderState): JournaledOrder;
  recordOrderError(clientOrderId: string, error: OrderError): JournaledOrder;
  order(clientOrderId: string): JournaledOrder | undefined;
  /** The order's events, oldest first. */
  orderEvents(clientOrderId: string): OrderEvent[];
  /** Orders still pending, open or partially filled, oldest first: of one run, or of every run. */
  unfinishedOrders(rebalanceId?: string): JournaledOrder[];
}
