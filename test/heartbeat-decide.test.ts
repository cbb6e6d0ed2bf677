// The heartbeat's decisions over simulated weeks: a check every 4 hours on a fake clock, drift
// following a script, and what the user would have received.
import { describe, expect, it } from 'vitest';
import { decide, type Policy } from '../src/rebalancer/heartbeat/decide.js';
import { emptyState, type Condition, type Observation, type WatchState } from '../src/rebalancer/heartbeat/types.js';
import { monitoringSchema } from '../src/config/monitoring.js';

const HOUR = 3_600_000;
const START = Date.parse('2026-03-02T00:00:00Z'); // a Monday, 19:00 the day before in New York
const THRESHOLD = 0.05;

const policy = (overrides: Partial<Policy> = {}): Policy => ({ cooldownMs: 24 * HOUR, timezone: 'America/New_York', venueDownChecks: 2, ...overrides });

/** BTC's drift (fraction points) at a check; a drift condition while it is beyond the threshold. */
function observation(at: number, btcDrift: number, venues: { id: string; ok: boolean }[] = [{ id: 'ex', ok: true }]): Observation {
  const complete = venues.every((v) => v.ok);
  const conditions: Condition[] =
    complete && Math.abs(btcDrift) > THRESHOLD ? [{ key: 'drift:BTC', kind: 'drift', message: `BTC drift ${btcDrift}`, severity: String(Math.abs(btcDrift)), worseBy: String(THRESHOLD / 2) }] : [];
  return { at: new Date(at), complete, judged: complete ? ['drift', 'exposure', 'drawdown', 'correlation'] : [], conditions, venues };
}

interface Sent {
  at: string;
  fired: string[];
  cleared: string[];
}

/** Runs a check every 4 hours for `days`, BTC's drift given by `driftAt(hoursSinceStart)`; returns what was sent. */
function simulate(days: number, driftAt: (hour: number) => number, options: { policy?: Policy; venuesAt?: (hour: number) => { id: string; ok: boolean }[] } = {}): Sent[] {
  let state: WatchState = emptyState();
  const sent: Sent[] = [];
  for (let hour = 0; hour <= days * 24; hour += 4) {
    const decision = decide(state, observation(START + hour * HOUR, driftAt(hour), options.venuesAt?.(hour)), options.policy ?? policy());
    // The state goes through JSON, as it does through the ledger between checks.
    state = JSON.parse(JSON.stringify(decision.state)) as WatchState;
    if (decision.fire.length > 0 || decision.cleared.length > 0) {
      sent.push({ at: new Date(START + hour * HOUR).toISOString(), fired: decision.fire.map((c) => c.key), cleared: decision.cleared.map((c) => c.key) });
    }
  }
  return sent;
}

describe('heartbeat decisions over simulated weeks (checks every 4 hours)', () => {
  it('alerts once when drift crosses the threshold, not at every check while it stays over (cooldown 7 days)', () => {
    // Within bands for two days, 7% over for three days, then back to 1%.
    const sent = simulate(14, (h) => (h >= 48 && h < 120 ? 0.07 : 0.01), { policy: policy({ cooldownMs: 7 * 24 * HOUR }) });
    expect(sent).toEqual([
      { at: '2026-03-04T00:00:00.000Z', fired: ['drift:BTC'], cleared: [] },
      { at: '2026-03-07T00:00:00.000Z', fired: [], cleared: ['drift:BTC'] },
    ]);
  });

  it('sends nothing at all over two weeks within bands', () => {
    expect(simulate(14, () => 0.03)).toEqual([]);
  });

  it('honours the 24h cooldown: a breach lasting three days is told on crossing and once a day after', () => {
    const sent = simulate(7, (h) => (h >= 8 && h < 80 ? 0.07 : 0.0));
    expect(sent.map((s) => [s.at, s.fired, s.cleared])).toEqual([
      ['2026-03-02T08:00:00.000Z', ['drift:BTC'], []],
      ['2026-03-03T08:00:00.000Z', ['drift:BTC'], []],
      ['2026-03-04T08:00:00.000Z', ['drift:BTC'], []],
      ['2026-03-05T08:00:00.000Z', [], ['drift:BTC']],
    ]);
  });

  it('repeats inside the cooldown only when drift grew by more than half the threshold', () => {
    // 6% at 08:00, 8% at 12:00 (+2 points: not worse enough), 9% at 16:00 (+3 points over the alerted 6%: worse).
    const path = [0, 0, 0.06, 0.08, 0.09, 0.09, 0.09];
    const sent = simulate(1, (h) => path[h / 4] ?? 0.09);
    expect(sent.map((s) => s.at)).toEqual(['2026-03-02T08:00:00.000Z', '2026-03-02T16:00:00.000Z']);
  });

  it('a condition that goes, then comes back, is alerted again at once (a new crossing)', () => {
    const sent = simulate(2, (h) => (h === 8 || h === 16 ? 0.07 : 0));
    expect(sent.map((s) => [s.fired, s.cleared])).toEqual([[['drift:BTC'], []], [[], ['drift:BTC']], [['drift:BTC'], []], [[], ['drift:BTC']]]);
  });

  it('holds alerts in quiet hours (22:00-07:00 New York) and sends them at the first check after', () => {
    const quietHours = monitoringSchema.parse({ quiet_hours: '22:00-07:00' }).quiet_hours;
    // Checks run at 00, 04, 08, ... UTC = 19:00, 23:00, 03:00, 07:00 EST. Drift crosses at 04:00 UTC (23:00 local).
    const sent = simulate(1, (h) => (h >= 4 ? 0.07 : 0), { policy: policy({ quietHours }) });
    expect(sent).toEqual([{ at: '2026-03-02T12:00:00.000Z', fired: ['drift:BTC'], cleared: [] }]);
  });

  it('a breach that comes and goes inside quiet hours is told after them, as an end nobody was alerted to', () => {
    const quietHours = monitoringSchema.parse({ quiet_hours: '22:00-07:00' }).quiet_hours;
    let state = emptyState();
    const p = policy({ quietHours });
    state = decide(state, observation(START + 4 * HOUR, 0.07), p).state; // 23:00 local
    const during = decide(state, observation(START + 8 * HOUR, 0.0), p); // 03:00 local
    expect(during.fire).toEqual([]);
    expect(during.cleared).toEqual([]);
    expect(during.held).toBe(true);
    const after = decide(during.state, observation(START + 12 * HOUR, 0.0), p); // 07:00 local
    expect(after.cleared).toMatchObject([{ key: 'drift:BTC', alerted: false }]);
  });

  it('alerts on a venue down for two checks in a row, and an incomplete check neither clears nor raises drift', () => {
    const down = (h: number) => [{ id: 'ex', ok: !(h >= 12 && h < 24) }];
    const sent = simulate(2, (h) => (h >= 4 && h < 32 ? 0.07 : 0), { venuesAt: down, policy: policy({ cooldownMs: 7 * 24 * HOUR }) });
    expect(sent).toEqual([
      { at: '2026-03-02T04:00:00.000Z', fired: ['drift:BTC'], cleared: [] },
      // 12:00 failed once; 16:00 is the second failure in a row.
      { at: '2026-03-02T16:00:00.000Z', fired: ['venue:ex'], cleared: [] },
      { at: '2026-03-03T00:00:00.000Z', fired: [], cleared: ['venue:ex'] },
      { at: '2026-03-03T08:00:00.000Z', fired: [], cleared: ['drift:BTC'] },
    ]);
  });
});
