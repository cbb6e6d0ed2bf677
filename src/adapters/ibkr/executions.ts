// An order's fee is what IBKR charged on its executions: the live orders list carries no
// commission, /iserver/account/trades does, one row per execution with our cOID as `order_ref`.
// The trades list can lag the order (and a commission can be reported after its execution), so an
// order whose executions do not yet cover its filled quantity, or lack a commission, is not final.
import { ZERO, type Decimal } from '../../money.js';
import type { Gateway } from './gateway.js';
import { tradesSchema, type Execution } from './payloads.js';

/** The gateway's longest look-back: an order placed yesterday still finds its executions. */
const DAYS = 7;

export interface Executions {
  /** Shares executed, as the executions report them. */
  size: Decimal;
  /** The sum of their commissions, exact. */
  commission: Decimal;
  /** Every execution already carries its commission. */
  priced: boolean;
  /** The latest execution time. */
  at: Date | undefined;
}

export async function fetchExecutions(gateway: Gateway, accountId: string, clientOrderId: string): Promise<Executions> {
  const rows = await gateway.call('GET', `/iserver/account/trades?days=${DAYS}`, tradesSchema, undefined, { exactNumbers: true });
  // Keyed by execution id: a row listed twice still counts once.
  const mine = new Map<string, Execution>();
  for (const row of rows) if (row.order_ref === clientOrderId && (row.account === undefined || row.account === accountId)) mine.set(row.execution_id, row);
  return summarize([...mine.values()]);
}

export function summarize(executions: readonly Execution[]): Executions {
  let size = ZERO;
  let commission = ZERO;
  let priced = true;
  let latest: number | undefined;
  for (const execution of executions) {
    size = size.plus(execution.size.abs());
    if (execution.commission !== undefined && execution.commission !== '') commission = commission.plus(execution.commission);
    else priced = false;
    const at = execution.trade_time_r;
    if (at !== undefined && Number.isFinite(at) && (latest === undefined || at > latest)) latest = at;
  }
  return { size, commission, priced, at: latest === undefined ? undefined : new Date(latest) };
}
