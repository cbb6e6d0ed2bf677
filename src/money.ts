// The one Decimal configuration of the project, and the parsers for how people write money and
// percentages in config and on the command line ("5%", "$100", "$10k", "0.5%").
// 40 significant digits hold an 18-decimal token amount times a six-figure price without loss;
// the default rounding is half-even so that reports do not drift upward. Every other rounding
// is a named helper below; nothing calls the global Decimal.set.
import { Decimal as DecimalJs } from 'decimal.js';

export const Decimal = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -40,
  toExpPos: 40,
});
export type Decimal = DecimalJs;

export const ZERO = new Decimal(0);
export const ONE = new Decimal(1);
export const HUNDRED = new Decimal(100);

const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Thrown by the parsers; `expected` says what would have been accepted. */
export class ParseError extends Error {
  constructor(
    readonly input: string,
    readonly expected: string,
    readonly reason?: string,
  ) {
    super(`${JSON.stringify(input)} ${reason ?? 'is not valid'}; expected ${expected}`);
    this.name = 'ParseError';
  }
}

/** A plain decimal number written as text (or a JS number at the edge) to a Decimal. */
export function parseDecimal(input: string | number, expected = 'a decimal number such as 0.5'): Decimal {
  const text = typeof input === 'number' ? numberText(input) : input.trim().replace(/_/g, '');
  if (!PLAIN_NUMBER.test(text)) throw new ParseError(String(input), expected, 'is not a number');
  return new Decimal(text);
}

/**
 * "5%", "0.5 %", "-2%" to the fraction it denotes (0.05, 0.005, -0.02). A bare number is refused:
 * "5" could mean 5% or 500%, and a rebalancer must not guess.
 */
export function parsePercent(input: string | number): Decimal {
  const expected = 'a percent such as 5% or 0.5%';
  if (typeof input === 'number') {
    throw new ParseError(String(input), expected, 'has no % sign');
  }
  const match = /^\s*([+-]?[\d.]+)\s*%\s*$/.exec(input);
  if (!match?.[1] || !PLAIN_NUMBER.test(match[1])) {
    throw new ParseError(input, expected, input.trim().length > 0 && !input.includes('%') ? 'has no % sign' : 'is not a percent');
  }
  return new Decimal(match[1]).div(HUNDRED);
}

const SUFFIX: Record<string, number> = { k: 3, m: 6, b: 9 };

/**
 * An amount of money in the reporting currency: "$100", "$10k", "1,500.50", "$1.5m", 100.
 * A currency sign ($, €, £) is optional; thousands separators must be commas between groups of three.
 */
export function parseMoney(input: string | number): Decimal {
  const expected = 'an amount such as $100, $10k or 2500.50';
  if (typeof input === 'number') return parseDecimal(input, expected);
  const match = /^\s*([+-]?)\s*[$€£]?\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)\s*([kKmMbB]?)\s*$/.exec(input);
  if (!match) throw new ParseError(input, expected, 'is not an amount of money');
  const [, sign = '', digits = '', suffix = ''] = match;
  const value = new Decimal(sign + digits.replace(/,/g, ''));
  return suffix ? value.times(new Decimal(10).pow(SUFFIX[suffix.toLowerCase()] ?? 0)) : value;
}

/** Shortest decimal text of a JS number (what the user typed, for numbers that came through JSON). */
function numberText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return new DecimalJs(value).toFixed();
}

// ---- rounding, each a named step ----

/** Largest multiple of `step` not above `quantity` (order amounts: never round up past what is held). */
export function floorToStep(quantity: Decimal, step: Decimal): Decimal {
  if (step.lte(0)) return quantity;
  return quantity.div(step).floor().times(step);
}

/** Smallest multiple of `step` not below `value` (a buy's limit price: never under the intended limit). */
export function ceilToStep(value: Decimal, step: Decimal): Decimal {
  if (step.lte(0)) return value;
  return value.div(step).ceil().times(step);
}

/** Nearest multiple of `step`, ties to even (limit prices on a price grid). */
export function roundToStep(value: Decimal, step: Decimal): Decimal {
  if (step.lte(0)) return value;
  return value.div(step).toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN).times(step);
}

/** Half-even rounding to `places` decimals, for reports. */
export function roundHalfEven(value: Decimal, places: number): Decimal {
  return value.toDecimalPlaces(places, Decimal.ROUND_HALF_EVEN);
}

/** A fraction (0.452) as percentage points (45.2), rounded half-even to `places`. */
export function toPercentPoints(fraction: Decimal, places: number): Decimal {
  return roundHalfEven(fraction.times(HUNDRED), places);
}

export function sum(values: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const value of values) total = total.plus(value);
  return total;
}

export function isDecimal(value: unknown): value is Decimal {
  return DecimalJs.isDecimal(value);
}
