// What the rebalancer remembers about its own runs: each rebalance, and the highest value seen.
import type { Decimal } from '../money.js';

export type RebalanceStatus = 'previewed' | 'executing' | 'completed' | 'partial' | 'failed' | 'aborted';

export interface RebalanceRecord {
  id: string;
  createdAt: Date;
  strategy: string;
  status: RebalanceStatus;
  /** Value before, and (once done) after, in the reporting currency. */
  valueBefore: Decimal;
  valueAfter?: Decimal | undefined;
  /** The plan and its outcome, as the JSON the preview printed. */
  plan: unknown;
  completedAt?: Date | undefined;
}

export interface ValueMark {
  value: Decimal;
  at: Date;
  /** The prices the mark was taken at (held assets), so a later jump can be traced to one price. */
  prices?: ReadonlyMap<string, Decimal> | undefined;
}

/** A `reset-drawdown`: when, why, and the mark it cleared (none when there was none). */
export interface HighWaterReset {
  at: Date;
  reason: string;
  cleared?: ValueMark | undefined;
}

export interface HistoryStore {
  /** Saves a run under its id; a later save of the same id replaces it. */
  saveRebalance(record: RebalanceRecord): void;
  /** The latest `limit` runs, newest first. */
  rebalanceHistory(limit: number): RebalanceRecord[];
  /** The highest total value seen (drawdown protection). */
  highWater(): ValueMark | undefined;
  saveHighWater(mark: ValueMark): void;
  /** Clears the mark and records the reset; returns the mark cleared. */
  resetHighWater(at: Date, reason: string): ValueMark | undefined;
  /** The latest `limit` resets, newest first. */
  highWaterResets(limit: number): HighWaterReset[];
}
