import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, holdingDays, isMoreThanYears, yearsAfter } from '../src/tax/holding-period.js';
import { findExample, taxExamples } from './helpers/tax-examples.js';

const day = (text: string) => new Date(text.length === 10 ? `${text}T00:00:00Z` : text);
const iso = (date: Date) => date.toISOString().slice(0, 10);

interface HoldingCase {
  id: string;
  input: { cases: { acquired: string; sold: string }[] };
  expected: { classes: string[] };
}
const hp01 = findExample(taxExamples<HoldingCase>(), 'US-HP-01');

describe('US-HP-01 day counting (Motley Fool; J.K. Lasser 5.9; IRS Topic 409): more than one year is long-term', () => {
  // Restated from tax-examples.json: a sale ON the anniversary is short-term, the day after long-term.
  const table: [acquired: string, sold: string, longTerm: boolean][] = [
    ['2005-01-01', '2006-01-01', false],
    ['2005-01-01', '2006-01-02', true],
    ['2012-09-19', '2013-09-19', false],
    ['2012-09-19', '2013-09-20', true],
    ['2020-07-23', '2021-07-23', false],
  ];
  it.each(table)('bought %s, sold %s: long-term %s', (acquired, sold, longTerm) => {
    expect(isMoreThanYears(day(acquired), day(sold))).toBe(longTerm);
  });

  it('every case of US-HP-01 in tax-examples.json', () => {
    const cases = hp01.input.cases;
    expect(cases).toHaveLength(5);
    cases.forEach((c, i) => {
      const expected = hp01.expected.classes[i]!.startsWith('long');
      expect(isMoreThanYears(day(c.acquired), day(c.sold)), `${c.acquired} -> ${c.sold}`).toBe(expected);
    });
  });

  it('compares calendar dates, not times: a late-evening buy and an early-morning sale on the anniversary stay short-term', () => {
    expect(isMoreThanYears(day('2024-03-10T23:30:00Z'), day('2025-03-10T00:10:00Z'))).toBe(false);
    expect(isMoreThanYears(day('2024-03-10T23:30:00Z'), day('2025-03-11T00:00:00Z'))).toBe(true);
  });

  it('DE §23 EStG uses the same boundary (tax-rules.md 3.1): bought 13.10.2020, exempt from 14.10.2021; bought 1.1.2024, exempt from 2.1.2025', () => {
    expect(isMoreThanYears(day('2020-10-13'), day('2021-10-13'), 1, 'same-date')).toBe(false);
    expect(isMoreThanYears(day('2020-10-13'), day('2021-10-14'), 1, 'same-date')).toBe(true);
    expect(isMoreThanYears(day('2024-01-01'), day('2025-01-01'), 1, 'same-date')).toBe(false);
    expect(isMoreThanYears(day('2024-01-01'), day('2025-01-02'), 1, 'same-date')).toBe(true);
  });
});

describe('yearsAfter: leap years and month ends (J.K. Lasser end-of-month rule)', () => {
  it('Feb 29 + 1 year is Feb 28 (the month end); a sale on Feb 28 is short-term, on Mar 1 long-term', () => {
    expect(iso(yearsAfter(day('2024-02-29'), 1))).toBe('2025-02-28');
    expect(isMoreThanYears(day('2024-02-29'), day('2025-02-28'))).toBe(false);
    expect(isMoreThanYears(day('2024-02-29'), day('2025-03-01'))).toBe(true);
  });

  it('Feb 29 + 4 years is Feb 29 again', () => {
    expect(iso(yearsAfter(day('2024-02-29'), 4))).toBe('2028-02-29');
  });

  it('Feb 28 of a non-leap year is a month end, so its anniversary in a leap year is Feb 29 (US); §188 BGB says Feb 28 (DE)', () => {
    expect(iso(yearsAfter(day('2023-02-28'), 1))).toBe('2024-02-29');
    expect(isMoreThanYears(day('2023-02-28'), day('2024-02-29'))).toBe(false);
    expect(isMoreThanYears(day('2023-02-28'), day('2024-03-01'))).toBe(true);
    expect(iso(yearsAfter(day('2023-02-28'), 1, 'same-date'))).toBe('2024-02-28');
    expect(isMoreThanYears(day('2023-02-28'), day('2024-02-29'), 1, 'same-date')).toBe(true);
  });

  it('Feb 28 of a leap year is not a month end: its anniversary is Feb 28', () => {
    expect(iso(yearsAfter(day('2024-02-28'), 1))).toBe('2025-02-28');
    expect(isMoreThanYears(day('2024-02-28'), day('2025-03-01'))).toBe(true);
  });

  it('other month ends keep their date (Jan 31, Apr 30, Dec 31)', () => {
    expect(iso(yearsAfter(day('2020-01-31'), 1))).toBe('2021-01-31');
    expect(iso(yearsAfter(day('2021-04-30'), 1))).toBe('2022-04-30');
    expect(iso(yearsAfter(day('2023-12-31'), 1))).toBe('2024-12-31');
    expect(isMoreThanYears(day('2023-12-31'), day('2024-12-31'))).toBe(false);
    expect(isMoreThanYears(day('2023-12-31'), day('2025-01-01'))).toBe(true);
  });

  it('keeps the time of day and refuses fractional years', () => {
    expect(yearsAfter(day('2024-05-06T13:45:00Z'), 2).toISOString()).toBe('2026-05-06T13:45:00.000Z');
    expect(() => yearsAfter(day('2024-05-06'), 0.5)).toThrow('whole number');
  });

  it('property: the anniversary itself is never more than the years, the day after always is', () => {
    const dates = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-12-31T23:59:59Z'), noInvalidDate: true });
    fc.assert(
      fc.property(dates, fc.integer({ min: 1, max: 5 }), fc.constantFrom('end-of-month' as const, 'same-date' as const), (acquired, years, rule) => {
        const anniversary = yearsAfter(acquired, years, rule);
        expect(isMoreThanYears(acquired, anniversary, years, rule)).toBe(false);
        expect(isMoreThanYears(acquired, addDays(anniversary, 1), years, rule)).toBe(true);
        expect(holdingDays(acquired, anniversary)).toBeGreaterThanOrEqual(365 * years);
        expect(holdingDays(acquired, anniversary)).toBeLessThanOrEqual(366 * years + 1);
      }),
    );
  });
});

describe('holdingDays: calendar days between UTC dates', () => {
  it('counts the days of the Pub 550 wash-sale examples (bbreslauer fixtures)', () => {
    expect(holdingDays(day('2014-05-01'), day('2014-07-01'))).toBe(61); // US-WS-01
    expect(holdingDays(day('2013-09-26'), day('2014-01-09'))).toBe(105); // US-WS-02
  });

  it('counts Feb 29 in a leap year and ignores the time of day', () => {
    expect(holdingDays(day('2024-01-01'), day('2025-01-01'))).toBe(366);
    expect(holdingDays(day('2023-01-01'), day('2024-01-01'))).toBe(365);
    expect(holdingDays(day('2024-01-01T23:59:00Z'), day('2024-01-02T00:01:00Z'))).toBe(1);
    expect(holdingDays(day('2024-01-02'), day('2024-01-01'))).toBe(-1);
  });

  it('property: addDays and holdingDays agree', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1960-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: -5000, max: 5000 }), (from, days) => {
        expect(holdingDays(from, addDays(from, days))).toBe(days);
      }),
    );
  });
});
