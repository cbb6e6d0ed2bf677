// One heartbeat check over one session: the taxed preview (status, plan, diagnostics), what it
// shows as conditions, the decision against the saved state, and at most one alert, sent through
// the injected notifier. Every check is recorded in the ledger, failed ones too. When the alert
// cannot be sent the state is not moved on, so the next check decides (and sends) it again.
import type { Notification } from '../../ports.js';
import { renderAlert } from '../../cli/render-alert.js';
import { errorMessage } from '../../errors.js';
import type { Session } from '../session.js';
import { taxedPreview, type TaxedPreview } from '../taxed-preview.js';
import { decide, type Decision } from './decide.js';
import { autoExecution, type ExecuteRebalance } from './auto-execute.js';
import { observe } from './observe.js';
import { loadWatchState, policyOf } from './policy.js';
import { notifierFor, type NotifierSource } from './notifier-source.js';

/** Conditions a rebalance addresses. */
const TRADABLE = new Set(['drift', 'exposure', 'drawdown']);

export interface HeartbeatDeps {
  notifier: NotifierSource;
  /** The execute use-case, when wired; with monitoring.auto_execute it runs on a breach. */
  execute?: ExecuteRebalance | undefined;
}

export interface CheckResult {
  decision: Decision;
  preview: TaxedPreview;
  /** The alert sent (or attempted), when there was one. */
  notification?: Notification | undefined;
  /** Why the alert could not be sent. */
  sendError?: string | undefined;
}

export async function runHeartbeatCheck(session: Session, deps: HeartbeatDeps): Promise<CheckResult> {
  const { config, ledger, clock } = session.deps;
  const now = clock.now();
  // First the alerts a channel refused before, so they are not lost behind a new one.
  const notifier = await notifierFor(deps.notifier, session);
  let preview: TaxedPreview;
  try {
    preview = await taxedPreview(session);
  } catch (error) {
    ledger.recordCheck({ at: now, complete: false, breaches: [], conditions: [], alerts: 0, error: errorMessage(error) });
    throw error;
  }
  const previous = loadWatchState(ledger);
  const decision = decide(previous, observe(preview, config, now), policyOf(config));
  let notification: Notification | undefined;
  let sendError: string | undefined;
  if (decision.fire.length > 0 || decision.cleared.length > 0) {
    const execution = await autoExecution(session, preview, decision.fire.filter((c) => TRADABLE.has(c.kind)).map((c) => c.key), deps.execute);
    notification = renderAlert({ at: now, preview, currency: config.currency, fire: decision.fire, cleared: decision.cleared, active: decision.active, execution });
    try {
      await notifier.send(notification);
    } catch (error) {
      sendError = errorMessage(error);
    }
  }
  if (!sendError) ledger.saveWatchState(JSON.stringify(decision.state), now);
  ledger.recordCheck({
    at: now,
    complete: preview.status.complete,
    largestDrift: largestDrift(preview),
    breaches: preview.status.drift?.breaches ?? [],
    conditions: Object.keys(decision.state.active),
    alerts: notification && !sendError ? 1 : 0,
    error: sendError ? `alert not sent: ${sendError}` : undefined,
  });
  return { decision, preview, notification, sendError };
}

function largestDrift(preview: TaxedPreview) {
  const rows = (preview.status.drift?.rows ?? []).filter((row) => row.drift);
  const largest = rows.reduce<(typeof rows)[number] | undefined>((best, row) => (!best || row.drift!.abs().gt(best.drift!.abs()) ? row : best), undefined);
  return largest ? { asset: largest.asset, drift: largest.drift! } : undefined;
}
