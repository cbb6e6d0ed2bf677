// From a snapshot to a plan a careful person would sign off. Pure: everything it needs, `now`
// included, is an argument. The order: targets (config or set-target) through their overlays
// (drawdown shift -> tactical tilt -> risk limits); then drift against those targets, the
// strategy's intents, the venue-aware trades, and the portfolio as it would be afterwards.
import { isCash } from '../config.js';
import { hasErrors, type Diagnostic } from '../diagnostics.js';
import { CASH_BUCKET, detectDrift, type DriftReport } from '../drift-detector.js';
import { applyPlan, applySwapPricing, fundSwapBuys, indexMarkets, planVenueTrades, type VenuePlan } from '../execution-planner.js';
import { ZERO, sum, type Decimal } from '../money.js';
import { assessDrawdown } from '../risk/drawdown.js';
import { planSettings, type PlanSettings } from '../settings.js';
import type { Holding } from '../snapshot.js';
import type { StrategyResult } from '../strategies/intent.js';
import { describeSchedule, nextRun } from '../strategies/schedule.js';
import { afterState, feesOf, turnoverOf } from './after-state.js';
import { correlationFindings } from './correlation.js';
import { noTradeReason } from './no-trade-reason.js';
import { STRATEGIES, strategyBands, strategyInput, tradableAssets, type BaseStrategy } from './strategy.js';
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
  const aimed = planTargets(input, settings, holdings, cashKey, diagnostics);
  const { targets, drawdown } = aimed;

  const bands = strategyBands(settings, input.strategy, targets);
  const judge = { prices, targets, cashAssets: settings.cashAssets, threshold: settings.driftThreshold, bands };
  const before = detectDrift({ holdings, ...judge });
  const tradable = tradableAssets(markets, holdings, prices, input.blocked);
  diagnostics.push(...tradable.diagnostics);
  const blocked = hasErrors(diagnostics);
  const baseStrategy = aimed.baseStrategy;
  const decided = blocked ? { intents: new Map(), diagnostics: [] } : decide(before, targets, () => STRATEGIES[baseStrategy](strategyInput({ settings, strategy: baseStrategy, targets, before, cashKey, isCash: cashOf, tradable, markets, bands })));
  diagnostics.push(...decided.diagnostics);
  const reserveValue = settings.risk.minCashReserve.times(before.totalValue);
  const venuePlan = withSwapPricing(planVenueTrades({ ...executionSettings(settings), intents: decided.intents, holdings, prices, venues: input.venues, markets, reserveValue, sellVenueOrder: input.sellVenueOrder }), input, settings, holdings);
  diagnostics.push(...venuePlan.diagnostics);
  const explainDrift = !blocked && baseStrategy !== 'cash-flow';
  const after = afterState({ ...judge, holdingsAfter: venuePlan.holdingsAfter, limits: aimed.limits, trades: venuePlan.trades, explainDrift });
  diagnostics.push(...after.diagnostics, ...correlationFindings(before, input.histories, now, settings.risk));
  const none = noTradeReason({ blocked, intents: decided.intents, tradeCount: venuePlan.trades.length, diagnostics });
  if (none) diagnostics.push(none);

  return {
    strategy: input.strategy,
    baseStrategy,
    createdAt: now,
    baseTargets: new Map(input.targets),
    targets,
    before,
    after: after.after,
    trades: venuePlan.trades,
    transfers: venuePlan.transfers,
    fees: feesOf(venuePlan.trades),
    turnover: turnoverOf(before, after.after),
    highWater: drawdown.highWater,
    drawdown: { value: drawdown.drawdown, active: drawdown.active },
    nextRun: baseStrategy === 'calendar' ? { at: nextRun(settings.schedule, now), schedule: describeSchedule(settings.schedule) } : undefined,
    diagnostics,
    executable: !blocked && !diagnostics.some((d) => d.code === 'price.stale'),
  };
}

/** The targets the plan aims at: those in force through the drawdown, tactical and limits overlays. Pushes their findings. */
function planTargets(input: PlanInput, settings: PlanSettings, holdings: readonly Holding[], cashKey: string, diagnostics: Diagnostic[]) {
  const { risk } = settings;
  const cashOf = (asset: string) => isCash(asset, settings.cashAssets);
  const limits = exposureLimits(settings, cashKey);
  const drawdown = assessDrawdown({ value: valueOf(holdings, input.prices), now: input.now, previous: input.highWater, reduceAt: risk.drawdownReduceAt, shift: risk.drawdownShift, currency: settings.currency });
  // The status that produced the snapshot has already reported the drawdown itself.
  if (!diagnostics.some((d) => d.code === 'risk.drawdown_active')) diagnostics.push(...drawdown.diagnostics);
  const baseStrategy: BaseStrategy = input.strategy === 'tactical' ? settings.tactical.base : input.strategy;
  const tactical = input.strategy === 'tactical' ? [tacticalOverlay({ settings: settings.tactical, limits, now: input.now, prices: input.prices, histories: input.histories, isCash: cashOf })] : [];
  const { targets, diagnostics: overlayFindings } = applyOverlays(input.targets, [drawdownOverlay(drawdown.active, cashKey, risk.drawdownShift), ...tactical, riskLimitsOverlay(limits)]);
  diagnostics.push(...overlayFindings);
  return { targets, drawdown, limits, baseStrategy };
}

/** The strategy decides, unless there is nothing to decide on: no targets, or a portfolio worth nothing. */
function decide(before: DriftReport, targets: ReadonlyMap<string, Decimal>, strategy: () => StrategyResult): StrategyResult {
  if (targets.size === 0) {
    return { intents: new Map(), diagnostics: [{ severity: 'info', code: 'plan.no_targets', message: 'No targets are set, so there is nothing to rebalance toward; add targets: to the config or use set-target.' }] };
  }
  if (before.empty) return { intents: new Map(), diagnostics: [{ severity: 'warning', code: 'plan.empty_portfolio', message: 'The portfolio is worth nothing; there is nothing to rebalance.' }] };
  return strategy();
}

/** DEX trades at their sized quotes (when the caller took them): prices, fees, shrunk or left out; the holdings after follow. */
function withSwapPricing(venuePlan: VenuePlan, input: PlanInput, settings: PlanSettings, holdings: readonly Holding[]): VenuePlan {
  if (!input.swapPricing) return venuePlan;
  const rules = { venues: input.venues, priceOf: (asset: string) => input.prices.get(asset), slippage: settings.execution.slippage, minTradeValue: settings.minTradeValue, currency: settings.currency };
  const priced = applySwapPricing(venuePlan.trades, input.swapPricing, rules);
  const funded = fundSwapBuys(priced.trades, holdings, input.venues);
  return { ...venuePlan, trades: funded.trades, diagnostics: [...venuePlan.diagnostics, ...priced.diagnostics, ...funded.diagnostics], holdingsAfter: applyPlan(holdings, funded.trades, venuePlan.transfers) };
}

/** What the execution planner takes from the settings. */
function executionSettings(settings: PlanSettings) {
  const { cashAssets, minTradeValue, currency, execution } = settings;
  return { cashAssets, minTradeValue, currency, preferDex: execution.preferDex, slippage: execution.slippage, useLimitOrders: execution.useLimitOrders, convertCash: execution.convertCash };
}

function valueOf(holdings: readonly Holding[], prices: ReadonlyMap<string, Decimal>): Decimal {
  return sum(holdings.map((holding) => holding.quantity.times(prices.get(holding.asset) ?? ZERO)));
}
