// The check loop: one check at start, then one every `everyMs` after the previous one ended (so
// checks never overlap). stop() lets the check in flight finish, then resolves: a SIGTERM never
// cuts a check (and its ledger writes) in half.
import type { Service } from '../../host/contract.js';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface WatcherOptions {
  /** One check; may resolve to a sooner delay (ms) for the next one, e.g. the end of quiet hours. */
  check: () => Promise<number | undefined | void>;
  everyMs: number;
  /** A failed check is reported here and the loop goes on. */
  onError: (error: unknown) => void;
  timers?: Timers | undefined;
}

export interface Watcher extends Service {
  stop(): Promise<void>;
  /** Checks started so far. */
  checks(): number;
}

const realTimers: Timers = { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout) };

export function createWatcher(options: WatcherOptions): Watcher {
  const timers = options.timers ?? realTimers;
  let running = false;
  let timer: unknown;
  let inFlight: Promise<void> | undefined;
  let count = 0;

  const tick = () => {
    timer = undefined;
    count += 1;
    inFlight = options
      .check()
      .then((sooner) => (typeof sooner === 'number' ? Math.max(0, Math.min(sooner, options.everyMs)) : options.everyMs), (error: unknown) => (options.onError(error), options.everyMs))
      .then((delay) => {
        inFlight = undefined;
        if (running) timer = timers.setTimeout(tick, delay);
      });
  };

  return {
    start: () => {
      if (running) return;
      running = true;
      tick();
    },
    stop: async () => {
      running = false;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
      await inFlight;
    },
    isRunning: () => running,
    checks: () => count,
  };
}
