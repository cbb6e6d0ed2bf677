// Quiet hours on the local wall clock of the config's timezone, read with Intl. A window such as
// 22:00-07:00 runs past midnight; it holds its start minute and ends just before its end minute.
import type { QuietHours } from '../../config.js';

const formats = new Map<string, Intl.DateTimeFormat>();

function minuteOfDay(at: Date, timezone: string): number {
  let format = formats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: timezone, hourCycle: 'h23', hour: 'numeric', minute: 'numeric' });
    formats.set(timezone, format);
  }
  const parts = format.formatToParts(at);
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return value('hour') * 60 + value('minute');
}

export function isQuiet(at: Date, quiet: QuietHours | undefined, timezone: string): boolean {
  if (!quiet) return false;
  const minute = minuteOfDay(at, timezone);
  return quiet.start < quiet.end ? minute >= quiet.start && minute < quiet.end : minute >= quiet.start || minute < quiet.end;
}

/** The first whole minute at or after `at` that is outside the window (at itself when not quiet). */
export function quietEnds(at: Date, quiet: QuietHours | undefined, timezone: string): Date {
  let t = at.getTime();
  // Minute steps over at most a day: a window is shorter than a day, and DST moves it by an hour at most.
  for (let i = 0; i <= 26 * 60 && isQuiet(new Date(t), quiet, timezone); i++) t = (Math.floor(t / 60_000) + 1) * 60_000;
  return new Date(t);
}
