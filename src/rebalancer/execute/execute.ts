// `rebalance execute` over one session. An interrupted run (orders unfinished in the journal, or a
// run still marked executing) is always finished first, by looking its orders up at their venues;
// only then is a new run planned from fresh data, checked, confirmed, saved (its manifest, before
// any order), journaled order by order, sent, and finished. The lock keeps it to one run at a time.
import { ZERO } from '../../money.js';
import type { Session } from '../session.js';
import { finishRun } from './finish.js';
import type { LegContext } from './leg-context.js';
import { takeRunLock } from './lock.js';
import { legOutcome, pendingOutcome } from './outcome.js';
import { prepareRun } from './prepare.js';
import { retryPolicy } from './retry.js';
import { runLegs } from './run-legs.js';
import { savePreviewRecord, saveRunRecord, unfinishedRun } from './run-record.js';
import type { ExecuteDeps, ExecuteOptions, ExecuteResult, Refusal, RunManifest } from './types.js';
import { buildSwapLegs, plannedLeg, swapsFile } from '../swaps/build-swaps.js';
import type { RunSwaps, SwapHandOut } from '../swaps/types.js';
import { rememberSwapLegs } from '../swaps/remember-legs.js';

export async function executeRebalance(session: Session, deps: ExecuteDeps, options: ExecuteOptions = {}): Promise<ExecuteResult> {
  const { ledger, clock } = session.deps;
  const lock = options.dryRun ? undefined : takeRunLock(ledger, deps.lock, clock.now());
  try {
    const result = await executeLocked(session, deps, options);
    return lock?.recovered ? { ...result, recoveredLock: lock.recovered } : result;
  } finally {
    lock?.release();
  }
}

async function executeLocked(session: Session, deps: ExecuteDeps, options: ExecuteOptions): Promise<ExecuteResult> {
  const { ledger, clock } = session.deps;
  const interrupted = options.dryRun ? undefined : unfinishedRun(ledger);
  if (interrupted) return runManifest(session, deps, interrupted.manifest, { createdAt: interrupted.createdAt, resumed: true });
  if (options.resume) return refused(deps, [{ code: 'nothing_to_resume', message: 'No interrupted run to resume: every journaled order is finished.' }]);
  const prepared = await prepareRun(session, { ...deps, handOutSwaps: deps.swaps !== undefined }, options);
  if ('refused' in prepared) return refused(deps, prepared.refused, prepared.diagnostics);
  const { plan, manifest, refusals } = prepared;
  const swapLegs = manifest.swaps ?? [];
  const swapsShown = swapLegs.length > 0 ? { swaps: plannedSwaps(session, manifest) } : {};
  const base = { runId: manifest.run_id, router: deps.routerName, transfersPending: manifest.transfers_pending, before: manifest.before, after: null, diagnostics: manifest.diagnostics, plan, fees: ZERO, realisedGain: ZERO, ...swapsShown };
  const planned = [...manifest.orders.map((order) => legOutcome(ledger, order)), ...manifest.transfers_pending.map(pendingOutcome)];
  if (options.dryRun || refusals.some((r) => r.code === 'prices_moved')) {
    // What was shown is now the latest preview: an execute at these prices goes ahead.
    savePreviewRecord(ledger, await session.status(), plan, deps.trigger ?? 'cli');
  }
  if (refusals.length > 0) return { ...base, kind: 'refused', orders: planned, refusals };
  if (options.dryRun) return { ...base, kind: 'dry-run', orders: planned, refusals: [] };
  if (manifest.orders.length === 0 && swapLegs.length === 0) return { ...base, kind: 'nothing', orders: planned, refusals: [] };
  if (options.confirm && !(await options.confirm(prepared))) {
    return { ...base, kind: 'refused', orders: planned, refusals: [{ code: 'declined', message: 'Not confirmed; nothing was sent.' }] };
  }
  const createdAt = clock.now();
  saveRunRecord(ledger, manifest, 'executing', { createdAt });
  if (swapLegs.length === 0 || !deps.swaps) return runManifest(session, deps, manifest, { createdAt, resumed: false });
  // The swaps are handed out first: building them sends nothing, and the file is there whatever the other legs do.
  const swaps = await handOutSwaps(session, deps.swaps, manifest, createdAt);
  const result = await runManifest(session, deps, { ...manifest, swaps_file: swaps.file ?? undefined }, { createdAt, resumed: false });
  return { ...result, swaps };
}

async function handOutSwaps(session: Session, out: SwapHandOut, manifest: RunManifest, createdAt: Date): Promise<RunSwaps> {
  const { config, venues } = session.deps;
  const legs = await buildSwapLegs({ config, venues }, manifest.swaps ?? [], config.execution.slippage_tolerance);
  // The ledger's record first: booking a signed swap trusts it, never the file.
  await rememberSwapLegs(session, manifest.run_id, manifest.swaps ?? [], legs, createdAt);
  return { file: out.write(manifest.run_id, swapsFile(manifest.run_id, createdAt, legs)), legs };
}

/** The swaps of a run as planned (a dry run, a refusal, a resume: nothing is built again). */
function plannedSwaps(session: Session, manifest: RunManifest): RunSwaps {
  const legs = manifest.swaps ?? [];
  const tolerance = session.deps.config.execution.slippage_tolerance;
  return { file: manifest.swaps_file ?? null, legs: legs.map((leg, index) => plannedLeg(leg, index, legs, tolerance)) };
}

async function runManifest(session: Session, deps: ExecuteDeps, manifest: RunManifest, run: { createdAt: Date; resumed: boolean }): Promise<ExecuteResult> {
  const { ledger, clock, config } = session.deps;
  const ctx: LegContext = {
    ledger,
    router: deps.router,
    policy: retryPolicy(deps.retry),
    sleep: deps.sleep,
    random: deps.random,
    runId: manifest.run_id,
    currency: config.currency,
    now: () => clock.now(),
    progress: deps.onProgress ?? (() => undefined),
    notes: new Map(),
  };
  await runLegs(ctx, manifest.orders, run.resumed);
  const result = await finishRun(session, deps, manifest, { ...run, notes: ctx.notes });
  return run.resumed && manifest.swaps?.length ? { ...result, swaps: plannedSwaps(session, manifest) } : result;
}

function refused(deps: ExecuteDeps, refusals: Refusal[], diagnostics: ExecuteResult['diagnostics'] = []): ExecuteResult {
  return { runId: null, router: deps.routerName, kind: 'refused', orders: [], transfersPending: [], before: null, after: null, diagnostics, refusals, fees: ZERO, realisedGain: ZERO };
}
