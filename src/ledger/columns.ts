// How values cross into and out of SQLite: Decimals as exact plain text (never REAL), dates as
// ISO 8601 UTC text, asset maps as JSON objects of decimal text. Every table module uses these.
import { InvariantError } from '../errors.js';
import { Decimal } from '../money.js';

export function decimalText(value: Decimal, what: string): string {
  if (!value.isFinite()) throw new InvariantError(`Cannot store ${what} = ${value.toString()} in the ledger; expected a finite decimal.`);
  return value.toFixed();
}

export function readDecimal(text: string): Decimal {
  return new Decimal(text);
}

export function dateText(date: Date): string {
  return date.toISOString();
}

export function readDate(text: string): Date {
  return new Date(text);
}

export function assetMapJson(map: ReadonlyMap<string, Decimal>, what: string): string {
  return JSON.stringify(Object.fromEntries([...map].map(([asset, value]) => [asset, decimalText(value, `${what} ${asset}`)])));
}

export function readAssetMapJson(json: string): Map<string, Decimal> {
  const parsed: unknown = JSON.parse(json);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InvariantError(`Expected a JSON object of asset amounts in the ledger, found ${json}.`);
  }
  return new Map(Object.entries(parsed).map(([asset, value]) => [asset, new Decimal(String(value))]));
}

/** SQL NULL for an absent optional field, and back. */
export function nullable<T, R>(value: T | undefined, convert: (value: T) => R): R | null {
  return value === undefined ? null : convert(value);
}

export function optional<T, R>(value: T | null, convert: (value: T) => R): R | undefined {
  return value === null ? undefined : convert(value);
}
