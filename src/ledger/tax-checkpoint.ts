// The tax-state checkpoint (migration 9): a replay's result saved with what it was built from, so
// a preview over a long, unchanged history need not read and replay it again. The state itself is
// opaque text here; what it holds and when it is still good are the tax state's to decide.
import type { Database } from 'better-sqlite3';
import type { TaxCheckpoint, TradeMark } from '../ports.js';
import { dateText, readDate } from './columns.js';
import { prepared } from './prepared.js';
import { immediate } from './transaction.js';

/** The last trade's rowid (a lookup, not a count): trades are only ever added, and a new one takes a larger rowid. */
export function tradeMark(db: Database): TradeMark {
  const row = prepared<{ last: number | null }>(db, 'SELECT max(rowid) AS last FROM trades').get()!;
  return { lastId: row.last ?? 0 };
}

/** How many trades were executed after `after` and at or before `upTo`. */
export function tradesBetween(db: Database, after: Date, upTo: Date): number {
  return prepared<{ count: number }>(db, 'SELECT count(*) AS count FROM trades WHERE executed_at > ? AND executed_at <= ?').get(dateText(after), dateText(upTo))!.count;
}

export function taxCheckpoint(db: Database, key: string): TaxCheckpoint | undefined {
  const row = prepared<{ key: string; last_id: number; as_of: string; state: string }>(db, 'SELECT key, last_id, as_of, state FROM tax_checkpoint WHERE key = ?').get(key);
  return row && { key: row.key, mark: { lastId: row.last_id }, asOf: readDate(row.as_of), state: row.state };
}

/** Replaces every checkpoint with this one: only the current settings' is worth keeping. */
export function saveTaxCheckpoint(db: Database, checkpoint: TaxCheckpoint, now: Date): void {
  immediate(db, () => {
    prepared(db, 'DELETE FROM tax_checkpoint').run();
    prepared(db, 'INSERT INTO tax_checkpoint (key, last_id, as_of, state, saved_at) VALUES (?, ?, ?, ?, ?)').run(
      checkpoint.key,
      checkpoint.mark.lastId,
      dateText(checkpoint.asOf),
      checkpoint.state,
      dateText(now),
    );
  });
}
