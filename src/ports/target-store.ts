// The target set saved by `set-target` over the config's, and the history of its changes.
import type { Decimal } from '../money.js';

export interface TargetChange {
  at: Date;
  reason: string;
  before: ReadonlyMap<string, Decimal>;
  after: ReadonlyMap<string, Decimal>;
}

export interface TargetStore {
  /** The saved target set; undefined when none is saved. */
  targetOverrides(): Map<string, Decimal> | undefined;
  /** Replaces the whole set with `change.after` and records the change, in one transaction. */
  saveTargetOverrides(change: TargetChange): void;
  clearTargetOverrides(at: Date, reason: string): void;
  /** The latest `limit` changes, newest first. */
  targetHistory(limit: number): TargetChange[];
}
