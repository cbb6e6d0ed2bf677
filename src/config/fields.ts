// zod field types for how people write the config: "40%", "$100", "0.5%", quantities as text.
// YAML numbers reach us as their source text (see parse-yaml.ts), so every numeric field takes
// text or a number and turns it into a Decimal here, once, at the edge.
import { z } from 'zod';
import { Decimal, ParseError, parseDecimal, parseMoney, parsePercent } from '../money.js';
import { describeInput } from './problems.js';

type Parser = (input: string | number) => Decimal;

function decimalField(parse: Parser, check?: (value: Decimal) => string | undefined) {
  return z.union([z.string(), z.number()], { error: (issue) => (issue.input === undefined ? 'missing; expected text or a number' : `expected text or a number, not ${describeInput(issue.input)}`) }).transform((input, ctx) => {
    let value: Decimal;
    try {
      value = parse(input);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: error instanceof ParseError ? error.message : String(error) });
      return z.NEVER;
    }
    const problem = check?.(value);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: `${describeInput(String(input))} ${problem}` });
      return z.NEVER;
    }
    return value;
  });
}

const percentText = (value: Decimal) => `${value.times(100).toFixed()}%`;

/** A percent between `min` and `max` (fractions), e.g. targets 0%..100%. */
export function percent(min = new Decimal(0), max = new Decimal(1)) {
  return decimalField(parsePercent, (value) => {
    if (value.lt(0) && min.gte(0)) return `is negative; expected a percent between ${percentText(min)} and ${percentText(max)}`;
    if (value.lt(min) || value.gt(max)) return `is out of range; expected a percent between ${percentText(min)} and ${percentText(max)}`;
    return undefined;
  });
}

/** A non-negative amount of money in the reporting currency. */
export function money() {
  return decimalField(parseMoney, (value) => (value.lt(0) ? 'is negative; expected an amount of at least $0' : undefined));
}

/** A quantity or price written as a plain decimal; `positive` refuses zero too. */
export function quantity(opts: { positive?: boolean; what?: string } = {}) {
  const what = opts.what ?? 'quantity';
  return decimalField(
    (input) => parseDecimal(input, `a ${what} such as 0.5`),
    (value) => {
      if (opts.positive && value.lte(0)) return `is not positive; expected a ${what} above 0`;
      if (value.lt(0)) return `is negative; expected a ${what} of 0 or more`;
      return undefined;
    },
  );
}

/** A whole number within bounds, written as text or a number. */
const wrongKind = (expected: string) => (issue: { input?: unknown }) => (issue.input === undefined ? `missing; expected ${expected}` : `expected ${expected}, not ${describeInput(issue.input)}`);

export function integer(min: number, max: number) {
  return z.union([z.string(), z.number()], { error: wrongKind(`a whole number between ${min} and ${max}`) }).transform((input, ctx) => {
    const text = String(input).trim();
    if (!/^[+-]?\d+$/.test(text) || Number(text) < min || Number(text) > max) {
      ctx.addIssue({ code: 'custom', message: `${describeInput(text)} is not a whole number between ${min} and ${max}` });
      return z.NEVER;
    }
    return Number(text);
  });
}

/** A plain ratio such as a correlation coefficient (0.8), within bounds. */
export function ratio(min: number, max: number) {
  return decimalField(
    (input) => parseDecimal(input, `a number between ${min} and ${max}`),
    (value) => (value.lt(min) || value.gt(max) ? `is out of range; expected a number between ${min} and ${max}` : undefined),
  );
}

/** "30s", "15m", "4h", "2d" to milliseconds. */
export function duration() {
  return z.union([z.string(), z.number()], { error: wrongKind('a duration such as 30s, 15m, 4h or 1d') }).transform((input, ctx) => {
    const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$/.exec(String(input));
    if (!match?.[1] || !match[2]) {
      ctx.addIssue({ code: 'custom', message: `${describeInput(String(input))} is not a duration; expected e.g. 30s, 15m, 4h or 1d` });
      return z.NEVER;
    }
    const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
    return Math.round(Number(match[1]) * unit);
  });
}

export function boolean() {
  return z.union([z.boolean(), z.enum(['true', 'false'])], { error: (issue) => `${describeInput(issue.input)} is not true or false` })
    .transform((value) => value === true || value === 'true');
}

/** A closed set of words, with a message that lists them. */
export function oneOf<const T extends readonly [string, ...string[]]>(what: string, values: T) {
  return z.enum(values, {
    error: (issue) => (issue.input === undefined ? `missing: give a ${what}, one of ${values.join(', ')}` : `unknown ${what} ${describeInput(issue.input)}; expected one of ${values.join(', ')}`),
  });
}

const ASSET = /^[A-Za-z0-9][A-Za-z0-9._-]{0,23}$/;

/** An asset symbol, normalised to upper case ("btc" and "BTC" are the same asset). */
export function asset() {
  return z.string({ error: 'expected an asset symbol such as BTC' }).transform((value, ctx) => {
    if (!ASSET.test(value.trim())) {
      ctx.addIssue({ code: 'custom', message: `${describeInput(value)} is not an asset symbol; expected letters and digits such as BTC or SPY` });
      return z.NEVER;
    }
    return value.trim().toUpperCase();
  });
}

export function isAssetSymbol(value: string): boolean {
  return ASSET.test(value.trim());
}

/** An ISO 8601 date or date-time; a date alone means midnight UTC. */
export function instant() {
  return z.union([z.string(), z.date()], { error: wrongKind('a date such as 2025-03-14') }).transform((input, ctx) => {
    const text = input instanceof Date ? input.toISOString() : input.trim();
    const date = /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(text) ? new Date(text.length === 10 ? `${text}T00:00:00Z` : text) : undefined;
    if (!date || Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: 'custom', message: `${describeInput(text)} is not a date; expected ISO 8601 such as 2025-03-14 or 2025-03-14T09:30:00Z` });
      return z.NEVER;
    }
    return date;
  });
}

export function timezone() {
  return z.string({ error: wrongKind('an IANA timezone such as UTC') }).transform((value, ctx) => {
    if (!isTimeZone(value)) {
      ctx.addIssue({ code: 'custom', message: `unknown timezone ${describeInput(value)}; expected an IANA name such as America/New_York or UTC` });
      return z.NEVER;
    }
    return value;
  });
}

let canonicalZones: Set<string> | undefined;

export function isTimeZone(name: string): boolean {
  // The canonical list costs ~2 ms; building a DateTimeFormat loads ICU's zone data (~18 ms), so
  // it is only the fallback for aliases such as US/Eastern (and for names that are wrong).
  canonicalZones ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (canonicalZones.has(name)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return name.length > 0;
  } catch {
    return false;
  }
}
