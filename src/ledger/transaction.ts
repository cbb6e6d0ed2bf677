// Read-modify-write in one IMMEDIATE transaction. With WAL, a deferred transaction that reads and
// then writes fails at once (SQLITE_BUSY_SNAPSHOT, which the busy timeout does not retry) when
// another process wrote in between; IMMEDIATE takes the write lock first, so the second process
// waits for the busy timeout instead and then reads the first one's result.
import type { Database } from 'better-sqlite3';
import { InvariantError } from '../errors.js';
import type { LedgerTransactions } from '../ports.js';

/** Runs `fn` in one IMMEDIATE transaction (a savepoint when already inside one). */
export function immediate<T>(db: Database, fn: () => T): T {
  return db
    .transaction(() => {
      const result = fn();
      // better-sqlite3 would commit before an async fn's awaits ran; refuse it (and roll back).
      if (isPromiseLike(result)) throw new InvariantError('A ledger transaction was given an async function; it must be synchronous to run in one transaction.');
      return result;
    })
    .immediate();
}

export function ledgerTransactions(db: Database): LedgerTransactions {
  return { transaction: (fn) => immediate(db, fn) };
}

function isPromiseLike(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
