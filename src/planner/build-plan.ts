// From a snapshot to a plan a careful person would sign off. Pure: everything it needs, `now`
// included, is an argument. The order: targets (config or set-target) through their overlays
// (drawdown shift -> tactical tilt -> risk limits); then drift against those targets, the
// strategy's intents, the venue-aware trades, and the portfolio as it would be afterwards.
import { isCash } from '../config.js';
import { hasErrors, type Diagnostic } from '../diagnostics.js';
import { CASH_BUCKET, detectDrift } from '../drift-detector.js';
import { indexMarkets, planVenueTrades } from '../execution-planner.js';
import { ZERO, sum, type Decimal } from '../money.js';
import { assessDrawdown } from '../risk/drawdown.js';
import { planSettings, type PlanSettings } from '../settings.js';
import type { Holding } from '../snapshot.js';
import type { StrategyResult } from '../strategies/intent.js';
import { describeSchedule, nextRun } from '../strategies/schedule.js';
import { afterState, feesOf, turnoverOf } from './after-state.js';
import { correlationFindings } from './correlation.js';
import { STRATEGIES, strategyInput, tradableAssets, type BaseStrategy } from './strategy.js';
import { applyOverlays, drawdownOverlay, exposureLimits, riskLimitsOverlay, tacticalOverlay } from './targets.js';
import type { PlanInput, RebalancePlan } from './types.js';

export function buildPlan(input: PlanInput): RebalancePlan {
  const settings = input.settings ?? planSettings(input.config);
  const { now, prices } = input;
  const diagnostics: Diagnostic[] = [...input.snapshotDiagnostics];
  const holdings = input.deposit ? [...input.holdings, { venue: input.deposit.venue, asset: input.deposit.asset, quantity: input.deposit.amount }] : [...input.holdings];
  const markets = indexMarkets(input.venues);
  const cashOf = (asset: string) => isCash(asset, settings.cashAssets);
  const cashKey = [...input.targets.keys()].find(cashOf) ?? CASH_BUCKET;
  const limits = exposureLimits(settings, cashKey);

  const { risk } = settings;
  const drawdown = assessDrawdown({ value: valueOf(holdings, prices), now, previous: input.highWater, reduceAt: risk.drawdownReduceAt, shift: risk.drawdownShift, currency: settings.currency });
  // The status that produced the snapshot has already reported the drawdown itself.
  if (!diagnostics.some((d) => d.code === 'risk.drawdown_active')) diagnostics.push(...drawdown.diagnostics);
  const baseStrategy: BaseStrategy = input.strategy === 'tactical' ? settings.tactical.base : input.strategy;
  const tactical = input.strategy === 'tactical' ? [tacticalOverlay({ settings: settings.tactical, limits, now, prices, histories: input.histories, isCash: cashOf })] : [];
  const { targets, diagnostics: overlayFindings } = applyOverlays(input.targets, [drawdownOverlay(drawdown.active, cashKey, risk.drawdownShift), ...tactical, riskLimitsOverlay(limits)]);
  diagnostics.push(...overlayFindings);

  const before = detectDrift({ holdings, prices, targets, cashAssets: settings.cashAssets, threshold: settings.driftThreshold });
  const tradable = tradableAssets(markets, holdings, prices, input.blocked);
  diagnostics.push(...tradable.diagnostics);
  const blocked = hasErrors(diagnostics);
  const decided: StrategyResult = blocked
    ? { intents: new Map(), diagnostics: [] }
    : STRATEGIES[baseStrategy](strategyInput({ settings, strategy: baseStrategy, targets, before, cashKey, isCash: cashOf, tradable, markets }));
  diagnostics.push(...decided.diagnostics);
  const reserveValue = risk.minCashReserve.times(before.totalValue);
  const venuePlan = planVenueTrades({ ...executionSettings(settings), intents: decided.intents, holdings, prices, venues: input.venues, markets, reserveValue, sellVenueOrder: input.sellVenueOrder });
  diagnostics.push(...venuePlan.diagnostics);
  const explainDrift = !blocked && baseStrategy !== 'cash-flow';
  const { after, diagnostics: afterFindings } = afterState({ holdingsAfter: venuePlan.holdingsAfter, prices, targets, cashAssets: settings.cashAssets, threshold: settings.driftThreshold, limits, trades: venuePlan.trades, explainDrift });
  diagnostics.push(...afterFindings, ...correlationFindings(before, input.histories, now, risk));

  return {
    strategy: input.strategy,
    baseStrategy,
    createdAt: now,
    baseTargets: new Map(input.targets),
    targets,
    before,
    after,
    trades: venuePlan.trades,
    transfers: venuePlan.transfers,
    fees: feesOf(venuePlan.trades),
    turnover: turnoverOf(before, after),
    highWater: drawdown.highWater,
    drawdown: { value: drawdown.drawdown, active: drawdown.active },
    nextRun: baseStrategy === 'calendar' ? { at: nextRun(settings.schedule, now), schedule: describeSchedule(settings.schedule) } : undefined,
    diagnostics,
    executable: !blocked && !diagnostics.some((d) => d.code === 'price.stale'),
  };
}

/** What the execution planner takes from the settings. */
function executionSettings(settings: PlanSettings) {
  const { cashAssets, minTradeValue, currency, execution } = settings;
  return { cashAssets, minTradeValue, currency, preferDex: execution.preferDex, slippage: execution.slippage, useLimitOrders: execution.useLimitOrders };
}

function valueOf(holdings: readonly Holding[], prices: ReadonlyMap<string, Decimal>): Decimal {
  return sum(holdings.map((holding) => holding.quantity.times(prices.get(holding.asset) ?? ZERO)));
}
