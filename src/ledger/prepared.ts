// Statements are prepared once per ledger and reused. The ledger's functions take the Database as
// their first argument, so the cache hangs off the Database itself (and goes when it goes).
import type { Database, Statement } from 'better-sqlite3';

const caches = new WeakMap<Database, Map<string, Statement>>();

/** The statement for `sql` on this database, prepared on first use. */
export function prepared<Row = unknown>(db: Database, sql: string): Statement<unknown[], Row> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement as Statement<unknown[], Row>;
}
