// A paper venue's own book over `paper_orders` and `paper_fills`. Like a real venue it refuses a
// client order id it already has; unlike the journal it knows nothing of runs or intents, only
// what reached it.
import type { Database } from 'better-sqlite3';
import { InvariantError } from '../errors.js';
import type { OrderSide, OrderStatus, PaperBookStore, PaperFill, PaperOrder } from '../ports.js';
import { dateText, decimalText, nullable, optional, readDate, readDecimal } from './columns.js';
import { prepared } from './prepared.js';
import { immediate } from './transaction.js';

interface OrderRow {
  venue: string;
  client_order_id: string;
  venue_order_id: string;
  symbol: string;
  side: OrderSide;
  type: PaperOrder['type'];
  quantity: string;
  limit_price: string | null;
  status: OrderStatus;
  filled: string;
  average_price: string | null;
  fee: string;
  fee_asset: string;
  reason: string | null;
  created_at: string;
  updated_at: string;
}

interface FillRow {
  venue: string;
  client_order_id: string;
  quantity: string;
  price: string;
  fee: string;
  fee_asset: string;
  at: string;
}

const readOrder = (row: OrderRow): PaperOrder => ({
  venue: row.venue,
  clientOrderId: row.client_order_id,
  venueOrderId: row.venue_order_id,
  symbol: row.symbol,
  side: row.side,
  type: row.type,
  quantity: readDecimal(row.quantity),
  limitPrice: optional(row.limit_price, readDecimal),
  status: row.status,
  filled: readDecimal(row.filled),
  averagePrice: optional(row.average_price, readDecimal),
  fee: readDecimal(row.fee),
  feeAsset: row.fee_asset,
  reason: row.reason ?? undefined,
  createdAt: readDate(row.created_at),
  updatedAt: readDate(row.updated_at),
});

const readFill = (row: FillRow): PaperFill => ({
  venue: row.venue,
  clientOrderId: row.client_order_id,
  quantity: readDecimal(row.quantity),
  price: readDecimal(row.price),
  fee: readDecimal(row.fee),
  feeAsset: row.fee_asset,
  at: readDate(row.at),
});

function orderParams(order: PaperOrder) {
  const what = `paper order ${order.clientOrderId}`;
  return {
    venue: order.venue,
    id: order.clientOrderId,
    venueOrderId: order.venueOrderId,
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    quantity: decimalText(order.quantity, `quantity of ${what}`),
    limitPrice: nullable(order.limitPrice, (price) => decimalText(price, `limit price of ${what}`)),
    status: order.status,
    filled: decimalText(order.filled, `filled of ${what}`),
    averagePrice: nullable(order.averagePrice, (price) => decimalText(price, `average price of ${what}`)),
    fee: decimalText(order.fee, `fee of ${what}`),
    feeAsset: order.feeAsset,
    reason: order.reason ?? null,
    createdAt: dateText(order.createdAt),
    updatedAt: dateText(order.updatedAt),
  };
}

export function paperBookStore(db: Database): PaperBookStore {
  const one = (venue: string, id: string) => prepared<OrderRow>(db, 'SELECT * FROM paper_orders WHERE venue = ? AND client_order_id = ?').get(venue, id);
  return {
    paperOrder: (venue, id) => {
      const row = one(venue, id);
      return row ? readOrder(row) : undefined;
    },
    paperOrders: (venue) => prepared<OrderRow>(db, 'SELECT * FROM paper_orders WHERE venue = ? ORDER BY created_at, rowid').all(venue).map(readOrder),
    openPaperOrders: (venue) =>
      prepared<OrderRow>(db, "SELECT * FROM paper_orders WHERE venue = ? AND status IN ('open', 'partially_filled') ORDER BY created_at, rowid").all(venue).map(readOrder),
    paperFills: (venue, id) =>
      (id === undefined
        ? prepared<FillRow>(db, 'SELECT * FROM paper_fills WHERE venue = ? ORDER BY id').all(venue)
        : prepared<FillRow>(db, 'SELECT * FROM paper_fills WHERE venue = ? AND client_order_id = ? ORDER BY id').all(venue, id)
      ).map(readFill),
    insertPaperOrder: (order) =>
      immediate(db, () => {
        if (one(order.venue, order.clientOrderId)) throw new InvariantError(`Paper venue "${order.venue}" already has order "${order.clientOrderId}".`);
        prepared(
          db,
          `INSERT INTO paper_orders (venue, client_order_id, venue_order_id, symbol, side, type, quantity, limit_price, status, filled, average_price, fee, fee_asset, reason, created_at, updated_at)
           VALUES (@venue, @id, @venueOrderId, @symbol, @side, @type, @quantity, @limitPrice, @status, @filled, @averagePrice, @fee, @feeAsset, @reason, @createdAt, @updatedAt)`,
        ).run(orderParams(order));
      }),
    updatePaperOrder: (order) => {
      const changed = prepared(
        db,
        `UPDATE paper_orders SET status = @status, filled = @filled, average_price = @averagePrice, fee = @fee, reason = @reason, updated_at = @updatedAt
         WHERE venue = @venue AND client_order_id = @id`,
      ).run(orderParams(order)).changes;
      if (changed !== 1) throw new InvariantError(`Paper venue "${order.venue}" has no order "${order.clientOrderId}" to update.`);
    },
    addPaperFill: (fill) => {
      const what = `fill of paper order ${fill.clientOrderId}`;
      prepared(db, 'INSERT INTO paper_fills (venue, client_order_id, quantity, price, fee, fee_asset, at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        fill.venue,
        fill.clientOrderId,
        decimalText(fill.quantity, `quantity of ${what}`),
        decimalText(fill.price, `price of ${what}`),
        decimalText(fill.fee, `fee of ${what}`),
        fill.feeAsset,
        dateText(fill.at),
      );
    },
    cancelOpenPaperOrders: (venue, at, reason) =>
      prepared(db, "UPDATE paper_orders SET status = 'cancelled', reason = ?, updated_at = ? WHERE venue = ? AND status IN ('open', 'partially_filled')").run(reason, dateText(at), venue).changes,
    transaction: (fn) => immediate(db, fn),
  };
}
