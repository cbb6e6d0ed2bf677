// Executed trades, from imports, rebalances and paper fills. Recording is idempotent by id, so an
// import can be re-run. "ON CONFLICT (id) DO NOTHING" rather than INSERT OR IGNORE: the latter
// would also silently skip a row that breaks a CHECK (a side of "short") and count it as a duplicate.
import type { Database } from 'better-sqlite3';
import type { TradeRecord } from '../ports.js';
import { dateText, decimalText, readDate, readDecimal } from './columns.js';
import { prepared } from './prepared.js';
import { immediate } from './transaction.js';

interface TradeRow {
  id: string;
  source: TradeRecord['source'];
  venue: string;
  executed_at: string;
  side: TradeRecord['side'];
  asset: string;
  asset_class: TradeRecord['assetClass'];
  quantity: string;
  price: string;
  total: string | null;
  fee: string;
  currency: string;
  lot_ref: string | null;
  rebalance_id: string | null;
}

export function recordTrades(db: Database, trades: readonly TradeRecord[], onProgress?: (done: number, total: number) => void): { inserted: number; skipped: number } {
  const insert = prepared(
    db,
    `INSERT INTO trades (id, source, venue, executed_at, side, asset, asset_class, quantity, price, total, fee, currency, lot_ref, rebalance_id)
     VALUES (@id, @source, @venue, @executedAt, @side, @asset, @assetClass, @quantity, @price, @total, @fee, @currency, @lotRef, @rebalanceId)
     ON CONFLICT (id) DO NOTHING`,
  );
  return immediate(db, () => {
    let inserted = 0;
    for (const [index, trade] of trades.entries()) {
      if (onProgress && index % 5_000 === 0) onProgress(index, trades.length);
      const what = `trade ${trade.id}`;
      inserted += insert.run({
        ...trade,
        executedAt: dateText(trade.executedAt),
        quantity: decimalText(trade.quantity, `quantity of ${what}`),
        price: decimalText(trade.price, `price of ${what}`),
        total: trade.total ? decimalText(trade.total, `total of ${what}`) : null,
        fee: decimalText(trade.fee, `fee of ${what}`),
        lotRef: trade.lotRef ?? null,
        rebalanceId: trade.rebalanceId ?? null,
      }).changes;
    }
    onProgress?.(trades.length, trades.length);
    return { inserted, skipped: trades.length - inserted };
  });
}

/** Trades in execution order (ties in the order they were recorded); `from` is inclusive, `to` exclusive. */
export function trades(db: Database, filter: { asset?: string; from?: Date; to?: Date } = {}): TradeRecord[] {
  const where: string[] = [];
  if (filter.asset !== undefined) where.push('asset = @asset');
  if (filter.from !== undefined) where.push('executed_at >= @from');
  if (filter.to !== undefined) where.push('executed_at < @to');
  const sql = `SELECT * FROM trades ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY executed_at, rowid`;
  const rows = prepared<TradeRow>(db, sql).all({
    asset: filter.asset,
    from: filter.from && dateText(filter.from),
    to: filter.to && dateText(filter.to),
  });
  return rows.map(toTrade);
}

function toTrade(row: TradeRow): TradeRecord {
  return {
    id: row.id,
    source: row.source,
    venue: row.venue,
    executedAt: readDate(row.executed_at),
    side: row.side,
    asset: row.asset,
    assetClass: row.asset_class,
    quantity: readDecimal(row.quantity),
    price: readDecimal(row.price),
    total: row.total === null ? readDecimal(row.quantity).times(readDecimal(row.price)) : readDecimal(row.total),
    fee: readDecimal(row.fee),
    currency: row.currency,
    lotRef: row.lot_ref ?? undefined,
    rebalanceId: row.rebalance_id ?? undefined,
  };
}
