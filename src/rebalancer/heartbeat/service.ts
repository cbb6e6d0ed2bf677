// The heartbeat as a K.I.T. service (registerService: start/stop/isRunning). K.I.T.'s loader
// never calls start(), so the plugin starts it itself once registered, but only inside a host
// that has services (never in the standalone `kit`, whose every command activates the plugin) and
// only when the config says monitoring.enabled: true.
import type { Service } from '../../host/contract.js';
import type { RunningWatch, WatchRun } from './run-watch.js';
import { startWatch } from './run-watch.js';

export const HEARTBEAT_SERVICE = 'portfolio-rebalancer-heartbeat';

export interface HeartbeatService extends Service {
  stop(): Promise<void>;
  /** The running watch, for hosts and tests that want its counts. */
  running(): RunningWatch | undefined;
}

export function heartbeatService(makeRun: () => WatchRun): HeartbeatService {
  let running: RunningWatch | undefined;
  let starting: Promise<void> | undefined;
  return {
    start: () => {
      starting ??= startWatch(makeRun()).then((watch) => {
        running = watch;
      });
      return starting.catch((error: unknown) => {
        starting = undefined;
        throw error;
      });
    },
    stop: async () => {
      await starting?.catch(() => undefined);
      await running?.stop();
      running = undefined;
      starting = undefined;
    },
    isRunning: () => running?.isRunning() ?? false,
    running: () => running,
  };
}
