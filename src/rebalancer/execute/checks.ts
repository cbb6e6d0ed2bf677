// Why an execute must not go ahead, as data: venue data that failed or is stale, a plan the
// planner itself marked not executable, a turnover above the kill switch, and prices that moved
// beyond slippage_tolerance since the last preview (then the new plan is shown instead). Pure.
import type { Config } from '../../config.js';
import { formatPercent } from '../../format.js';
import { Decimal } from '../../money.js';
import type { RebalancePlan } from '../../planner.js';
import type { StatusReport } from '../status.js';
import type { Refusal } from './types.js';

export function dataRefusals(status: StatusReport, plan: RebalancePlan): Refusal[] {
  const errors = status.diagnostics.filter((d) => d.severity === 'error');
  if (!status.complete) return [{ code: 'data_incomplete', message: `Venue data is incomplete, so nothing is traded: ${errors.map((d) => d.message).join(' ')}` }];
  if (!status.fresh) {
    const stale = status.diagnostics.filter((d) => d.code === 'price.stale').map((d) => d.message);
    return [{ code: 'prices_stale', message: `Prices are stale, so nothing is traded: ${stale.join(' ')}` }];
  }
  if (!plan.executable) {
    const blocking = plan.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
    return [{ code: 'not_executable', message: `The plan cannot be executed: ${blocking.join(' ') || 'see the diagnostics'}` }];
  }
  return [];
}

export function turnoverRefusal(plan: RebalancePlan, config: Config): Refusal | undefined {
  const limit = config.execution.max_turnover_per_run;
  if (plan.turnover.lte(limit)) return undefined;
  return {
    code: 'turnover',
    message: `The plan would move ${formatPercent(plan.turnover)} of the portfolio, above execution.max_turnover_per_run ${formatPercent(limit)}; nothing is traded. Raise the limit or rebalance in steps.`,
  };
}

/** The assets a plan trades (bases and quotes) whose price moved beyond the tolerance since the preview. */
export function movedPrices(plan: RebalancePlan, status: StatusReport, previewed: Readonly<Record<string, string>> | undefined, tolerance: Decimal): Refusal | undefined {
  if (!previewed) return undefined;
  const assets = new Set(plan.trades.flatMap((trade) => [trade.asset, trade.quote]));
  const moved: string[] = [];
  for (const asset of assets) {
    const then = previewed[asset];
    const now = status.snapshot.prices.get(asset)?.price;
    if (then === undefined || !now) continue;
    const before = new Decimal(then);
    if (before.gt(0) && now.minus(before).abs().div(before).gt(tolerance)) moved.push(`${asset} ${before.toFixed()} -> ${now.toFixed()}`);
  }
  if (moved.length === 0) return undefined;
  return {
    code: 'prices_moved',
    message: `Prices moved beyond slippage_tolerance ${formatPercent(tolerance)} since the last preview (${moved.join(', ')}); here is the new plan. Nothing was traded: run execute again to trade it.`,
  };
}
