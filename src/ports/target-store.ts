// The target set saved by `set-target` over the config's, the targets the user pinned, and the
// history of the changes.
import type { Decimal } from '../money.js';

export interface TargetChange {
  at: Date;
  reason: string;
  before: ReadonlyMap<string, Decimal>;
  after: ReadonlyMap<string, Decimal>;
}

export interface TargetSave extends TargetChange {
  /**
   * The pinned targets after the change (set explicitly since the last reset; kept when other
   * targets change). When absent, the pins stay, less any asset `after` no longer has.
   */
  pinned?: ReadonlySet<string> | undefined;
}

export interface TargetStore {
  /** The saved target set; undefined when none is saved. */
  targetOverrides(): Map<string, Decimal> | undefined;
  /** The pinned assets, in the order they were pinned. */
  targetPins(): Set<string>;
  /** Replaces the whole set with `change.after` (and the pins) and records the change, in one transaction. */
  saveTargetOverrides(change: TargetSave): void;
  /** Back to the config's targets: the saved set and every pin cleared, the change recorded. */
  clearTargetOverrides(at: Date, reason: string): void;
  /** The latest `limit` changes, newest first. */
  targetHistory(limit: number): TargetChange[];
}
