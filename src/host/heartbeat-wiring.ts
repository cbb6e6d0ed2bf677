// What the heartbeat needs from the host, built once at activation: the alert channels of the
// config (or K.I.T.'s notifications slot, or Telegram from TELEGRAM_BOT_TOKEN/TELEGRAM_CHAT_ID),
// with their outbox in each check's own ledger; and, for monitoring.auto_execute, the same
// execute use-case as `kit rebalance execute --yes` (risk limits, kill switch, journal, lock).
import { createNotifications, kitNotificationsSlot } from '../notify/index.js';
import { executeRebalance, type ExecuteResult, type Session } from '../rebalancer.js';
import type { ExecuteRebalance } from '../rebalancer/heartbeat/auto-execute.js';
import type { OutboxNotifier } from '../rebalancer/heartbeat/notifier-source.js';
import { executeDeps } from './execute-deps.js';
import type { HostServices, Runtime } from './runtime.js';
import { quietLogger } from '../rebalancer/quiet-logger.js';


/** The configured channels for a check, or undefined when none is configured (the caller's default applies). */
export function alertChannels(api: object, env: Readonly<Record<string, string | undefined>>): (session: Session) => OutboxNotifier | undefined {
  return (session) => {
    const { config, ledger, clock, logger } = session.deps;
    const kitSlot = kitNotificationsSlot(api);
    const telegram = Boolean(env.TELEGRAM_BOT_TOKEN && env.TELEGRAM_CHAT_ID);
    if (config.notifications.channels.length === 0 && !kitSlot && !telegram) return undefined;
    const stateDir = (session.deps as Partial<Runtime>).stateDir ?? process.cwd();
    return createNotifications({ env, fetch: globalThis.fetch, stdout: process.stdout, stateDir, kitSlot, outbox: ledger, clock, logger: logger ?? quietLogger }, config.notifications);
  };
}

/** monitoring.auto_execute: the execute use-case over the check's own session, confirmed by the config. */
export function heartbeatExecutor(host: HostServices): ExecuteRebalance {
  return async (session, { reason }) => {
    // Sessions are opened over a runtime (cli/with-session.ts): it carries the storage folder and venues.
    const runtime = session.deps as Runtime;
    const result = await executeRebalance(session, executeDeps(runtime, host, { trigger: 'heartbeat' }), { confirm: async () => true });
    return { summary: `${summarize(result)} (${reason})` };
  };
}

function summarize(result: ExecuteResult): string {
  if (result.kind === 'refused') return `refused: ${result.refusals.map((r) => r.message).join(' ')}`;
  if (result.kind === 'nothing') return 'nothing needed trading';
  const filled = result.orders.filter((o) => o.status === 'filled').length;
  const swaps = result.swaps?.legs.length ?? 0;
  const toSign = swaps > 0 ? `, ${swaps} DEX swap${swaps === 1 ? '' : 's'} to sign in your wallet${result.swaps?.file ? ` (${result.swaps.file})` : ''}` : '';
  return `run ${result.runId ?? '—'} through ${result.router}: ${filled} of ${result.orders.length} orders filled${result.transfersPending.length > 0 ? `, ${result.transfersPending.length} waiting for a manual transfer` : ''}${toSign}`;
}
