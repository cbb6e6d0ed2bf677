// The end of a run (first or resumed): book any finished order not booked yet, name every leg,
// look at the portfolio again (a fresh session: the fills changed it), hand the sales to the tax
// sink, save the history record with its outcome, and send the summary to the notifier.
import { formatMoney } from '../../format.js';
import { Decimal } from '../../money.js';
import type { Notifier } from '../../ports.js';
import { createSession, type Session } from '../session.js';
import { realisedGain, runDisposals } from './disposals.js';
import { legOutcome, pendingOutcome, runFees, runStatus } from './outcome.js';
import { saveRunRecord } from './run-record.js';
import { settleAll } from './settle.js';
import { driftSummary } from './summary.js';
import type { ExecuteDeps, ExecuteResult, RunManifest } from './types.js';

export async function finishRun(session: Session, deps: ExecuteDeps, manifest: RunManifest, run: { createdAt: Date; notes: Map<string, string>; resumed: boolean }): Promise<ExecuteResult> {
  const { ledger, config, clock } = session.deps;
  settleAll(ledger, manifest.orders, manifest.run_id, config.currency);
  const orders = [...manifest.orders.map((order) => legOutcome(ledger, order, run.notes.get(order.client_order_id))), ...manifest.transfers_pending.map(pendingOutcome)];
  const status = runStatus(orders);
  const after = await createSession(session.deps).status();
  const records = runDisposals(session.deps, manifest.run_id);
  const sent = new Set(manifest.outcome?.tax_sent ?? []);
  const unsent = records.filter((record) => !sent.has(record.tradeId));
  if (deps.taxSink && unsent.length > 0) {
    await deps.taxSink.record(unsent);
    for (const record of unsent) sent.add(record.tradeId);
  }
  const fees = runFees(ledger, manifest.run_id);
  const gain = realisedGain(records);
  const afterSummary = after.drift ? driftSummary(after.drift) : null;
  const finished = { ...manifest, outcome: { orders, fees: fees.toFixed(), realised_gain: gain.toFixed(), after: afterSummary, tax_records: records.length, tax_sent: [...sent] } };
  const unresolved = orders.some((o) => o.status === 'unknown');
  saveRunRecord(ledger, finished, status, { createdAt: run.createdAt, ...(unresolved ? {} : { completedAt: clock.now() }) });
  if (deps.notifier) await notify(deps.notifier, finished, status, clock.now(), config.currency);
  return {
    runId: manifest.run_id,
    router: manifest.router,
    kind: run.resumed ? 'resumed' : 'executed',
    status,
    orders,
    transfersPending: manifest.transfers_pending,
    before: manifest.before,
    after: afterSummary,
    diagnostics: manifest.diagnostics,
    refusals: [],
    fees,
    realisedGain: gain,
  };
}

async function notify(notifier: Notifier, manifest: RunManifest, status: string, at: Date, currency: string): Promise<void> {
  const outcome = manifest.outcome!;
  const count = (s: string) => outcome.orders.filter((o) => o.status === s).length;
  const lines = [
    `Run ${manifest.run_id} (${manifest.router} router): ${count('filled')} filled, ${count('partly_filled')} partly filled, ${count('failed')} failed, ${count('cancelled')} cancelled, ${count('pending_transfer')} pending a transfer, ${count('unknown')} unknown.`,
    `Fees ${formatMoney(new Decimal(outcome.fees), currency)}; realised gain ${formatMoney(new Decimal(outcome.realised_gain), currency)}.`,
    ...(manifest.swaps?.length ? [`${manifest.swaps.length} DEX swap${manifest.swaps.length === 1 ? '' : 's'} to sign in your wallet${manifest.swaps_file ? `: ${manifest.swaps_file}` : ''}.`] : []),
    ...(outcome.after?.largest_drift ? [`Largest drift now: ${outcome.after.largest_drift.asset} ${outcome.after.largest_drift.drift}.`] : []),
  ];
  await notifier.send({ title: `Rebalance ${status}`, body: lines.join('\n'), severity: status === 'completed' ? 'info' : 'warning', at, dedupeKey: `rebalance:${manifest.run_id}:${status}` });
}
