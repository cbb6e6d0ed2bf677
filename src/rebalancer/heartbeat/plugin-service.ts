// The heartbeat service as the plugin registers it with K.I.T.: a watch whose sessions run like
// the plugin's tools do, alerts through the wired notifier (else K.I.T.'s log, else stdout), and
// the self-start K.I.T.'s loader does not do, when the config enables monitoring.
import type { CommandContext, HostApi } from '../../host/contract.js';
import { clockFromEnv } from '../../host/clock.js';
import { findConfig } from '../../host/find-config.js';
import type { HostServices } from '../../host/runtime.js';
import { errorMessage } from '../../errors.js';
import { withSession } from '../../cli/with-session.js';
import type { ExecuteRebalance } from './auto-execute.js';
import { heartbeatService, type HeartbeatService } from './service.js';
import { alertText, stdoutNotifier } from './stdout-notifier.js';
import { preferChannels, type NotifierSource, type OutboxNotifier } from './notifier-source.js';
import type { Session } from '../session.js';

export interface HeartbeatWiring {
  /** The alerts dispatcher, or a maker of one per session (its outbox is in that session's ledger). */
  notifier?: NotifierSource | undefined;
  /** The config's alert channels for a check, when it has some (host/heartbeat-wiring.ts). */
  channels?: ((session: Session) => OutboxNotifier | undefined) | undefined;
  execute?: ExecuteRebalance | undefined;
}

export function pluginHeartbeat(api: HostApi, host: HostServices, context: () => CommandContext, wiring: HeartbeatWiring = {}): HeartbeatService {
  const log = api.log;
  const notifier = preferChannels(wiring.channels, wiring.notifier ?? (log ? { send: async (notification) => log.info(alertText(notification)) } : stdoutNotifier(process.stdout)));
  return heartbeatService(() => ({
    open: (use) => withSession(context(), host, (session) => use(session)),
    clock: clockFromEnv(context().env),
    notifier,
    execute: wiring.execute,
    onError: (error) => log?.error(`portfolio-rebalancer heartbeat: ${errorMessage(error)}`),
  }));
}

/** Starts the service when the config in force says monitoring.enabled: true; true when it did. */
export async function startIfEnabled(service: HeartbeatService, api: HostApi, host: HostServices, context: CommandContext): Promise<boolean> {
  let enabled = false;
  try {
    enabled = findConfig({ env: context.env, cwd: context.cwd, pluginConfig: host.pluginConfig?.() }).config.monitoring.enabled;
  } catch (error) {
    api.log?.warn(`portfolio-rebalancer heartbeat not started: ${errorMessage(error)}`);
    return false;
  }
  if (!enabled) return false;
  try {
    await service.start();
    api.log?.info('portfolio-rebalancer heartbeat started (monitoring.enabled)');
    return true;
  } catch (error) {
    api.log?.error(`portfolio-rebalancer heartbeat could not start: ${errorMessage(error)}`);
    return false;
  }
}
