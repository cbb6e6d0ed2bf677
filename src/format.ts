// How numbers look to a person: percentages with one decimal, money with thousands separators,
// quantities without trailing zeros. All rounding here is half-even and for display only.
import { Decimal, roundHalfEven, toPercentPoints } from './money.js';

const SYMBOLS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£' };

/** 0.452 -> "45.2%" */
export function formatPercent(fraction: Decimal, places = 1): string {
  return `${clean(toPercentPoints(fraction, places).toFixed(places))}%`;
}

/** 0.052 -> "+5.2%", -0.029 -> "-2.9%", 0 -> "0.0%" */
export function formatSignedPercent(fraction: Decimal, places = 1): string {
  const text = formatPercent(fraction, places);
  return toPercentPoints(fraction, places).gt(0) ? `+${text}` : text;
}

/** 99820 in USD -> "$99,820.00", in EUR "€99,820.00", in CHF "99,820.00 CHF"; `places` 0 gives "$1,182". The currency is required: a EUR portfolio must never read "$". */
export function formatMoney(value: Decimal, currency: string, places = 2): string {
  const rounded = roundHalfEven(value, places);
  const [whole = '0', fraction] = rounded.abs().toFixed(places).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = rounded.isNegative() && !rounded.isZero() ? '-' : '';
  const body = fraction ? `${grouped}.${fraction}` : grouped;
  const symbol = SYMBOLS[currency];
  return symbol ? `${sign}${symbol}${body}` : `${sign}${body} ${currency}`;
}

/** Exact, without trailing zeros: 0.46 -> "0.46", 16.050 -> "16.05". */
export function formatQuantity(quantity: Decimal): string {
  return quantity.toFixed();
}

/** "-0.0" is "0.0". */
function clean(text: string): string {
  return /^-0(\.0+)?$/.test(text) ? text.slice(1) : text;
}

export function formatInstant(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
