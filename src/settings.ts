// What the planner, the strategies and the risk checks need from the config, mapped once and
// typed: durations in whole days (the config holds milliseconds), percentages as Decimal
// fractions, the reporting currency carried so every formatted amount can use it. The core reads
// these settings, never the snake_case config, so a config change touches this one mapping.
import type { BandSpec, Config, RebalanceTo, Strategy } from './config.js';
import type { Decimal } from './money.js';
import type { SectorLimit } from './risk/exposure.js';
import type { Schedule } from './strategies/schedule.js';

const DAY_MS = 86_400_000;

export interface RiskSettings {
  maxSingleAsset: Decimal;
  minCashReserve: Decimal;
  maxCorrelation: Decimal;
  correlationLookbackDays: number;
  /** Drawdown protection starts at this fraction below the high-water mark; absent, never. */
  drawdownReduceAt?: Decimal | undefined;
  /** Share of every risk target moved to cash while drawdown protection is active. */
  drawdownShift: Decimal;
}

export interface TacticalSettings {
  base: Exclude<Strategy, 'tactical'>;
  maxTilt: Decimal;
  momentum: { weight: Decimal; lookbackDays: number; fullTiltReturn: Decimal };
  sentiment: { weight: Decimal; scores: ReadonlyMap<string, Decimal> };
}

export interface ExecutionSettings {
  slippage: Decimal;
  useLimitOrders: boolean;
  preferDex: boolean;
  /**
   * Fund a buy by converting another cash asset (USDC on an exchange to USD at a broker) as a
   * manual step. Always on: cash_assets are one bucket, so its assets must reach one another.
   */
  convertCash: boolean;
}

export interface PlanSettings {
  /** The reporting currency: every value is in it, and every formatted amount shows it. */
  currency: string;
  cashAssets: readonly string[];
  driftThreshold: Decimal;
  rebalanceTo: RebalanceTo;
  bands: Readonly<Record<string, BandSpec>>;
  minTradeValue: Decimal;
  sectors: readonly SectorLimit[];
  risk: RiskSettings;
  tactical: TacticalSettings;
  execution: ExecutionSettings;
  schedule: Schedule;
}

export function planSettings(config: Config): PlanSettings {
  const { risk, tactical, execution } = config;
  return {
    currency: config.currency,
    cashAssets: config.cash_assets,
    driftThreshold: config.drift_threshold,
    rebalanceTo: config.rebalance_to,
    bands: config.bands,
    minTradeValue: config.min_trade_value,
    sectors: Object.entries(config.sectors).map(([name, sector]) => ({ name, assets: sector.assets, ...(sector.max ? { max: sector.max } : {}) })),
    risk: {
      maxSingleAsset: risk.max_single_asset,
      minCashReserve: risk.min_cash_reserve,
      maxCorrelation: risk.max_correlation,
      correlationLookbackDays: wholeDays(risk.correlation_lookback),
      ...(risk.drawdown_reduce_at ? { drawdownReduceAt: risk.drawdown_reduce_at } : {}),
      drawdownShift: risk.drawdown_shift,
    },
    tactical: {
      base: tactical.base,
      maxTilt: tactical.max_tilt,
      momentum: { weight: tactical.momentum.weight, lookbackDays: wholeDays(tactical.momentum.lookback), fullTiltReturn: tactical.momentum.full_tilt_return },
      sentiment: { weight: tactical.sentiment.weight, scores: new Map(Object.entries(tactical.sentiment.scores)) },
    },
    execution: { slippage: execution.slippage_tolerance, useLimitOrders: execution.use_limit_orders, preferDex: execution.prefer_dex, convertCash: true },
    schedule: config.schedule,
  };
}

/** A duration in ms to the nearest whole day ("36h" counts as 2 days): lookbacks count daily closes. */
export function wholeDays(ms: number): number {
  return Math.round(ms / DAY_MS);
}
