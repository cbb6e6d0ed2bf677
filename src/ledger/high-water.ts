// The portfolio's high-water mark, for drawdown protection, with the prices it was taken at; and
// the record of each reset. Which snapshots may raise it is decided in rebalancer/drawdown-mark.ts.
import type { Database } from 'better-sqlite3';
import type { HighWaterReset, ValueMark } from '../ports.js';
import { assetMapJson, dateText, decimalText, nullable, optional, readAssetMapJson, readDate, readDecimal } from './columns.js';
import { prepared } from './prepared.js';
import { immediate } from './transaction.js';

interface MarkRow {
  value: string;
  at: string;
  prices_json: string | null;
}

interface ResetRow {
  at: string;
  reason: string;
  value: string | null;
  mark_at: string | null;
}

export function highWater(db: Database): ValueMark | undefined {
  const row = prepared<MarkRow>(db, 'SELECT value, at, prices_json FROM high_water_mark WHERE id = 1').get();
  if (!row) return undefined;
  const prices = optional(row.prices_json, readAssetMapJson);
  return { value: readDecimal(row.value), at: readDate(row.at), ...(prices ? { prices } : {}) };
}

export function saveHighWater(db: Database, mark: ValueMark): void {
  prepared(
    db,
    `INSERT INTO high_water_mark (id, value, at, prices_json) VALUES (1, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET value = excluded.value, at = excluded.at, prices_json = excluded.prices_json`,
  ).run(decimalText(mark.value, 'high-water mark'), dateText(mark.at), nullable(mark.prices, (prices) => assetMapJson(prices, 'high-water price of')));
}

export function resetHighWater(db: Database, at: Date, reason: string): ValueMark | undefined {
  return immediate(db, () => {
    const cleared = highWater(db);
    prepared(db, 'DELETE FROM high_water_mark').run();
    prepared(db, 'INSERT INTO high_water_resets (at, reason, value, mark_at) VALUES (?, ?, ?, ?)').run(
      dateText(at),
      reason,
      nullable(cleared?.value, (value) => decimalText(value, 'cleared high-water mark')),
      nullable(cleared?.at, dateText),
    );
    return cleared;
  });
}

/** The latest `limit` resets, newest first. */
export function highWaterResets(db: Database, limit: number): HighWaterReset[] {
  const rows = prepared<ResetRow>(db, 'SELECT at, reason, value, mark_at FROM high_water_resets ORDER BY id DESC LIMIT ?').all(limit);
  return rows.map((row) => ({
    at: readDate(row.at),
    reason: row.reason,
    ...(row.value !== null && row.mark_at !== null ? { cleared: { value: readDecimal(row.value), at: readDate(row.mark_at) } } : {}),
  }));
}
