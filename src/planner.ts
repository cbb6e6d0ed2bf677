// The planner: from one snapshot to a plan a careful person would sign off. Pure. The order:
// targets (config or set-target) -> drawdown shift -> tactical tilt -> risk limits; then drift
// against those targets, the strategy's intents, the venue-aware trades, and the portfolio as it
// would be afterwards. The parts live in planner/, one a file.
export { afterState, feesOf, turnoverOf, type AfterInput } from './planner/after-state.js';
export { buildPlan } from './planner/build-plan.js';
export { correlationFindings } from './planner/correlation.js';
export { STRATEGIES, strategyBands, strategyInput, tradableAssets, type BaseStrategy, type StrategyContext, type Tradable } from './planner/strategy.js';
export { applyOverlays, drawdownOverlay, exposureLimits, riskLimitsOverlay, tacticalOverlay, type TacticalContext, type TargetOverlay, type TargetStep } from './planner/targets.js';
export { noTradeReason, type NoTradeInput } from './planner/no-trade-reason.js';
export type { Block, PlanInput, RebalancePlan } from './planner/types.js';
