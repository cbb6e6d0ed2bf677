// Executed trades, from imports, rebalances and paper fills. Recording is idempotent by id, so an
// import can be re-run. "ON CONFLICT (id) DO NOTHING" rather than INSERT OR IGNORE: the latter
// would also silently skip a row that breaks a CHECK (a side of "short") and count it as a duplicate.
import type { Database } from 'better-sqlite3';
import { InvariantError } from '../errors.js';
import { Decimal } from '../money.js';
import type { HistoryTrade, TradeImport, TradeRecord } from '../ports.js';
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

const INSERT = `INSERT INTO trades (id, source, venue, executed_at, side, asset, asset_class, quantity, price, total, fee, currency, lot_ref, rebalance_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO NOTHING`;

/** A trade's columns in INSERT's order, amounts as exact text; `iso` spells its date. */
function columnsOf(trade: TradeRecord, iso: (date: Date) => string = dateText): unknown[] {
  const what = `trade ${trade.id}`;
  return [
    trade.id,
    trade.source,
    trade.venue,
    iso(trade.executedAt),
    trade.side,
    trade.asset,
    trade.assetClass,
    decimalText(trade.quantity, `quantity of ${what}`),
    decimalText(trade.price, `price of ${what}`),
    trade.total ? decimalText(trade.total, `total of ${what}`) : null,
    decimalText(trade.fee, `fee of ${what}`),
    trade.currency,
    trade.lotRef ?? null,
    trade.rebalanceId ?? null,
  ];
}

export function recordTrades(db: Database, trades: readonly TradeRecord[], onProgress?: (done: number, total: number) => void): { inserted: number; skipped: number } {
  const insert = prepared(db, INSERT);
  return immediate(db, () => {
    let inserted = 0;
    for (const [index, trade] of trades.entries()) {
      if (onProgress && index % 5_000 === 0) onProgress(index, trades.length);
      inserted += insert.run(...columnsOf(trade)).changes;
    }
    onProgress?.(trades.length, trades.length);
    return { inserted, skipped: trades.length - inserted };
  });
}

/**
 * The trades an import adds get consecutive rowids after the largest before it (the import holds
 * the write lock), so a rowid tells whether a trade is the import's and which one it is.
 */
export function startImport(db: Database): TradeImport {
  if (!db.inTransaction) throw new InvariantError('A streamed import must run inside a ledger transaction, so that a problem keeps nothing.');
  // A big import touches pages of the table and its three indexes all over: a larger page cache
  // (up to 128 MB, allocated only as used) keeps them from being read back from the OS repeatedly.
  db.pragma('cache_size = -131072');
  const first = Number((prepared<{ last: number | null }>(db, 'SELECT max(rowid) AS last FROM trades').get()?.last ?? 0) + 1);
  const insert = prepared(db, INSERT);
  const owner = prepared<{ rowid: number }>(db, 'SELECT rowid FROM trades WHERE id = ?');
  let added = 0;
  // Consecutive rows of a history often share a date: spell it once.
  let last = { time: Number.NaN, text: '' };
  const iso = (date: Date) => (date.getTime() === last.time ? last.text : (last = { time: date.getTime(), text: dateText(date) }).text);
  return {
    get added() {
      return added;
    },
    add(trade) {
      const run = insert.run(...columnsOf(trade, iso));
      if (run.changes === 0) {
        const rowid = owner.get(trade.id)!.rowid;
        return { added: false, by: rowid >= first ? rowid - first : 'ledger' };
      }
      if (Number(run.lastInsertRowid) !== first + added) throw new InvariantError(`Import: trade ${trade.id} got rowid ${run.lastInsertRowid}, expected ${first + added}.`);
      added++;
      return { added: true };
    },
    *history() {
      const rows = prepared(db, 'SELECT rowid, executed_at, side, asset, venue, quantity FROM trades ORDER BY executed_at, rowid').raw(true).iterate() as IterableIterator<
        [number, string, TradeRecord['side'], string, string, string]
      >;
      for (const [rowid, executedAt, side, asset, venue, quantity] of rows) {
        yield { imported: rowid >= first ? rowid - first : undefined, executedAt, side, asset, venue, quantity };
      }
    },
  };
}

/**
 * A Decimal read from text keeps its digits in an array grown by pushes, with room for 16 more;
 * a copy holds exactly its digits, half the memory when a million of them are kept.
 */
const compact = (text: string): Decimal => new Decimal(readDecimal(text));

type HistoryRow = [string, string, TradeRecord['side'], string, TradeRecord['assetClass'], string, string | null, string, string, string, string | null];

/**
 * The whole history for a tax replay, streamed in the order `trades` gives. A history of a million
 * trades repeats a few names, fees and (for daily exports) dates: each distinct one is made once
 * and shared (Dates and Decimals are never mutated), so the replay holds one object per figure.
 */
export function* tradeHistory(db: Database): Generator<HistoryTrade> {
  const rows = prepared(db, 'SELECT id, executed_at, side, asset, asset_class, quantity, total, price, fee, venue, lot_ref FROM trades ORDER BY executed_at, rowid')
    .raw(true)
    .iterate() as IterableIterator<HistoryRow>;
  const names = new Map<string, string>();
  const name = (text: string) => names.get(text) ?? (names.set(text, text), text);
  const fees = new Map<string, Decimal>();
  let date = { text: '', value: new Date(0) };
  for (const [id, executedAt, side, asset, assetClass, quantity, total, price, fee, venue, lotRef] of rows) {
    if (executedAt !== date.text) date = { text: executedAt, value: readDate(executedAt) };
    let feeValue = fees.get(fee);
    if (!feeValue) {
      feeValue = compact(fee);
      if (fees.size < 10_000) fees.set(fee, feeValue);
    }
    const amount = compact(quantity);
    yield {
      id,
      date: date.value,
      side,
      asset: name(asset),
      assetClass,
      quantity: amount,
      total: total === null ? new Decimal(amount.times(readDecimal(price))) : compact(total),
      fee: feeValue,
      venue: name(venue),
      lotRef: lotRef ?? undefined,
    };
  }
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
