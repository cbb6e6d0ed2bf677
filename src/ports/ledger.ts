// The store of everything that must outlive a run, split by concern so each consumer asks for the
// narrowest store it needs. Synchronous: it is a local SQLite file, and every multi-row change is
// one transaction, so a crash leaves either all of it or none.
import type { HeartbeatStore } from './heartbeat-store.js';
import type { HistoryStore } from './history-store.js';
import type { LotStore } from './lot-store.js';
import type { OrderJournal } from './order-journal.js';
import type { OutboxStore } from './outbox-store.js';
import type { PaperBookStore } from './paper-book-store.js';
import type { PaperStore } from './paper-store.js';
import type { RunLockStore } from './run-lock.js';
import type { SwapLegStore } from './swap-leg-store.js';
import type { TargetStore } from './target-store.js';
import type { TradeStore } from './trade-store.js';

export interface LedgerTransactions {
  /**
   * Runs `fn` in one `BEGIN IMMEDIATE` transaction: it takes the write lock before its first
   * read, so a read-modify-write cannot interleave with another process's (which waits for the
   * lock). Commits when `fn` returns, rolls back when it throws. `fn` must be synchronous; calls
   * inside it (store methods, nested transactions) join the same transaction.
   */
  transaction<T>(fn: () => T): T;
}

/** Every store, over one SQLite file. */
export interface Ledger extends TargetStore, LotStore, TradeStore, OrderJournal, PaperStore, PaperBookStore, HistoryStore, RunLockStore, OutboxStore, HeartbeatStore, SwapLegStore, LedgerTransactions {
  /** Schema version, for `kit doctor` and tests. */
  schemaVersion(): number;
  close(): void;
}
