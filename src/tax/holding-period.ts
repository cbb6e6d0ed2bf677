// How long an asset was held, counted in UTC calendar dates (trade dates, not times of day).
// "More than one year" is the US long-term test and the DE §23 EStG exemption; in both a sale ON
// the anniversary is not more than a year, the day after is (tax-rules.md 1.2 and 3.1, US-HP-01).
// The anniversary of a month-end acquisition is the end of the same month (J.K. Lasser 5.9: "if
// acquired on the last day of a month, each holding month ends on the last day of a later month"),
// so Feb 29 + 1 year = Feb 28 and Feb 28 (non-leap) + 1 year = Feb 29. §188(2),(3) BGB differs in
// that one case (Feb 28 + 1 year = Feb 28): pass 'same-date' for DE.
import { InvariantError } from '../errors.js';

/** 'end-of-month': J.K. Lasser's rule (US default). 'same-date': §188 BGB (DE). */
export type AnniversaryRule = 'end-of-month' | 'same-date';

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of the date's UTC calendar day. */
function utcDay(date: Date): number {
  return Math.floor(date.getTime() / DAY_MS);
}

function daysInMonth(year: number, month: number): number {
  const probe = new Date(0);
  probe.setUTCFullYear(year, month + 1, 0);
  return probe.getUTCDate();
}

/**
 * The same calendar date `years` later (UTC, time of day kept). A date missing in the target
 * year (Feb 29) becomes the month's last day; under 'end-of-month' a month-end date always does.
 */
export function yearsAfter(date: Date, years: number, rule: AnniversaryRule = 'end-of-month'): Date {
  if (!Number.isInteger(years)) throw new InvariantError(`yearsAfter: years must be a whole number, got ${years}.`);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const day = date.getUTCDate();
  const last = daysInMonth(year + years, month);
  const monthEnd = day === daysInMonth(year, month);
  const result = new Date(date.getTime());
  result.setUTCFullYear(year + years, month, rule === 'end-of-month' && monthEnd ? last : Math.min(day, last));
  return result;
}

/** True when `disposed` falls on a later calendar day than the `years`-th anniversary of `acquired`. */
export function isMoreThanYears(acquired: Date, disposed: Date, years = 1, rule: AnniversaryRule = 'end-of-month'): boolean {
  return utcDay(disposed) > utcDay(yearsAfter(acquired, years, rule));
}

/** Calendar days from `from` to `to` (UTC dates; negative when `to` is earlier). */
export function holdingDays(from: Date, to: Date): number {
  return utcDay(to) - utcDay(from);
}

/** The instant `days` calendar days later (earlier when negative); UTC has no DST, so this is exact. */
export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}
