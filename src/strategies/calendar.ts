// Calendar rebalancing: at each scheduled run, the whole portfolio goes back to target, every
// targeted asset whose gap is worth a trade (at least min_trade_value), drifted or not. It is the
// threshold plan with bands only min_trade_value wide; the schedule (schedule.ts) says when.
import { Decimal, ZERO } from '../money.js';
import type { StrategyInput, StrategyResult } from './intent.js';
import { planToBands } from './threshold.js';

export function planCalendar(input: StrategyInput): StrategyResult {
  const width = input.totalValue.gt(0) ? input.minTradeValue.div(input.totalValue) : ZERO;
  const bands = new Map(
    input.rows
      .filter((row) => row.target !== undefined)
      .map((row) => [row.asset, { low: Decimal.max(ZERO, row.target!.minus(width)), high: row.target!.plus(width) }]),
  );
  return planToBands({ ...input, bands, rebalanceTo: 'target' });
}
