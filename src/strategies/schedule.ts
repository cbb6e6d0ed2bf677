// When a calendar rebalance runs. Calendar arithmetic happens on the schedule's local wall clock,
// read with Intl (no date library). A wall time maps back to an instant like Temporal's
// "compatible" disambiguation: a time a spring-forward gap skips runs as much later as the gap is
// long (02:30 -> 03:30), and a time a fall-back repeats runs once, at its first occurrence.
// A monthly day past the end of a short month runs on that month's last day.
import { UsageError } from '../errors.js';

export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

export interface Schedule {
  type: 'daily' | 'weekly' | 'monthly';
  /** weekly: a weekday name (any case), default monday; monthly: 1..31 (number or numeric string) or 'last', default 1; daily: absent */
  day?: string | number | undefined;
  /** "HH:MM", 24-hour local time */
  time: string;
  /** IANA name, e.g. America/New_York */
  timezone: string;
}

/** A schedule (or an instant passed with it) that cannot be used; `field` names the culprit. */
export class ScheduleError extends UsageError {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}

const WEEKDAYS: readonly Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const MINUTE = 60_000;
const DAY = 86_400_000;

type Calendar = { type: 'daily' } | { type: 'weekly'; weekday: number /* 0 = Monday */ } | { type: 'monthly'; day: number | 'last' };
/** The schedule, checked. Days below are counted from 1970-01-01 on the local calendar. */
type Rule = Calendar & { minutes: number; format: Intl.DateTimeFormat };

/** The first scheduled instant strictly after `after`. */
export function nextRun(schedule: Schedule, after: Date): Date {
  const rule = parseSchedule(schedule);
  const t = instant('after', after);
  let day = onOrAfter(rule, localDay(rule, t));
  for (;;) {
    const run = runOn(rule, day);
    if (run > t) return new Date(run);
    day = onOrAfter(rule, day + 1);
  }
}

/** The last scheduled instant at or before `atOrBefore`. */
export function previousRun(schedule: Schedule, atOrBefore: Date): Date {
  const rule = parseSchedule(schedule);
  const t = instant('atOrBefore', atOrBefore);
  let day = onOrBefore(rule, localDay(rule, t));
  for (;;) {
    const run = runOn(rule, day);
    if (run <= t) return new Date(run);
    day = onOrBefore(rule, day - 1);
  }
}

/** True when a run was scheduled in (lastRunAt, now]; with no lastRunAt, always true (every schedule has a past run). */
export function isDue(schedule: Schedule, lastRunAt: Date | undefined, now: Date): boolean {
  const last = lastRunAt === undefined ? -Infinity : instant('lastRunAt', lastRunAt);
  return previousRun(schedule, now).getTime() > last;
}

/** "weekly on Monday at 09:00 (America/New_York)", "monthly on the last day at 16:30 (Europe/London)". */
export function describeSchedule(schedule: Schedule): string {
  const rule = parseSchedule(schedule);
  const at = `at ${schedule.time} (${schedule.timezone})`;
  switch (rule.type) {
    case 'daily':
      return `daily ${at}`;
    case 'weekly': {
      const name = WEEKDAYS[rule.weekday] ?? '';
      return `weekly on ${name.charAt(0).toUpperCase()}${name.slice(1)} ${at}`;
    }
    case 'monthly':
      return `monthly on ${rule.day === 'last' ? 'the last day' : `day ${rule.day}`} ${at}`;
  }
}

function parseSchedule(schedule: Schedule): Rule {
  const calendar = parseCalendar(schedule.type, schedule.day);
  return { ...calendar, minutes: parseTime(schedule.time), format: formatFor(schedule.timezone) };
}

function parseCalendar(type: unknown, day: string | number | undefined): Calendar {
  switch (type) {
    case 'daily':
      if (day !== undefined) throw new ScheduleError('schedule.day', 'a daily schedule takes no day; remove it or use type weekly or monthly');
      return { type };
    case 'weekly':
      return { type, weekday: parseWeekday(day) };
    case 'monthly':
      return { type, day: parseMonthDay(day) };
    default:
      throw new ScheduleError('schedule.type', `${JSON.stringify(type)} is not a schedule type; expected daily, weekly or monthly`);
  }
}

function parseWeekday(day: string | number | undefined): number {
  if (day === undefined) return 0;
  const index = typeof day === 'string' ? WEEKDAYS.indexOf(day.trim().toLowerCase() as Weekday) : -1;
  if (index < 0) throw new ScheduleError('schedule.day', `${JSON.stringify(day)} is not a weekday; expected one of ${WEEKDAYS.join(', ')}`);
  return index;
}

function parseMonthDay(day: string | number | undefined): number | 'last' {
  if (day === undefined) return 1;
  const text = String(day).trim().toLowerCase();
  if (text === 'last') return 'last';
  const n = /^\d{1,2}$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && n <= 31)) throw new ScheduleError('schedule.day', `${JSON.stringify(day)} is not a day of the month; expected 1 to 31 or last`);
  return n;
}

function parseTime(time: string): number {
  const match = typeof time === 'string' ? /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time) : null;
  if (!match) throw new ScheduleError('schedule.time', `${JSON.stringify(time)} is not a time; expected HH:MM on a 24-hour clock, such as "09:00"`);
  return Number(match[1]) * 60 + Number(match[2]);
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timezone: string): Intl.DateTimeFormat {
  let format = formats.get(timezone);
  if (format) return format;
  // Intl would take a missing zone to mean the host's, which would make results depend on the machine.
  const invalid = new ScheduleError('schedule.timezone', `unknown timezone ${JSON.stringify(timezone)}; expected an IANA name such as America/New_York or UTC`);
  if (typeof timezone !== 'string' || timezone === '') throw invalid;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch (cause) {
    if (cause instanceof RangeError) throw invalid;
    throw cause;
  }
  formats.set(timezone, format);
  return format;
}

function instant(name: string, date: Date): number {
  const t = date instanceof Date ? date.getTime() : NaN;
  if (Number.isNaN(t)) throw new ScheduleError(name, 'got an Invalid Date; pass a Date with a time value');
  return t;
}

/** The local wall time at `t`, to the second, written as if it were a UTC instant. */
function wallClock(format: Intl.DateTimeFormat, t: number): number {
  const f = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  for (const part of format.formatToParts(t)) {
    if (part.type in f) f[part.type as keyof typeof f] = Number(part.value);
  }
  return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
}

/** Local minus UTC at `t`, in ms. */
function offsetAt(format: Intl.DateTimeFormat, t: number): number {
  return wallClock(format, t) - Math.floor(t / 1000) * 1000;
}

/** The instant of a local wall time; assumes at most one offset change within a day of it. */
function instantOf(format: Intl.DateTimeFormat, wall: number): number {
  const oldOffset = offsetAt(format, wall - DAY);
  const newOffset = offsetAt(format, wall + DAY);
  const underOld = wall - oldOffset;
  if (oldOffset === newOffset || offsetAt(format, underOld) === oldOffset) return underOld;
  const underNew = wall - newOffset;
  // Neither offset reads back as this wall time, so a gap skips it; read with the offset before
  // the gap, it lands as much later as the gap is long.
  return offsetAt(format, underNew) === newOffset ? underNew : underOld;
}

function localDay(rule: Rule, t: number): number {
  return Math.floor(wallClock(rule.format, t) / DAY);
}

function runOn(rule: Rule, day: number): number {
  return instantOf(rule.format, day * DAY + rule.minutes * MINUTE);
}

/** The day of `month` a monthly rule runs on; `month` may run past 1..12. */
function monthlyDay(rule: { day: number | 'last' }, year: number, month: number): number {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return rule.day === 'last' ? last : Math.min(rule.day, last);
}

/** The first day on or after `day` that the rule runs on. */
function onOrAfter(rule: Rule, day: number): number {
  switch (rule.type) {
    case 'daily':
      return day;
    case 'weekly':
      return day + mod(rule.weekday - weekdayOf(day), 7);
    case 'monthly': {
      const date = new Date(day * DAY);
      const [year, month] = [date.getUTCFullYear(), date.getUTCMonth() + 1];
      const here = monthlyDay(rule, year, month);
      if (here >= date.getUTCDate()) return Date.UTC(year, month - 1, here) / DAY;
      return Date.UTC(year, month, monthlyDay(rule, year, month + 1)) / DAY;
    }
  }
}

/** The last day on or before `day` that the rule runs on. */
function onOrBefore(rule: Rule, day: number): number {
  switch (rule.type) {
    case 'daily':
      return day;
    case 'weekly':
      return day - mod(weekdayOf(day) - rule.weekday, 7);
    case 'monthly': {
      const date = new Date(day * DAY);
      const [year, month] = [date.getUTCFullYear(), date.getUTCMonth() + 1];
      const here = monthlyDay(rule, year, month);
      if (here <= date.getUTCDate()) return Date.UTC(year, month - 1, here) / DAY;
      return Date.UTC(year, month - 2, monthlyDay(rule, year, month - 1)) / DAY;
    }
  }
}

/** 0 = Monday; day 0 (1970-01-01) was a Thursday. */
function weekdayOf(day: number): number {
  return mod(day + 3, 7);
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}
