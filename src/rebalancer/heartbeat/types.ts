// What one check saw, and what the heartbeat remembers between checks. The state is plain JSON
// (ISO dates, decimal strings) so the ledger can keep it as it is.
export type ConditionKind = 'drift' | 'exposure' | 'correlation' | 'drawdown' | 'venue';

/** Something worth telling the user about while it lasts. */
export interface Condition {
  /** Stable across checks: "drift:BTC", "exposure:BTC", "correlation", "drawdown", "venue:binance". */
  key: string;
  kind: ConditionKind;
  /** One line for the alert: "BTC is +7.2% from its 40.0% target". */
  message: string;
  /** How bad, as a decimal string (|drift|, drawdown, weight); compared with the last alert's. */
  severity?: string | undefined;
  /** A repeat inside the cooldown is allowed when severity grew by more than this (decimal string). */
  worseBy?: string | undefined;
}

export interface Observation {
  at: Date;
  /** Every venue answered and every held asset is priced. */
  complete: boolean;
  /** Kinds this check could judge: a condition of another kind keeps its state (no false "cleared"). */
  judged: readonly ConditionKind[];
  conditions: readonly Condition[];
  /** Every venue asked, with whether it answered. */
  venues: readonly { id: string; ok: boolean }[];
}

export interface ConditionState {
  kind: ConditionKind;
  message: string;
  since: string;
  severity?: string | undefined;
  /** Absent while the condition has not been alerted yet (held by quiet hours). */
  alertedAt?: string | undefined;
  alertedSeverity?: string | undefined;
}

/** A condition that ended, to be told once. */
export interface ClearedNote {
  key: string;
  kind: ConditionKind;
  message: string;
  since: string;
  clearedAt: string;
  /** False when it came and went inside quiet hours, never alerted. */
  alerted: boolean;
}

export interface WatchState {
  active: Record<string, ConditionState>;
  /** Consecutive failed checks per venue. */
  venueFailures: Record<string, number>;
  /** Ends told during quiet hours, sent with the next alert after them. */
  heldCleared: ClearedNote[];
  lastCheckAt?: string | undefined;
}

export const emptyState = (): WatchState => ({ active: {}, venueFailures: {}, heldCleared: [] });
