import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScheduleError, describeSchedule, isDue, nextRun, previousRun, type Schedule, type Weekday } from '../src/strategies/schedule.js';

const NY = 'America/New_York';
const LONDON = 'Europe/London';
const LORD_HOWE = 'Australia/Lord_Howe';

const daily = (time: string, timezone: string): Schedule => ({ type: 'daily', time, timezone });
const iso = (date: Date) => date.toISOString();

/** The next `count` runs after `from`, as ISO strings in UTC. */
function runsAfter(schedule: Schedule, from: string, count: number): string[] {
  const runs: string[] = [];
  let t = new Date(from);
  for (let i = 0; i < count; i++) {
    t = nextRun(schedule, t);
    runs.push(iso(t));
  }
  return runs;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** Wall clock of `date` in `timezone`, read straight from Intl (independently of the module). */
function wallClock(timezone: string, date: Date) {
  let format = formats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'long',
      timeZoneName: 'longOffset',
    });
    formats.set(timezone, format);
  }
  const parts = format.formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const [, sign, hours, minutes] = /^GMT(?:([+-])(\d\d):(\d\d))?$/.exec(part('timeZoneName')) ?? [];
  const offsetMinutes = sign ? (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes)) : 0;
  return {
    weekday: part('weekday').toLowerCase() as Weekday,
    year: Number(part('year')),
    month: Number(part('month')),
    day: Number(part('day')),
    time: `${part('hour')}:${part('minute')}`,
    offsetMinutes,
  };
}

describe('weekly schedules', () => {
  const mondayNine: Schedule = { type: 'weekly', day: 'monday', time: '09:00', timezone: NY };

  it('weekly Monday 09:00 New York runs on the coming Monday at 09:00 local, seen from a Sunday', () => {
    expect(iso(nextRun(mondayNine, new Date('2026-06-07T15:00:00Z')))).toBe('2026-06-08T13:00:00.000Z');
    expect(iso(nextRun(mondayNine, new Date('2026-01-04T15:00:00Z')))).toBe('2026-01-05T14:00:00.000Z');
  });

  it('from the exact run instant, the next run is the following week', () => {
    expect(iso(nextRun(mondayNine, new Date('2026-06-08T13:00:00Z')))).toBe('2026-06-15T13:00:00.000Z');
  });

  it('one millisecond before the run instant, the next run is that instant', () => {
    expect(iso(nextRun(mondayNine, new Date('2026-06-08T12:59:59.999Z')))).toBe('2026-06-08T13:00:00.000Z');
  });

  it('reads the weekday in any case and defaults to Monday', () => {
    expect(iso(nextRun({ ...mondayNine, day: ' FRIDAY ' }, new Date('2026-06-07T15:00:00Z')))).toBe('2026-06-12T13:00:00.000Z');
    expect(iso(nextRun({ type: 'weekly', time: '09:00', timezone: NY }, new Date('2026-06-07T15:00:00Z')))).toBe('2026-06-08T13:00:00.000Z');
  });

  it('the weekday is the local one: Monday 01:00 in Kolkata is still Sunday in UTC', () => {
    const run = nextRun({ type: 'weekly', day: 'monday', time: '01:00', timezone: 'Asia/Kolkata' }, new Date('2026-06-06T00:00:00Z'));
    expect(iso(run)).toBe('2026-06-07T19:30:00.000Z');
  });
});

describe('daylight saving time in New York', () => {
  it('daily 09:00 moves from 14:00 UTC to 13:00 UTC when the clocks spring forward on 2026-03-08', () => {
    expect(runsAfter(daily('09:00', NY), '2026-03-06T15:00:00Z', 3)).toEqual(['2026-03-07T14:00:00.000Z', '2026-03-08T13:00:00.000Z', '2026-03-09T13:00:00.000Z']);
  });

  it('daily 09:00 moves from 13:00 UTC back to 14:00 UTC when the clocks fall back on 2026-11-01', () => {
    expect(runsAfter(daily('09:00', NY), '2026-10-30T14:00:00Z', 3)).toEqual(['2026-10-31T13:00:00.000Z', '2026-11-01T14:00:00.000Z', '2026-11-02T14:00:00.000Z']);
  });

  it('a time skipped by the spring-forward gap (02:30 on 2026-03-08) runs at 03:30 EDT, an hour later', () => {
    const runs = runsAfter(daily('02:30', NY), '2026-03-07T12:00:00Z', 2);
    expect(runs).toEqual(['2026-03-08T07:30:00.000Z', '2026-03-09T06:30:00.000Z']);
    expect(wallClock(NY, new Date(runs[0]!)).time).toBe('03:30');
  });

  it('a time repeated by the fall-back (01:30 on 2026-11-01) runs once, at its first occurrence (EDT)', () => {
    expect(runsAfter(daily('01:30', NY), '2026-10-31T12:00:00Z', 2)).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z']);
    // At the second 01:30 (EST), the run of that day is already behind.
    expect(iso(previousRun(daily('01:30', NY), new Date('2026-11-01T06:30:00Z')))).toBe('2026-11-01T05:30:00.000Z');
    expect(iso(nextRun(daily('01:30', NY), new Date('2026-11-01T06:30:00Z')))).toBe('2026-11-02T06:30:00.000Z');
  });
});

describe('daylight saving time in London', () => {
  it('daily 09:00 runs at 09:00 GMT, then 08:00 UTC from 2026-03-29 (BST)', () => {
    expect(runsAfter(daily('09:00', LONDON), '2026-03-27T10:00:00Z', 3)).toEqual(['2026-03-28T09:00:00.000Z', '2026-03-29T08:00:00.000Z', '2026-03-30T08:00:00.000Z']);
  });

  it('daily 09:00 runs at 08:00 UTC, then 09:00 UTC from 2026-10-25 (GMT)', () => {
    expect(runsAfter(daily('09:00', LONDON), '2026-10-23T10:00:00Z', 3)).toEqual(['2026-10-24T08:00:00.000Z', '2026-10-25T09:00:00.000Z', '2026-10-26T09:00:00.000Z']);
  });

  it('01:30 on 2026-03-29 does not exist and runs at 02:30 BST', () => {
    expect(iso(nextRun(daily('01:30', LONDON), new Date('2026-03-28T12:00:00Z')))).toBe('2026-03-29T01:30:00.000Z');
  });

  it('01:30 on 2026-10-25 happens twice and runs once, at 01:30 BST', () => {
    expect(runsAfter(daily('01:30', LONDON), '2026-10-24T12:00:00Z', 2)).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z']);
  });
});

describe('monthly schedules', () => {
  const day31: Schedule = { type: 'monthly', day: 31, time: '09:00', timezone: 'UTC' };

  it('day 31 runs on Feb 28 in 2027, a common year', () => {
    expect(runsAfter(day31, '2027-01-31T09:00:00Z', 3)).toEqual(['2027-02-28T09:00:00.000Z', '2027-03-31T09:00:00.000Z', '2027-04-30T09:00:00.000Z']);
  });

  it('day 31 runs on Feb 29 in 2028, a leap year', () => {
    expect(iso(nextRun(day31, new Date('2028-01-31T09:00:00Z')))).toBe('2028-02-29T09:00:00.000Z');
  });

  it('day 30 runs on the 30th again the month after a short February', () => {
    expect(runsAfter({ ...day31, day: '30' }, '2027-02-01T00:00:00Z', 2)).toEqual(['2027-02-28T09:00:00.000Z', '2027-03-30T09:00:00.000Z']);
  });

  it("'last' runs on the last day of every month, at local time across DST", () => {
    const last: Schedule = { type: 'monthly', day: 'last', time: '16:30', timezone: LONDON };
    expect(runsAfter(last, '2026-01-15T00:00:00Z', 4)).toEqual([
      '2026-01-31T16:30:00.000Z',
      '2026-02-28T16:30:00.000Z',
      '2026-03-31T15:30:00.000Z',
      '2026-04-30T15:30:00.000Z',
    ]);
  });

  it('defaults to the 1st and crosses the year end', () => {
    expect(runsAfter({ type: 'monthly', time: '00:00', timezone: 'UTC' }, '2026-12-01T00:00:00Z', 2)).toEqual(['2027-01-01T00:00:00.000Z', '2027-02-01T00:00:00.000Z']);
  });

  it('previousRun of day 31 in March is Feb 28', () => {
    expect(iso(previousRun(day31, new Date('2027-03-15T00:00:00Z')))).toBe('2027-02-28T09:00:00.000Z');
  });
});

describe('offsets that are not whole hours', () => {
  it('Asia/Kolkata (+05:30, no DST) runs 09:00 at 03:30 UTC all year', () => {
    expect(iso(nextRun(daily('09:00', 'Asia/Kolkata'), new Date('2026-01-01T00:00:00Z')))).toBe('2026-01-01T03:30:00.000Z');
    expect(iso(nextRun(daily('09:00', 'Asia/Kolkata'), new Date('2026-07-01T00:00:00Z')))).toBe('2026-07-01T03:30:00.000Z');
  });

  it('Australia/Lord_Howe runs 09:00 at +10:30 in winter and +11:00 in summer', () => {
    expect(iso(nextRun(daily('09:00', LORD_HOWE), new Date('2026-07-01T00:00:00Z')))).toBe('2026-07-01T22:30:00.000Z');
    expect(iso(nextRun(daily('09:00', LORD_HOWE), new Date('2026-12-01T00:00:00Z')))).toBe('2026-12-01T22:00:00.000Z');
  });

  it("Lord Howe's 30-minute gap on 2026-10-04 moves 02:15 to 02:45", () => {
    const run = nextRun(daily('02:15', LORD_HOWE), new Date('2026-10-03T12:00:00Z'));
    expect(iso(run)).toBe('2026-10-03T15:45:00.000Z');
    expect(wallClock(LORD_HOWE, run)).toMatchObject({ day: 4, time: '02:45', offsetMinutes: 660 });
  });

  it("Lord Howe's repeated half hour on 2026-04-05 runs 01:45 once, at +11:00", () => {
    expect(runsAfter(daily('01:45', LORD_HOWE), '2026-04-04T12:00:00Z', 2)).toEqual(['2026-04-04T14:45:00.000Z', '2026-04-05T15:15:00.000Z']);
  });
});

describe('previousRun and isDue', () => {
  const mondayNine: Schedule = { type: 'weekly', day: 'monday', time: '09:00', timezone: NY };
  const run = new Date('2026-06-08T13:00:00Z');

  it('previousRun includes a run at exactly the given instant', () => {
    expect(iso(previousRun(mondayNine, run))).toBe(iso(run));
  });

  it('previousRun just before a run is the week before', () => {
    expect(iso(previousRun(mondayNine, new Date(run.getTime() - 1)))).toBe('2026-06-01T13:00:00.000Z');
  });

  it('is due once the run instant is reached, and not a millisecond before', () => {
    const lastRunAt = new Date('2026-06-01T13:00:00Z');
    expect(isDue(mondayNine, lastRunAt, new Date(run.getTime() - 1))).toBe(false);
    expect(isDue(mondayNine, lastRunAt, run)).toBe(true);
  });

  it('is not due again after running at the scheduled instant or later the same week', () => {
    expect(isDue(mondayNine, run, run)).toBe(false);
    expect(isDue(mondayNine, new Date('2026-06-08T15:12:00Z'), new Date('2026-06-12T00:00:00Z'))).toBe(false);
  });

  it('is due when a run was missed, however long ago the last one was', () => {
    expect(isDue(mondayNine, new Date('2026-01-01T00:00:00Z'), new Date('2026-06-10T00:00:00Z'))).toBe(true);
  });

  it('is due when it has never run', () => {
    expect(isDue(mondayNine, undefined, new Date('2026-06-10T00:00:00Z'))).toBe(true);
  });
});

describe('describeSchedule', () => {
  it.each<[Schedule, string]>([
    [{ type: 'weekly', day: 'monday', time: '09:00', timezone: NY }, 'weekly on Monday at 09:00 (America/New_York)'],
    [{ type: 'weekly', day: 'SUNDAY', time: '18:00', timezone: 'UTC' }, 'weekly on Sunday at 18:00 (UTC)'],
    [{ type: 'weekly', time: '09:00', timezone: 'UTC' }, 'weekly on Monday at 09:00 (UTC)'],
    [{ type: 'monthly', day: 'last', time: '16:30', timezone: LONDON }, 'monthly on the last day at 16:30 (Europe/London)'],
    [{ type: 'monthly', day: 31, time: '09:00', timezone: 'UTC' }, 'monthly on day 31 at 09:00 (UTC)'],
    [{ type: 'monthly', day: '05', time: '09:00', timezone: 'UTC' }, 'monthly on day 5 at 09:00 (UTC)'],
    [{ type: 'monthly', time: '09:00', timezone: 'UTC' }, 'monthly on day 1 at 09:00 (UTC)'],
    [daily('09:00', 'UTC'), 'daily at 09:00 (UTC)'],
  ])('describes %j as %j', (schedule, text) => {
    expect(describeSchedule(schedule)).toBe(text);
  });
});

describe('schedules that cannot be used', () => {
  const weekdays = 'expected one of monday, tuesday, wednesday, thursday, friday, saturday, sunday';
  const monthDays = 'expected 1 to 31 or last';
  const hhmm = 'expected HH:MM on a 24-hour clock, such as "09:00"';
  const zones = 'expected an IANA name such as America/New_York or UTC';

  it.each<[string, Schedule, string]>([
    ['an abbreviated weekday', { type: 'weekly', day: 'mon', time: '09:00', timezone: 'UTC' }, `schedule.day: "mon" is not a weekday; ${weekdays}`],
    ['a weekday number', { type: 'weekly', day: 1, time: '09:00', timezone: 'UTC' }, `schedule.day: 1 is not a weekday; ${weekdays}`],
    ['day 0', { type: 'monthly', day: 0, time: '09:00', timezone: 'UTC' }, `schedule.day: 0 is not a day of the month; ${monthDays}`],
    ['day 32', { type: 'monthly', day: 32, time: '09:00', timezone: 'UTC' }, `schedule.day: 32 is not a day of the month; ${monthDays}`],
    ['day "32"', { type: 'monthly', day: '32', time: '09:00', timezone: 'UTC' }, `schedule.day: "32" is not a day of the month; ${monthDays}`],
    ['a fractional day', { type: 'monthly', day: 1.5, time: '09:00', timezone: 'UTC' }, `schedule.day: 1.5 is not a day of the month; ${monthDays}`],
    ['day "first"', { type: 'monthly', day: 'first', time: '09:00', timezone: 'UTC' }, `schedule.day: "first" is not a day of the month; ${monthDays}`],
    ['a day on a daily schedule', { type: 'daily', day: 'monday', time: '09:00', timezone: 'UTC' }, 'schedule.day: a daily schedule takes no day; remove it or use type weekly or monthly'],
    ['an hour without its leading zero', daily('9:00', 'UTC'), `schedule.time: "9:00" is not a time; ${hhmm}`],
    ['hour 24', daily('24:00', 'UTC'), `schedule.time: "24:00" is not a time; ${hhmm}`],
    ['minute 60', daily('09:60', 'UTC'), `schedule.time: "09:60" is not a time; ${hhmm}`],
    ['a 12-hour time', daily('9am', 'UTC'), `schedule.time: "9am" is not a time; ${hhmm}`],
    ['an unknown timezone', daily('09:00', 'Mars/Olympus_Mons'), `schedule.timezone: unknown timezone "Mars/Olympus_Mons"; ${zones}`],
    ['an empty timezone, which Intl would read as the host zone', daily('09:00', ''), `schedule.timezone: unknown timezone ""; ${zones}`],
    ['an unknown type', { type: 'hourly' as 'daily', time: '09:00', timezone: 'UTC' }, 'schedule.type: "hourly" is not a schedule type; expected daily, weekly or monthly'],
  ])('refuses %s', (_, schedule, message) => {
    for (const call of [() => nextRun(schedule, new Date()), () => previousRun(schedule, new Date()), () => describeSchedule(schedule)]) {
      expect(call).toThrow(ScheduleError);
      expect(call).toThrow(message);
    }
  });

  it('refuses an Invalid Date, naming the argument', () => {
    const schedule = daily('09:00', 'UTC');
    expect(() => nextRun(schedule, new Date(Number.NaN))).toThrow('after: got an Invalid Date; pass a Date with a time value');
    expect(() => isDue(schedule, new Date(Number.NaN), new Date(0))).toThrow('lastRunAt: got an Invalid Date');
  });

  it('is a usage error, so the CLI exits with status 2', () => {
    try {
      describeSchedule(daily('25:00', 'UTC'));
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ name: 'ScheduleError', field: 'schedule.time', exitCode: 2 });
    }
  });
});

describe('laws', () => {
  const ZONES = ['UTC', NY, LONDON, 'Asia/Kolkata', LORD_HOWE, 'Pacific/Chatham', 'America/Santiago'];
  const WEEKDAYS: Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
  const pad = (n: number) => String(n).padStart(2, '0');
  const hhmm = (hours: number, minutes: number) => `${pad(hours)}:${pad(minutes)}`;
  // Night times are overweighted: DST transitions happen there.
  const DAY = 86_400_000;
  const FROM = Date.UTC(2020, 0, 1);
  const TO = Date.UTC(2035, 11, 31);
  // Random instants rarely meet a DST change, so half the cases start within a day and a half
  // before one, and night times (when clocks change) are overweighted.
  const time = fc.oneof(
    fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => hhmm(h, m)),
    fc.tuple(fc.constantFrom(23, 0, 1, 2, 3), fc.constantFrom(0, 15, 30, 45, 59)).map(([h, m]) => hhmm(h, m)),
  );
  const changes = new Map<string, number[]>();
  /** Noon-UTC instants of the days on which the zone's offset differs from the day before. */
  function offsetChanges(timezone: string): number[] {
    let found = changes.get(timezone);
    if (!found) {
      found = [];
      for (let t = FROM + DAY / 2; t < TO; t += DAY) {
        if (wallClock(timezone, new Date(t)).offsetMinutes !== wallClock(timezone, new Date(t - DAY)).offsetMinutes) found.push(t);
      }
      changes.set(timezone, found);
    }
    return found;
  }
  const anyInstant = fc.integer({ min: FROM, max: TO });
  const instantIn = (timezone: string): fc.Arbitrary<Date> => {
    const near = offsetChanges(timezone);
    if (near.length === 0) return anyInstant.map((ms) => new Date(ms));
    const nearChange = fc.constantFrom(...near).chain((t) => fc.integer({ min: t - 2 * DAY, max: t }));
    return fc.oneof(anyInstant, nearChange).map((ms) => new Date(ms));
  };
  const timezone = fc.constantFrom(...ZONES);
  const schedule: fc.Arbitrary<Schedule> = fc.oneof(
    fc.record({ type: fc.constant('daily' as const), time, timezone }),
    fc.record({ type: fc.constant('weekly' as const), day: fc.constantFrom(...WEEKDAYS), time, timezone }),
    fc.record({ type: fc.constant('monthly' as const), day: fc.oneof(fc.integer({ min: 1, max: 31 }), fc.constant('last')), time, timezone }),
  );
  const scheduleAndInstant = schedule.chain((s) => fc.tuple(fc.constant(s), instantIn(s.timezone)));

  it('nextRun is after t, is its own previousRun, and falls on the configured local day and time (or just past a gap)', () => {
    fc.assert(
      fc.property(scheduleAndInstant, ([s, t]) => {
        const next = nextRun(s, t);
        expect(next.getTime()).toBeGreaterThan(t.getTime());
        expect(previousRun(s, next).getTime()).toBe(next.getTime());

        const prev = previousRun(s, t);
        expect(prev.getTime()).toBeLessThanOrEqual(t.getTime());
        // No run lies between the two.
        expect(nextRun(s, prev).getTime()).toBe(next.getTime());

        const local = wallClock(s.timezone, next);
        if (s.type === 'weekly') expect(local.weekday).toBe(s.day);
        if (s.type === 'monthly') {
          const last = new Date(Date.UTC(local.year, local.month, 0)).getUTCDate();
          expect(local.day).toBe(s.day === 'last' ? last : Math.min(Number(s.day), last));
        }
        if (local.time !== s.time) {
          // The configured time was skipped by a gap: it runs as much later as the gap is long.
          const gap = local.offsetMinutes - wallClock(s.timezone, new Date(next.getTime() - 6 * 3_600_000)).offsetMinutes;
          expect(gap).toBeGreaterThan(0);
          const [h, m] = s.time.split(':').map(Number) as [number, number];
          expect(local.time).toBe(hhmm(Math.floor((h * 60 + m + gap) / 60), (m + gap) % 60));
        }
      }),
      { seed: 20260308, numRuns: 3000 },
    );
  });

  it('a repeated wall time runs at its first occurrence: an hour earlier is a different wall time', () => {
    fc.assert(
      fc.property(scheduleAndInstant, ([s, t]) => {
        const next = nextRun(s, t);
        const local = wallClock(s.timezone, next);
        // If the same wall time also occurred up to 3 h earlier, this would not be the first occurrence.
        for (let minutes = 30; minutes <= 180; minutes += 30) {
          const earlier = wallClock(s.timezone, new Date(next.getTime() - minutes * 60_000));
          expect(earlier.day === local.day && earlier.time === local.time).toBe(false);
        }
      }),
      { seed: 20261101, numRuns: 1000 },
    );
  });
});
