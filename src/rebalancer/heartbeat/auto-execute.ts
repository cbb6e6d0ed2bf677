// monitoring.auto_execute: on a breach a rebalance addresses (drift, a limit, drawdown), run the
// injected execute use-case, which applies the risk limits and the kill switch itself; and say in
// the alert what happened, including that nothing could run.
import { errorMessage } from '../../errors.js';
import type { Session } from '../session.js';
import type { TaxedPreview } from '../taxed-preview.js';

/** The execute use-case as the heartbeat calls it; the lead wires `kit rebalance execute`'s. */
export type ExecuteRebalance = (session: Session, options: { reason: string }) => Promise<{ summary: string }>;

/**
 * A sentence for the alert, or undefined when auto_execute is off or nothing calls for a trade.
 * `reasons` are the conditions (or the calendar slot) that call for a rebalance.
 */
export async function autoExecution(session: Session, preview: TaxedPreview, reasons: readonly string[], execute: ExecuteRebalance | undefined): Promise<string | undefined> {
  if (!session.deps.config.monitoring.auto_execute || reasons.length === 0) return undefined;
  const plan = preview.plan;
  if (!preview.status.complete || !plan?.executable) return '🤖 auto_execute is on, but nothing was executed: the figures are incomplete or stale.';
  if (plan.trades.length === 0) return undefined;
  if (!execute) return '🤖 auto_execute is on, but this build has no executor wired to the heartbeat: nothing was executed. Run `kit rebalance execute` yourself.';
  try {
    const outcome = await execute(session, { reason: `heartbeat: ${reasons.join(', ')}` });
    return `🤖 Auto-executed: ${outcome.summary}`;
  } catch (error) {
    return `🤖 auto_execute tried to rebalance and failed: ${errorMessage(error)}`;
  }
}
