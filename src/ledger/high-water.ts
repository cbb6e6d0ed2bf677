// The portfolio's high-water mark, for drawdown protection: raised whenever a complete snapshot
// is worth more than any before it.
import type { Database } from 'better-sqlite3';
import type { ValueMark } from '../ports.js';
import { dateText, decimalText, readDate, readDecimal } from './columns.js';
import { prepared } from './prepared.js';

export function highWater(db: Database): ValueMark | undefined {
  const row = prepared<{ value: string; at: string }>(db, 'SELECT value, at FROM high_water_mark WHERE id = 1').get();
  return row ? { value: readDecimal(row.value), at: readDate(row.at) } : undefined;
}

export function saveHighWater(db: Database, mark: ValueMark): void {
  prepared(db, 'INSERT INTO high_water_mark (id, value, at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET value = excluded.value, at = excluded.at').run(
    decimalText(mark.value, 'high-water mark'),
    dateText(mark.at),
  );
}
