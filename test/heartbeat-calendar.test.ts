// The calendar strategy's slots: 09:00 America/New_York on both sides of the March and November
// DST changes, each slot run once, a missed slot run once after a restart, never a slot twice.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openLedger } from '../src/ledger/open-ledger.js';
import type { Ledger } from '../src/ports.js';
import { CALENDAR, createCalendarRunner, type CalendarRunner } from '../src/rebalancer/heartbeat/calendar-runner.js';
import { dueSlot } from '../src/rebalancer/heartbeat/calendar-slot.js';
import type { Schedule } from '../src/strategies/schedule.js';

const NINE_NY: Schedule = { type: 'daily', time: '09:00', timezone: 'America/New_York' };
const MINUTE = 60_000;

const ledgers: Ledger[] = [];
const runners: CalendarRunner[] = [];
afterEach(async () => {
  for (const runner of runners.splice(0)) await runner.stop();
  for (const ledger of ledgers.splice(0)) ledger.close();
  vi.useRealTimers();
});

function newLedger(): Ledger {
  const ledger = openLedger(':memory:');
  ledgers.push(ledger);
  return ledger;
}

/** A runner over `ledger` with a clock the test moves; records the slots it ran. */
function runner(ledger: Ledger, clock: { t: number }, ran: string[], schedule = NINE_NY) {
  const created = createCalendarRunner({
    schedule,
    clock: { now: () => new Date(clock.t) },
    store: { lastSlot: async () => ledger.lastCalendarSlot(CALENDAR), claim: async (slot, now) => ledger.claimCalendarSlot(CALENDAR, slot, now) },
    run: async (slot) => void ran.push(slot.toISOString()),
    onError: (error) => {
      throw error;
    },
  });
  runners.push(created);
  return created;
}

/** Wakes the runner every `step` minutes from `from` to `to`, as node-cron (or anything) might. */
async function wakeEvery(r: CalendarRunner, clock: { t: number }, from: string, to: string, step = 15) {
  for (clock.t = Date.parse(from); clock.t <= Date.parse(to); clock.t += step * MINUTE) await r.tick();
}

describe('calendar slots at 09:00 America/New_York', () => {
  it('runs at 14:00 UTC before the March change and 13:00 UTC after it, once a day', async () => {
    const ledger = newLedger();
    const clock = { t: Date.parse('2026-03-06T00:00:00Z') };
    const ran: string[] = [];
    const r = runner(ledger, clock, ran);
    await r.tick(); // the first start takes the last past slot as its baseline and runs nothing
    expect(ran).toEqual([]);
    await wakeEvery(r, clock, '2026-03-06T00:00:00Z', '2026-03-10T23:59:00Z');
    expect(ran).toEqual(['2026-03-06T14:00:00.000Z', '2026-03-07T14:00:00.000Z', '2026-03-08T13:00:00.000Z', '2026-03-09T13:00:00.000Z', '2026-03-10T13:00:00.000Z']);
  });

  it('runs at 13:00 UTC before the November change and 14:00 UTC after it, once a day', async () => {
    const ledger = newLedger();
    const clock = { t: Date.parse('2026-10-30T00:00:00Z') };
    const ran: string[] = [];
    const r = runner(ledger, clock, ran);
    await wakeEvery(r, clock, '2026-10-30T00:00:00Z', '2026-11-03T23:59:00Z', 7);
    expect(ran).toEqual(['2026-10-30T13:00:00.000Z', '2026-10-31T13:00:00.000Z', '2026-11-01T14:00:00.000Z', '2026-11-02T14:00:00.000Z', '2026-11-03T14:00:00.000Z']);
  });

  it('a restart after a slot ran does not run it again', async () => {
    const ledger = newLedger();
    const clock = { t: Date.parse('2026-03-08T12:00:00Z') };
    const ran: string[] = [];
    await wakeEvery(runner(ledger, clock, ran), clock, '2026-03-08T12:00:00Z', '2026-03-08T13:30:00Z');
    expect(ran).toEqual(['2026-03-08T13:00:00.000Z']);

    // Restarted ten minutes later: start() looks for a missed slot and finds none.
    clock.t = Date.parse('2026-03-08T13:40:00Z');
    await runner(ledger, clock, ran).start();
    expect(ran).toEqual(['2026-03-08T13:00:00.000Z']);
  });

  it('a restart after missed slots runs the latest one once, not each missed day', async () => {
    const ledger = newLedger();
    const clock = { t: Date.parse('2026-03-06T15:00:00Z') };
    const ran: string[] = [];
    await runner(ledger, clock, ran).tick(); // baseline: the 6th's slot
    clock.t = Date.parse('2026-03-09T20:00:00Z'); // down over the 7th, 8th and 9th
    const again = runner(ledger, clock, ran);
    await again.start();
    expect(ran).toEqual(['2026-03-09T13:00:00.000Z']);
    await again.tick();
    expect(ran).toHaveLength(1);
  });

  it('two processes waking for the same slot run it once between them', async () => {
    const ledger = newLedger();
    const clock = { t: Date.parse('2026-03-08T12:00:00Z') };
    const ran: string[] = [];
    const [a, b] = [runner(ledger, clock, ran), runner(ledger, clock, ran)];
    await a.tick();
    clock.t = Date.parse('2026-03-08T13:00:00Z');
    await Promise.all([a.tick(), b.tick()]);
    expect(ran).toEqual(['2026-03-08T13:00:00.000Z']);
  });

  it('dueSlot: a first start is a baseline, a slot already run is not due, the next one is', () => {
    const now = new Date('2026-11-02T15:00:00Z');
    expect(dueSlot(NINE_NY, undefined, now)).toEqual({ action: 'baseline', slot: new Date('2026-11-02T14:00:00Z') });
    expect(dueSlot(NINE_NY, new Date('2026-11-02T14:00:00Z'), now)).toEqual({ action: 'none' });
    expect(dueSlot(NINE_NY, new Date('2026-11-01T14:00:00Z'), now)).toEqual({ action: 'run', slot: new Date('2026-11-02T14:00:00Z') });
  });
});

describe('node-cron wakes the runner in the schedule timezone', () => {
  it('with the clock faked across the March change, node-cron fires and the 09:00 slots run at 14:00 and 13:00 UTC', async () => {
    vi.useFakeTimers({ now: new Date('2026-03-07T12:00:00Z') });
    const ledger = newLedger();
    ledger.claimCalendarSlot(CALENDAR, new Date('2026-03-06T14:00:00Z'), new Date('2026-03-06T14:00:00Z'));
    const ran: string[] = [];
    const r = createCalendarRunner({
      schedule: NINE_NY,
      clock: { now: () => new Date() },
      store: { lastSlot: async () => ledger.lastCalendarSlot(CALENDAR), claim: async (slot, now) => ledger.claimCalendarSlot(CALENDAR, slot, now) },
      run: async (slot) => void ran.push(slot.toISOString()),
      onError: () => undefined,
    });
    runners.push(r);
    await r.start();
    expect(r.task()?.getNextRun()?.toISOString()).toBe('2026-03-07T13:00:00.000Z');
    for (let i = 0; i < 2 * 24 * 4; i++) await vi.advanceTimersByTimeAsync(15 * MINUTE);
    expect(ran).toEqual(['2026-03-07T14:00:00.000Z', '2026-03-08T13:00:00.000Z']);
  });
});
