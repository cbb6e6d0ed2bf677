// From a snapshot to a plan a careful person would sign off. Pure: everything it needs, `now`
// included, is an argument. The order: targets (config or set-target) -> drawdown shift ->
// tactical tilt -> risk limits; then drift against those targets, the strategy's intents, the
// venue-aware trades, and the portfolio as it would be afterwards.
import type { Config, Strategy } from './config.js';
import { isCash } from './config.js';
import { hasErrors, type Diagnostic } from './diagnostics.js';
import { CASH_BUCKET, detectDrift, type DriftReport } from './drift-detector.js';
import { planVenueTrades, type PlannedTrade, type Transfer, type VenueInfo } from './execution-planner.js';
import { Decimal, ZERO, sum } from './money.js';
import type { PricePoint } from './ports.js';
import { correlationReport } from './risk/correlation.js';
import { applyDrawdownShift, assessDrawdown, type HighWaterMark } from './risk/drawdown.js';
import { enforceLimits, limitBreaches } from './risk/exposure.js';
import type { Holding } from './snapshot.js';
import { resolveBands } from './strategies/bands.js';
import { planCalendar } from './strategies/calendar.js';
import { planCashFlow } from './strategies/cash-flow.js';
import type { StrategyInput, StrategyResult } from './strategies/intent.js';
import { describeSchedule, nextRun } from './strategies/schedule.js';
import { momentumReturns, tiltTargets } from './strategies/tactical.js';
import { planToBands } from './strategies/threshold.js';

export interface PlanInput {
  config: Config;
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

export function buildPlan(input: PlanInput): RebalancePlan {
  const { config, now } = input;
  const diagnostics: Diagnostic[] = [...input.snapshotDiagnostics];
  const holdings = input.deposit ? [...input.holdings, { venue: input.deposit.venue, asset: input.deposit.asset, quantity: input.deposit.amount }] : [...input.holdings];
  const cashOf = (asset: string) => isCash(asset, config.cash_assets);
  const cashKey = [...input.targets.keys()].find(cashOf) ?? CASH_BUCKET;
  const limits = {
    maxSingleAsset: config.risk.max_single_asset,
    sectors: Object.entries(config.sectors).map(([name, sector]) => ({ name, assets: sector.assets, ...(sector.max ? { max: sector.max } : {}) })),
    cashKey,
    minCashReserve: config.risk.min_cash_reserve,
  };

  // Targets: drawdown protection, then the tactical tilt, then the risk limits.
  const baseTargets = new Map(input.targets);
  const value = valueOf(holdings, input.prices);
  const drawdown = assessDrawdown({ value, now, ...(input.highWater ? { previous: input.highWater } : {}), ...(config.risk.drawdown_reduce_at ? { reduceAt: config.risk.drawdown_reduce_at } : {}), shift: config.risk.drawdown_shift });
  // The status that produced the snapshot has already reported the drawdown itself.
  if (!diagnostics.some((d) => d.code === 'risk.drawdown_active')) diagnostics.push(...drawdown.diagnostics);
  let targets = drawdown.active ? applyDrawdownShift(baseTargets, cashKey, config.risk.drawdown_shift) : new Map(baseTargets);
  const baseStrategy: Exclude<Strategy, 'tactical'> = input.strategy === 'tactical' ? config.tactical.base : input.strategy;
  if (input.strategy === 'tactical' && targets.size > 0) {
    const riskAssets = new Map([...input.prices].filter(([asset]) => targets.has(asset) && !cashOf(asset)));
    const momentum = config.tactical.momentum.weight.gt(0)
      ? momentumReturns(input.histories, riskAssets, now, Math.round(config.tactical.momentum.lookback / 86_400_000))
      : { returns: new Map<string, Decimal>(), diagnostics: [] };
    diagnostics.push(...momentum.diagnostics);
    const tilted = tiltTargets(targets, {
      cashKey,
      maxTilt: config.tactical.max_tilt,
      momentum: momentum.returns,
      momentumWeight: config.tactical.momentum.weight,
      fullTiltReturn: config.tactical.momentum.full_tilt_return,
      sentiment: new Map(Object.entries(config.tactical.sentiment.scores)),
      sentimentWeight: config.tactical.sentiment.weight,
      limits,
    });
    diagnostics.push(...tilted.diagnostics);
    targets = tilted.targets;
  } else if (targets.size > 0) {
    const limited = enforceLimits(targets, limits);
    diagnostics.push(...limited.diagnostics);
    targets = limited.targets;
  }

  const threshold = config.drift_threshold;
  const before = detectDrift({ holdings, prices: input.prices, targets, cashAssets: config.cash_assets, threshold });
  const sellable = new Map<string, Decimal>();
  const buyable = new Set<string>();
  const listed = new Set<string>();
  for (const venue of input.venues.filter((v) => v.tradable)) {
    for (const market of venue.markets) {
      buyable.add(market.base);
      listed.add(`${venue.id}\u0000${market.base}`);
    }
  }
  for (const holding of holdings) {
    if (!listed.has(`${holding.venue}\u0000${holding.asset}`)) continue;
    sellable.set(holding.asset, (sellable.get(holding.asset) ?? ZERO).plus(holding.quantity.times(input.prices.get(holding.asset) ?? ZERO)));
  }
  for (const [asset, block] of input.blocked?.buys ?? []) {
    if (buyable.delete(asset)) diagnostics.push({ severity: 'warning', asset, ...block });
  }
  for (const [asset, block] of input.blocked?.sells ?? []) {
    if (sellable.delete(asset)) diagnostics.push({ severity: 'warning', asset, ...block });
  }
  const strategyInput: StrategyInput = {
    rows: before.rows,
    totalValue: before.totalValue,
    cashKey: before.rows.find((row) => row.cash)?.asset ?? cashKey,
    bands: resolveBands(targets, baseStrategy === 'band' ? config.bands : {}, { threshold, maxSingleAsset: config.risk.max_single_asset, isCash: cashOf }),
    rebalanceTo: config.rebalance_to,
    reserve: config.risk.min_cash_reserve,
    minTradeValue: config.min_trade_value,
    sellable,
    buyable,
    costRate: input.venues.filter((v) => v.tradable).flatMap((v) => v.markets).reduce((max, market) => Decimal.max(max, market.takerFee), ZERO),
  };

  const blocked = hasErrors(diagnostics);
  const decided: StrategyResult = blocked ? { intents: new Map(), diagnostics: [] } : STRATEGIES[baseStrategy](strategyInput);
  diagnostics.push(...decided.diagnostics);
  const venuePlan = planVenueTrades({
    intents: decided.intents,
    holdings,
    prices: input.prices,
    venues: input.venues,
    cashAssets: config.cash_assets,
    reserveValue: config.risk.min_cash_reserve.times(before.totalValue),
    minTradeValue: config.min_trade_value,
    preferDex: config.execution.prefer_dex,
    slippage: config.execution.slippage_tolerance,
    useLimitOrders: config.execution.use_limit_orders,
    currency: config.currency,
    sellVenueOrder: input.sellVenueOrder,
  });
  diagnostics.push(...venuePlan.diagnostics);
  const after = detectDrift({ holdings: venuePlan.holdingsAfter, prices: input.prices, targets, cashAssets: config.cash_assets, threshold });
  const afterWeights = new Map(after.rows.map((row) => [row.asset, row.weight]));
  diagnostics.push(...limitBreaches(afterWeights, limits));
  const breaches = after.rows.filter((row) => row.status === 'overweight' || row.status === 'underweight');
  if (!blocked && venuePlan.trades.length > 0 && breaches.length > 0 && baseStrategy !== 'cash-flow') {
    diagnostics.push({ severity: 'info', code: 'plan.drift_remains', message: `After the trades ${breaches.map((row) => row.asset).join(', ')} remain${breaches.length === 1 ? 's' : ''} outside the drift threshold; the warnings above say why.` });
  }

  // Correlation of what is held, from daily closes.
  const heldWeights = new Map(before.rows.filter((row) => !row.cash && row.weight.gt(0)).map((row) => [row.asset, row.weight]));
  if (heldWeights.size > 1 && ![...heldWeights.keys()].some((asset) => (input.histories.get(asset)?.length ?? 0) > 1)) {
    diagnostics.push({ severity: 'info', code: 'risk.correlation_no_history', message: 'Correlation is not monitored: no venue or price_history: gives daily closes for the assets held.' });
  } else if (heldWeights.size > 1) {
    const correlation = correlationReport({
      histories: input.histories,
      weights: heldWeights,
      now,
      lookbackDays: Math.round(config.risk.correlation_lookback / 86_400_000),
      maxCorrelation: config.risk.max_correlation.toNumber(),
    });
    diagnostics.push(...correlation.diagnostics);
  }

  const fees = new Map<string, Decimal>();
  for (const trade of venuePlan.trades) fees.set(trade.venue, (fees.get(trade.venue) ?? ZERO).plus(trade.feeValue));
  const beforeWeights = new Map(before.rows.map((row) => [row.asset, row.weight]));
  const assets = new Set([...beforeWeights.keys(), ...afterWeights.keys()]);
  const turnover = sum([...assets].map((asset) => (afterWeights.get(asset) ?? ZERO).minus(beforeWeights.get(asset) ?? ZERO).abs())).div(2);

  return {
    strategy: input.strategy,
    baseStrategy,
    createdAt: now,
    baseTargets,
    targets,
    before,
    after,
    trades: venuePlan.trades,
    transfers: venuePlan.transfers,
    fees: { total: sum(fees.values()), byVenue: fees },
    turnover,
    highWater: drawdown.highWater,
    drawdown: { value: drawdown.drawdown, active: drawdown.active },
    nextRun: baseStrategy === 'calendar' ? { at: nextRun(config.schedule, now), schedule: describeSchedule(config.schedule) } : undefined,
    diagnostics,
    executable: !blocked && !diagnostics.some((d) => d.code === 'price.stale'),
  };
}

const STRATEGIES: Record<Exclude<Strategy, 'tactical'>, (input: StrategyInput) => StrategyResult> = {
  threshold: planToBands,
  band: planToBands,
  calendar: planCalendar,
  'cash-flow': planCashFlow,
};

function valueOf(holdings: readonly Holding[], prices: ReadonlyMap<string, Decimal>): Decimal {
  return sum(holdings.map((holding) => holding.quantity.times(prices.get(holding.asset) ?? ZERO)));
}

