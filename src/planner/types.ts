// What the planner is given (one snapshot's holdings, prices, venues and histories, the targets in
// force and the config) and the plan it returns.
import type { Config, Strategy } from '../config.js';
import type { Diagnostic } from '../diagnostics.js';
import type { DriftReport } from '../drift-detector.js';
import type { PlannedTrade, SwapSizing, Transfer, VenueInfo } from '../execution-planner.js';
import type { Decimal } from '../money.js';
import type { PricePoint } from '../ports.js';
import type { HighWaterMark } from '../risk/drawdown.js';
import type { PlanSettings } from '../settings.js';
import type { Holding } from '../snapshot.js';

export interface PlanInput {
  config: Config;
  /** The config mapped once (planSettings(config)); mapped here when absent. */
  settings?: PlanSettings | undefined;
  strategy: Strategy;
  now: Date;
  holdings: readonly Holding[];
  prices: ReadonlyMap<string, Decimal>;
  venues: readonly VenueInfo[];
  /** Targets in force: the config's, or those saved by set-target. */
  targets: ReadonlyMap<string, Decimal>;
  /** A deposit to plan for before it arrives. */
  deposit?: { venue: string; asset: string; amount: Decimal } | undefined;
  /** Daily closes per asset, for momentum and correlation. */
  histories: ReadonlyMap<string, readonly PricePoint[]>;
  highWater?: HighWaterMark | undefined;
  /** Problems found in the snapshot; errors block the plan. */
  snapshotDiagnostics: readonly Diagnostic[];
  /** Assets that must not be bought or sold now (wash-sale windows), with the reason and the date they unblock. */
  blocked?: { buys: ReadonlyMap<string, Block>; sells: ReadonlyMap<string, Block> } | undefined;
  /** Per asset, the venues to sell from first: the tax-optimizer's choice. */
  sellVenueOrder?: ReadonlyMap<string, readonly string[]> | undefined;
  /**
   * DEX trades' quotes at their planned size, by swapKey (taken by the caller: planning is pure).
   * When given, every trade on a swap venue takes its quote's price or is left out.
   */
  swapPricing?: ReadonlyMap<string, SwapSizing> | undefined;
}

/** Why an asset may not be bought or sold now (a wash-sale window, a sale waiting for long-term status). */
export interface Block {
  code: string;
  message: string;
}

export interface RebalancePlan {
  strategy: Strategy;
  /** The strategy that made the trades (tactical runs a base strategy). */
  baseStrategy: Exclude<Strategy, 'tactical'>;
  createdAt: Date;
  baseTargets: Map<string, Decimal>;
  targets: Map<string, Decimal>;
  before: DriftReport;
  after: DriftReport;
  trades: PlannedTrade[];
  transfers: Transfer[];
  /** Estimated fees in the reporting currency, per venue and in all. */
  fees: { total: Decimal; byVenue: Map<string, Decimal> };
  /** Half the sum of absolute weight changes, cash included (0.052 = 5.2% of the portfolio moved). */
  turnover: Decimal;
  highWater: HighWaterMark;
  drawdown: { value: Decimal; active: boolean };
  nextRun?: { at: Date; schedule: string } | undefined;
  diagnostics: Diagnostic[];
  /** False when a venue did not answer, a price is missing or stale: shown, never executed. */
  executable: boolean;
}
