// The calendar strategy on its schedule. node-cron wakes the runner every hour at the schedule's
// minute in the schedule's timezone; the schedule maths (calendar-slot.ts) decide whether a slot
// is due, so a slot that a DST change skips or repeats runs exactly once, and the ledger's claim
// (a compare-and-set on the last slot) keeps a restart or a second process from running it twice.
import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../../ports.js';
import type { Schedule } from '../../strategies/schedule.js';
import { dueSlot } from './calendar-slot.js';

export const CALENDAR = 'calendar';

export interface CalendarStore {
  lastSlot(): Promise<Date | undefined>;
  /** Records the slot; false when it was already recorded (run elsewhere). */
  claim(slot: Date, now: Date): Promise<boolean>;
}

export interface CalendarRunnerOptions {
  schedule: Schedule;
  clock: Clock;
  store: CalendarStore;
  /** Runs the claimed slot (preview, alert, auto_execute). */
  run: (slot: Date) => Promise<void>;
  onError: (error: unknown) => void;
}

export interface CalendarRunner {
  /** Runs a missed slot once, then wakes with node-cron. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** One wake-up: what the cron task calls. Resolves to the slot run, if any. */
  tick(): Promise<Date | undefined>;
  task(): ScheduledTask | undefined;
}

export function cronExpression(schedule: Schedule): string {
  return `${Number(schedule.time.slice(3, 5))} * * * *`;
}

export function createCalendarRunner(options: CalendarRunnerOptions): CalendarRunner {
  let task: ScheduledTask | undefined;
  let running: Promise<Date | undefined> | undefined;

  const wake = async (): Promise<Date | undefined> => {
    const now = options.clock.now();
    const due = dueSlot(options.schedule, await options.store.lastSlot(), now);
    if (due.action === 'none') return undefined;
    const claimed = await options.store.claim(due.slot, now);
    if (!claimed || due.action === 'baseline') return undefined;
    await options.run(due.slot);
    return due.slot;
  };
  // Wake-ups never overlap: one that comes while a slot runs waits for it (and then finds nothing due).
  const tick = () => {
    const next = (running ?? Promise.resolve(undefined)).then(wake, wake);
    running = next.catch((error: unknown) => (options.onError(error), undefined));
    return running;
  };

  return {
    start: async () => {
      await tick();
      task ??= cron.schedule(cronExpression(options.schedule), () => void tick(), { timezone: options.schedule.timezone, name: 'portfolio-rebalancer-calendar', noOverlap: true });
    },
    stop: async () => {
      await task?.destroy();
      task = undefined;
      await running;
    },
    tick,
    task: () => task,
  };
}
