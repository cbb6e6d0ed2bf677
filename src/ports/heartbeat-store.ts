// What the heartbeat remembers between checks and restarts: each check, the alert state (opaque
// JSON owned by rebalancer/heartbeat), the last calendar slot run, and who is watching this ledger.
import type { Decimal } from '../money.js';

export interface HeartbeatCheck {
  at: Date;
  /** False when a venue did not answer or a price was missing: drift was not judged on it. */
  complete: boolean;
  /** The asset furthest from its target, signed (fraction points), when drift was computed. */
  largestDrift?: { asset: string; drift: Decimal } | undefined;
  /** Assets outside their band. */
  breaches: string[];
  /** Keys of the conditions in force after this check ("drift", "venue:binance", ...). */
  conditions: string[];
  /** Alerts sent (or held for quiet hours) by this check. */
  alerts: number;
  /** Why the check could not run, when it could not. */
  error?: string | undefined;
}

/** The process holding a ledger's watch lock. */
export interface WatchHolder {
  pid: number;
  host: string;
  startedAt: Date;
}

export type WatchLockResult = { acquired: true; replaced?: WatchHolder | undefined } | { acquired: false; holder: WatchHolder };

export interface HeartbeatStore {
  recordCheck(check: HeartbeatCheck): void;
  /** The latest `limit` checks, newest first. */
  heartbeatChecks(limit: number): HeartbeatCheck[];
  /** The saved alert state, as saved. */
  watchState(): string | undefined;
  saveWatchState(json: string, at: Date): void;
  /** The last slot of a named calendar that was run (or taken as the baseline). */
  lastCalendarSlot(name: string): Date | undefined;
  /**
   * Records `slot` as run if it is later than the last one recorded, in one transaction: true
   * when this caller claimed it, false when it was already run (by this or another process).
   */
  claimCalendarSlot(name: string, slot: Date, at: Date): boolean;
  /** Takes the ledger's watch lock unless a live process holds it; `isAlive` judges a holder. */
  acquireWatchLock(holder: WatchHolder, isAlive: (holder: WatchHolder) => boolean): WatchLockResult;
  /** Releases the lock if `pid` on `host` holds it. */
  releaseWatchLock(holder: Pick<WatchHolder, 'pid' | 'host'>): void;
}
