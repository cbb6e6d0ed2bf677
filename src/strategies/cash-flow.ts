// Cash-flow rebalancing never sells. It deploys the cash above both the cash target and the
// reserve (a deposit counts once it is planned) into the underweight assets, measured against the
// new total, filling the largest gaps first so that the largest remaining drift is as small as the
// cash allows. Buys under min_trade_value are left out and their share goes to the others.
import type { Diagnostic } from '../diagnostics.js';
import { formatMoney, formatSignedPercent } from '../format.js';
import { Decimal, ZERO } from '../money.js';
import { waterFillAboveMinimum, type AssetIntent, type StrategyInput, type StrategyResult } from './intent.js';

export function planCashFlow(input: StrategyInput): StrategyResult {
  const T = input.totalValue;
  const intents = new Map<string, AssetIntent>();
  const diagnostics: Diagnostic[] = [];
  const cash = input.rows.find((row) => row.asset === input.cashKey);
  const cashValue = cash?.value ?? ZERO;
  const floor = Decimal.max(input.reserve, cash?.target ?? ZERO).times(T);
  const available = cashValue.minus(floor);
  if (available.lte(input.minTradeValue)) {
    diagnostics.push({
      severity: 'info',
      code: 'plan.no_cash_to_deploy',
      message: `No cash to deploy: ${formatMoney(cashValue, input.currency)} in cash against a floor of ${formatMoney(floor, input.currency)} (the cash target and min_cash_reserve); cash-flow never sells.`,
    });
    return { intents, diagnostics };
  }
  const deficits = new Map<string, Decimal>();
  for (const row of input.rows) {
    if (row.cash || row.target === undefined) continue;
    const deficit = row.target.times(T).minus(row.value);
    if (deficit.lte(0)) continue;
    if (!input.buyable.has(row.asset)) {
      diagnostics.push({ severity: 'warning', code: 'constraint.no_market', asset: row.asset, message: `${row.asset} is underweight but no tradable venue lists a market for it; it cannot be bought.` });
      continue;
    }
    deficits.set(row.asset, deficit);
  }
  // Fees are paid from the same cash.
  const { fills } = waterFillAboveMinimum(deficits, available.div(input.costRate.plus(1)), input.minTradeValue);
  const rowOf = new Map(input.rows.map((row) => [row.asset, row]));
  for (const [asset, amount] of fills) {
    const row = rowOf.get(asset)!;
    intents.set(asset, { delta: amount, reason: `underweight ${formatSignedPercent(row.drift!)}; bought with available cash` });
  }
  if (fills.size === 0) diagnostics.push({ severity: 'info', code: 'plan.nothing_underweight', message: 'No asset is underweight enough for a buy of at least min_trade_value; the cash stays.' });
  return { intents, diagnostics };
}
