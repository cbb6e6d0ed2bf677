// The order journal over the `orders` and `order_events` tables. `orders` holds each order's
// latest known state, `order_events` everything that happened to it; each append updates both in
// one transaction. A finished order's row is final: a late or repeated venue reply is kept as an
// event but never reopens it (an order filled once is not "open" again because a stale poll said so).
import type { Database } from 'better-sqlite3';
import { InvariantError } from '../errors.js';
import type { JournaledOrder, JournalStatus, OrderError, OrderEvent, OrderEventName, OrderIntent, OrderJournal, OrderState } from '../ports.js';
import { dateText, decimalText, nullable, optional, readDate, readDecimal } from './columns.js';
import { prepared } from './prepared.js';
import { immediate } from './transaction.js';

export class DuplicateOrderError extends InvariantError {
  constructor(
    readonly clientOrderId: string,
    readonly venue: string,
  ) {
    super(`Order "${clientOrderId}" on "${venue}" is already in the order journal; a new order needs a new client order id, and a retry must ask the venue about the journaled one.`);
  }
}

export class UnknownOrderError extends InvariantError {
  constructor(readonly clientOrderId: string) {
    super(`Order "${clientOrderId}" is not in the order journal; an order must be journaled before it is sent.`);
  }
}

const UNFINISHED: readonly JournalStatus[] = ['pending', 'open', 'partially_filled'];

interface OrderRow {
  client_order_id: string;
  rebalance_id: string | null;
  venue: string;
  symbol: string;
  side: JournaledOrder['side'];
  type: JournaledOrder['type'];
  quantity: string;
  limit_price: string | null;
  status: JournalStatus;
  venue_order_id: string | null;
  filled: string;
  average_price: string | null;
  fee: string;
  fee_asset: string | null;
  created_at: string;
  updated_at: string;
}

export function recordOrderIntent(db: Database, intent: OrderIntent): JournaledOrder {
  return immediate(db, () => {
    const existing = orderRow(db, intent.clientOrderId);
    if (existing) throw new DuplicateOrderError(intent.clientOrderId, existing.venue);
    const what = `order ${intent.clientOrderId}`;
    const quantity = decimalText(intent.quantity, `quantity of ${what}`);
    const limitPrice = nullable(intent.limitPrice, (price) => decimalText(price, `limit price of ${what}`));
    prepared(
      db,
      `INSERT INTO orders (client_order_id, rebalance_id, venue, symbol, side, type, quantity, limit_price, status, created_at, updated_at)
       VALUES (@id, @rebalanceId, @venue, @symbol, @side, @type, @quantity, @limitPrice, 'pending', @at, @at)`,
    ).run({
      id: intent.clientOrderId,
      rebalanceId: intent.rebalanceId ?? null,
      venue: intent.venue,
      symbol: intent.symbol,
      side: intent.side,
      type: intent.type,
      quantity,
      limitPrice,
      at: dateText(intent.at),
    });
    const details = { venue: intent.venue, symbol: intent.symbol, side: intent.side, type: intent.type, quantity, ...(limitPrice === null ? {} : { limitPrice }) };
    appendEvent(db, intent.clientOrderId, intent.at, 'intent', details);
    return readOrder(db, intent.clientOrderId);
  });
}

export function recordOrderState(db: Database, state: OrderState): JournaledOrder {
  return immediate(db, () => {
    const row = requireRow(db, state.clientOrderId);
    const what = `order ${state.clientOrderId}`;
    const averagePrice = nullable(state.averagePrice, (price) => decimalText(price, `average price of ${what}`));
    const reported = {
      status: state.status,
      venueOrderId: state.venueOrderId,
      filled: decimalText(state.filled, `filled quantity of ${what}`),
      fee: decimalText(state.fee, `fee of ${what}`),
      feeAsset: state.feeAsset,
    };
    const event = state.status === 'open' ? 'acknowledged' : state.status;
    appendEvent(db, state.clientOrderId, state.updatedAt, event, averagePrice === null ? reported : { ...reported, averagePrice });
    if (isUnfinished(row.status)) {
      prepared(
        db,
        `UPDATE orders SET status = @status, venue_order_id = @venueOrderId, filled = @filled, average_price = @averagePrice,
           fee = @fee, fee_asset = @feeAsset, updated_at = @at WHERE client_order_id = @id`,
      ).run({ ...reported, averagePrice, id: state.clientOrderId, at: dateText(state.updatedAt) });
    }
    return readOrder(db, state.clientOrderId);
  });
}

export function recordOrderError(db: Database, clientOrderId: string, error: OrderError): JournaledOrder {
  return immediate(db, () => {
    const row = requireRow(db, clientOrderId);
    appendEvent(db, clientOrderId, error.at, 'error', { message: error.message, refused: String(error.refused) });
    if (error.refused && isUnfinished(row.status)) {
      prepared(db, `UPDATE orders SET status = 'rejected', updated_at = ? WHERE client_order_id = ?`).run(dateText(error.at), clientOrderId);
    }
    return readOrder(db, clientOrderId);
  });
}

export function order(db: Database, clientOrderId: string): JournaledOrder | undefined {
  const row = orderRow(db, clientOrderId);
  return row && toOrder(row);
}

export function orderEvents(db: Database, clientOrderId: string): OrderEvent[] {
  const rows = prepared<{ at: string; event: OrderEventName; payload_json: string | null }>(
    db,
    'SELECT at, event, payload_json FROM order_events WHERE client_order_id = ? ORDER BY id',
  ).all(clientOrderId);
  return rows.map((row) => ({ at: readDate(row.at), event: row.event, details: readDetails(row.payload_json) }));
}

export function unfinishedOrders(db: Database, rebalanceId?: string): JournaledOrder[] {
  const statuses = UNFINISHED.map((status) => `'${status}'`).join(', ');
  const ofRun = rebalanceId === undefined ? '' : 'AND rebalance_id = ?';
  const rows = prepared<OrderRow>(db, `SELECT * FROM orders WHERE status IN (${statuses}) ${ofRun} ORDER BY created_at, rowid`).all(
    ...(rebalanceId === undefined ? [] : [rebalanceId]),
  );
  return rows.map(toOrder);
}

/** The OrderJournal port over this database. */
export function orderJournal(db: Database): OrderJournal {
  return {
    recordOrderIntent: (intent) => recordOrderIntent(db, intent),
    recordOrderState: (state) => recordOrderState(db, state),
    recordOrderError: (clientOrderId, error) => recordOrderError(db, clientOrderId, error),
    order: (clientOrderId) => order(db, clientOrderId),
    orderEvents: (clientOrderId) => orderEvents(db, clientOrderId),
    unfinishedOrders: (rebalanceId) => unfinishedOrders(db, rebalanceId),
  };
}

function isUnfinished(status: JournalStatus): boolean {
  return UNFINISHED.includes(status);
}

function appendEvent(db: Database, clientOrderId: string, at: Date, event: OrderEventName, details: Readonly<Record<string, string>>): void {
  prepared(db, 'INSERT INTO order_events (client_order_id, at, event, payload_json) VALUES (?, ?, ?, ?)').run(
    clientOrderId,
    dateText(at),
    event,
    JSON.stringify(details),
  );
}

function orderRow(db: Database, clientOrderId: string): OrderRow | undefined {
  return prepared<OrderRow>(db, 'SELECT * FROM orders WHERE client_order_id = ?').get(clientOrderId);
}

function requireRow(db: Database, clientOrderId: string): OrderRow {
  const row = orderRow(db, clientOrderId);
  if (!row) throw new UnknownOrderError(clientOrderId);
  return row;
}

function readOrder(db: Database, clientOrderId: string): JournaledOrder {
  return toOrder(requireRow(db, clientOrderId));
}

function readDetails(json: string | null): Record<string, string> {
  const parsed: unknown = json === null ? {} : JSON.parse(json);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || Object.values(parsed).some((value) => typeof value !== 'string')) {
    throw new InvariantError(`Expected a JSON object of text in the order journal, found ${json}.`);
  }
  return parsed as Record<string, string>;
}

function toOrder(row: OrderRow): JournaledOrder {
  return {
    clientOrderId: row.client_order_id,
    rebalanceId: row.rebalance_id ?? undefined,
    venue: row.venue,
    symbol: row.symbol,
    side: row.side,
    type: row.type,
    quantity: readDecimal(row.quantity),
    limitPrice: optional(row.limit_price, readDecimal),
    at: readDate(row.created_at),
    status: row.status,
    venueOrderId: row.venue_order_id ?? undefined,
    filled: readDecimal(row.filled),
    averagePrice: optional(row.average_price, readDecimal),
    fee: readDecimal(row.fee),
    feeAsset: row.fee_asset ?? undefined,
    updatedAt: readDate(row.updated_at),
  };
}
