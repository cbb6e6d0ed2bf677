// Opens (creating if needed) the ledger file and returns the Ledger port over it. WAL lets a
// status run read while an execute writes; the busy timeout makes a second process wait for the
// lock instead of failing at once. better-sqlite3 (a native addon, ~10 ms to load) is required
// here, on first open, so that commands that never open a ledger (--help) do not pay for it.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { Ledger } from '../ports.js';
import { heartbeatStore } from './heartbeat.js';
import { highWater, highWaterResets, resetHighWater, saveHighWater } from './high-water.js';
import { rebalanceHistory, saveRebalance } from './history.js';
import { addLots, openLots } from './lots.js';
import { migrate, schemaVersion } from './migrate.js';
import { orderJournal } from './orders.js';
import { outboxStore } from './outbox.js';
import { adjustPaperBalances, paperVenue, seedPaperVenue } from './paper.js';
import { paperBookStore } from './paper-book.js';
import { runLockStore } from './run-lock.js';
import { swapLegStore } from './swap-legs.js';
import { clearTargetOverrides, saveTargetOverrides, targetHistory, targetOverrides, targetPins } from './targets.js';
import { ledgerTransactions } from './transaction.js';
import { saveTaxCheckpoint, taxCheckpoint, tradeMark, tradesBetween } from './tax-checkpoint.js';
import { recordTrades, startImport, tradeHistory, trades } from './trades.js';

/**
 * `file` is a path, ':memory:' for a throwaway ledger, or the bytes of a ledger file to work on in
 * memory (a read-only ledger: what a run changes is not saved). See ledger-file.ts for the checks
 * and messages around opening a user's file.
 */
export function openLedger(file: string | Buffer): Ledger {
  if (typeof file === 'string' && file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }

  return {
    targetOverrides: () => targetOverrides(db),
    targetPins: () => targetPins(db),
    saveTargetOverrides: (change) => saveTargetOverrides(db, change),
    clearTargetOverrides: (at, reason) => clearTargetOverrides(db, at, reason),
    targetHistory: (limit) => targetHistory(db, limit),

    paperVenue: (venue) => paperVenue(db, venue),
    seedPaperVenue: (venue, state, lots) => seedPaperVenue(db, venue, state, lots),
    adjustPaperBalances: (venue, deltas, at) => adjustPaperBalances(db, venue, deltas, at),

    addLots: (lots) => addLots(db, lots),
    openLots: (filter) => openLots(db, filter),

    recordTrades: (records, onProgress) => recordTrades(db, records, onProgress),
    startImport: () => startImport(db),
    tradeHistory: () => tradeHistory(db),
    tradeMark: () => tradeMark(db),
    tradesBetween: (after, upTo) => tradesBetween(db, after, upTo),
    taxCheckpoint: (key) => taxCheckpoint(db, key),
    saveTaxCheckpoint: (checkpoint, now) => saveTaxCheckpoint(db, checkpoint, now),
    trades: (filter) => trades(db, filter),

    saveRebalance: (record) => saveRebalance(db, record),
    rebalanceHistory: (limit) => rebalanceHistory(db, limit),

    highWater: () => highWater(db),
    saveHighWater: (mark) => saveHighWater(db, mark),
    resetHighWater: (at, reason) => resetHighWater(db, at, reason),
    highWaterResets: (limit) => highWaterResets(db, limit),

    ...orderJournal(db),
    ...paperBookStore(db),
    ...runLockStore(db),
    ...outboxStore(db),
    ...ledgerTransactions(db),
    ...heartbeatStore(db),
    ...swapLegStore(db),

    schemaVersion: () => schemaVersion(db),
    close: () => {
      db.close();
    },
  };
}
