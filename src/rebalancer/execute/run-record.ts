// The run as the history keeps it (rebalance_runs): a preview's prices, saved so that execute can
// tell whether they moved; the manifest, saved with status "executing" before the first order is
// journaled, so a resume knows every leg of the run; and the final record with the outcome.
import { InvariantError } from '../../errors.js';
import { Decimal } from '../../money.js';
import type { Ledger, RebalanceRecord, RebalanceStatus } from '../../ports.js';
import type { RebalancePlan } from '../../planner.js';
import type { StatusReport } from '../status.js';
import { driftSummary } from './summary.js';
import type { RunManifest } from './types.js';

export interface PreviewRecordPlan {
  kind: 'preview';
  trigger: string;
  strategy: string;
  prices: Record<string, string>;
  turnover: string;
  trades: number;
  before: ReturnType<typeof driftSummary>;
}

export const pricesOf = (status: StatusReport): Record<string, string> => Object.fromEntries([...status.snapshot.prices].map(([asset, quote]) => [asset, quote.price.toFixed()]));

/** Remembers what a preview saw, so the next execute can tell whether prices moved since. */
export function savePreviewRecord(ledger: Ledger, status: StatusReport, plan: RebalancePlan, trigger: string): void {
  const record: PreviewRecordPlan = { kind: 'preview', trigger, strategy: plan.strategy, prices: pricesOf(status), turnover: plan.turnover.toFixed(), trades: plan.trades.length, before: driftSummary(plan.before) };
  ledger.saveRebalance({ id: `preview-${plan.createdAt.toISOString()}-${Math.random().toString(36).slice(2, 8)}`, createdAt: plan.createdAt, strategy: plan.strategy, status: 'previewed', valueBefore: plan.before.totalValue, plan: record });
}

const isExecuteRecord = (record: RebalanceRecord) => (record.plan as { kind?: unknown } | null)?.kind === 'execute';

/** The prices of the latest preview since the last executed run, if any. */
export function lastPreviewPrices(ledger: Ledger): Record<string, string> | undefined {
  for (const record of ledger.rebalanceHistory(50)) {
    if (isExecuteRecord(record)) return undefined;
    const plan = record.plan as Partial<PreviewRecordPlan> | null;
    if (record.status === 'previewed' && plan?.kind === 'preview' && plan.prices) return plan.prices;
  }
  return undefined;
}

export function saveRunRecord(ledger: Ledger, manifest: RunManifest, status: RebalanceStatus, at: { createdAt: Date; completedAt?: Date }): void {
  const after = manifest.outcome?.after?.total_value;
  ledger.saveRebalance({
    id: manifest.run_id,
    createdAt: at.createdAt,
    strategy: manifest.strategy,
    status,
    valueBefore: new Decimal(manifest.before.total_value),
    valueAfter: after === undefined ? undefined : new Decimal(after),
    plan: manifest,
    completedAt: at.completedAt,
  });
}

/** The run to resume: one with orders still unfinished in the journal, or still marked executing. */
export function unfinishedRun(ledger: Ledger): { manifest: RunManifest; createdAt: Date } | undefined {
  const open = new Set(ledger.unfinishedOrders().map((order) => order.rebalanceId));
  // Previews are saved too, so look well past the latest few records for the interrupted run.
  for (const record of ledger.rebalanceHistory(open.size > 0 ? 10_000 : 200)) {
    if (!isExecuteRecord(record)) continue;
    if (record.status === 'executing' || open.has(record.id)) return { manifest: readManifest(record), createdAt: record.createdAt };
  }
  return undefined;
}

function readManifest(record: RebalanceRecord): RunManifest {
  const manifest = record.plan as RunManifest;
  if (!Array.isArray(manifest.orders) || manifest.run_id !== record.id) throw new InvariantError(`Rebalance run "${record.id}" has no readable order list in the ledger; it cannot be resumed.`);
  return manifest;
}
