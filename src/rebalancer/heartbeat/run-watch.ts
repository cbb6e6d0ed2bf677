// A running watch, as `kit rebalance watch` and the K.I.T. service start it: the lock (one watch
// per ledger), the check loop every monitoring.check_every, and, for the calendar strategy, the
// calendar runner. Every check and slot opens a session of its own through `open`, so each sees
// fresh balances and the config as it is now; `stop` lets the check in flight finish.
import type { Clock } from '../../ports.js';
import type { NotifierSource } from './notifier-source.js';
import type { Session } from '../session.js';
import { CALENDAR, createCalendarRunner, type CalendarRunner } from './calendar-runner.js';
import { runCalendarSlot } from './calendar-check.js';
import { runHeartbeatCheck, type CheckResult } from './check.js';
import type { ExecuteRebalance } from './auto-execute.js';
import { acquireWatchLock, thisProcess } from './watch-lock.js';
import { createWatcher } from './watcher.js';
import { quietEnds } from './quiet-hours.js';
import type { Config } from '../../config.js';

export interface WatchRun {
  /** Opens a session (runtime and ledger), runs `use`, closes it. */
  open: <T>(use: (session: Session) => Promise<T>) => Promise<T>;
  clock: Clock;
  notifier: NotifierSource;
  execute?: ExecuteRebalance | undefined;
  onError: (error: unknown) => void;
  /** Called after each check. */
  onCheck?: ((result: CheckResult) => void) | undefined;
  /** Hold the ledger's watch lock (the CLI does; false only in tests that run two watches on purpose). */
  lock?: boolean | undefined;
}

export interface RunningWatch {
  stop(): Promise<void>;
  isRunning(): boolean;
  checks(): number;
  calendar(): CalendarRunner | undefined;
}

export async function startWatch(run: WatchRun): Promise<RunningWatch> {
  const me = thisProcess(run.clock.now());
  const config = await run.open(async (session) => {
    if (run.lock !== false) acquireWatchLock(session.deps.ledger, me);
    return session.deps.config;
  });
  const deps = { notifier: run.notifier, execute: run.execute };
  const watcher = createWatcher({
    check: () =>
      run.open(async (session) => {
        // Not `onCheck?.(await ...)`: an optional call would skip evaluating the check itself.
        const result = await runHeartbeatCheck(session, deps);
        run.onCheck?.(result);
        return heldUntil(result, session.deps.config, run.clock.now());
      }),
    everyMs: config.monitoring.check_every,
    onError: run.onError,
  });
  const onCalendar = config.strategy === 'calendar' || (config.strategy === 'tactical' && config.tactical.base === 'calendar');
  const calendar = onCalendar
    ? createCalendarRunner({
        schedule: config.schedule,
        clock: run.clock,
        store: {
          lastSlot: () => run.open(async (session) => session.deps.ledger.lastCalendarSlot(CALENDAR)),
          claim: (slot, now) => run.open(async (session) => session.deps.ledger.claimCalendarSlot(CALENDAR, slot, now)),
        },
        run: (slot) => run.open((session) => runCalendarSlot(session, deps, slot)),
        onError: run.onError,
      })
    : undefined;
  watcher.start();
  await calendar?.start();
  return {
    stop: async () => {
      await Promise.all([watcher.stop(), calendar?.stop()]);
      if (run.lock !== false) await run.open(async (session) => session.deps.ledger.releaseWatchLock(me)).catch(run.onError);
    },
    isRunning: () => watcher.isRunning(),
    checks: () => watcher.checks(),
    calendar: () => calendar,
  };
}

/** When quiet hours held an alert back: the time until they end, so it goes out then, not up to a check later. */
function heldUntil(result: CheckResult, config: Config, now: Date): number | undefined {
  if (!result.decision.held) return undefined;
  return quietEnds(now, config.monitoring.quiet_hours, config.schedule.timezone).getTime() - now.getTime();
}
