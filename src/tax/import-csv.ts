// Trade history from a CSV into TaxTrades. Pure. All or nothing: every bad row is listed by its
// line number and the caller imports nothing unless the list is empty. Ids make imports
// idempotent: the `id` column when there is one, else a hash of the row's fields plus how many
// identical rows came before it (two identical fills in one file are two trades, and re-importing
// the same file gives the same ids).
import { createHash } from 'node:crypto';
import { Decimal, parseDecimal } from '../money.js';
import type { AssetClass, TaxTrade } from './types.js';

export interface CsvImportOptions {
  /** For rows without a venue column (`--venue NAME`). */
  defaultVenue?: string | undefined;
  /** The reporting currency: a row in another currency is refused (no FX conversion here). */
  currency: string;
  /** The asset class of rows without `asset_class`. */
  defaultClass?: (asset: string, venue: string) => AssetClass;
}

export interface CsvProblem {
  line: number;
  message: string;
}

export interface CsvImport {
  trades: TaxTrade[];
  problems: CsvProblem[];
}

const REQUIRED = ['date', 'side', 'asset', 'quantity'] as const;
const KNOWN = new Set(['date', 'side', 'asset', 'quantity', 'price', 'total', 'fee', 'currency', 'venue', 'id', 'lot', 'asset_class']);
const CLASSES = new Set(['crypto', 'security', 'forex']);

export function parseTradesCsv(text: string, options: CsvImportOptions): CsvImport {
  const rows = splitCsv(text);
  const problems: CsvProblem[] = [];
  const header = rows[0]?.cells.map((cell) => cell.trim().toLowerCase()) ?? [];
  if (header.length === 0 || header.every((cell) => cell === '')) return { trades: [], problems: [{ line: 1, message: 'the file is empty; expected a header row such as date,side,asset,quantity,price' }] };
  const missing = REQUIRED.filter((name) => !header.includes(name));
  if (!header.includes('price') && !header.includes('total')) missing.push('price or total' as never);
  const unknown = header.filter((name) => !KNOWN.has(name));
  if (missing.length > 0 || unknown.length > 0) {
    const parts = [
      missing.length > 0 ? `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` : '',
      unknown.length > 0 ? `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}` : '',
    ].filter(Boolean);
    return { trades: [], problems: [{ line: 1, message: `header: ${parts.join('; ')}; expected date, side, asset, quantity, price or total, and optionally fee, currency, venue, id, lot, asset_class` }] };
  }
  if (!header.includes('venue') && !options.defaultVenue) {
    return { trades: [], problems: [{ line: 1, message: 'no venue column and no --venue NAME: say which venue (wallet, account) the trades belong to' }] };
  }

  const trades: TaxTrade[] = [];
  const seenIds = new Map<string, number>();
  const occurrences = new Map<string, number>();
  for (const row of rows.slice(1)) {
    if (row.cells.every((cell) => cell.trim() === '')) continue;
    const get = (name: string) => {
      const index = header.indexOf(name);
      return index < 0 ? '' : (row.cells[index] ?? '').trim();
    };
    const errors: string[] = [];
    const date = parseDate(get('date'));
    if (!date) errors.push(`date ${JSON.stringify(get('date'))} is not an ISO date or date-time with an offset (2025-03-14, 2025-03-14T09:30:00Z, 2025-03-14T10:30:00+01:00)`);
    const side = get('side').toLowerCase();
    if (side !== 'buy' && side !== 'sell') errors.push(`side ${JSON.stringify(get('side'))} is not buy or sell`);
    const asset = get('asset').toUpperCase();
    if (!/^[A-Z0-9][A-Z0-9._-]{0,23}$/.test(asset)) errors.push(`asset ${JSON.stringify(get('asset'))} is not an asset symbol`);
    const quantity = number(get('quantity'), 'quantity', errors, true);
    const priceText = get('price');
    const totalText = get('total');
    let total: Decimal | undefined;
    if (totalText) total = number(totalText, 'total', errors, false);
    else if (priceText) {
      const price = number(priceText, 'price', errors, false);
      if (price && quantity) total = price.times(quantity);
    } else errors.push('price or total is empty');
    const fee = get('fee') ? number(get('fee'), 'fee', errors, false) : new Decimal(0);
    const currency = get('currency').toUpperCase();
    if (currency && currency !== options.currency) errors.push(`currency ${currency} is not the reporting currency ${options.currency}; convert the amounts first`);
    const venue = get('venue') || options.defaultVenue || '';
    if (!venue) errors.push('venue is empty and no --venue NAME was given');
    const classText = get('asset_class').toLowerCase();
    if (classText && !CLASSES.has(classText)) errors.push(`asset_class ${JSON.stringify(get('asset_class'))} is not crypto, security or forex`);
    const lot = get('lot');
    if (lot && side === 'buy') errors.push('lot names the lot a sell disposes of; it cannot be set on a buy');
    if (errors.length > 0) {
      problems.push(...errors.map((message) => ({ line: row.line, message })));
      continue;
    }
    const assetClass = (classText || options.defaultClass?.(asset, venue) || 'crypto') as AssetClass;
    const fields = [date!.toISOString(), side, asset, quantity!.toFixed(), total!.toFixed(), fee!.toFixed(), venue, lot].join('|');
    let id = get('id');
    if (!id) {
      const count = (occurrences.get(fields) ?? 0) + 1;
      occurrences.set(fields, count);
      id = `csv-${createHash('sha256').update(`${fields}#${count}`).digest('hex').slice(0, 16)}`;
    }
    const earlier = seenIds.get(id);
    if (earlier !== undefined) {
      problems.push({ line: row.line, message: `id ${JSON.stringify(id)} is already used on line ${earlier}; ids must be unique` });
      continue;
    }
    seenIds.set(id, row.line);
    trades.push({ id, date: date!, side: side as 'buy' | 'sell', asset, assetClass, quantity: quantity!, total: total!, fee: fee!, venue, ...(lot ? { lotRef: lot } : {}) });
  }
  return { trades: problems.length > 0 ? [] : trades, problems };
}

function number(text: string, what: string, errors: string[], positive: boolean): Decimal | undefined {
  try {
    const value = parseDecimal(text.replace(/,/g, ''));
    if (positive ? value.lte(0) : value.lt(0)) {
      errors.push(`${what} ${text} must be ${positive ? 'above 0' : '0 or more'}`);
      return undefined;
    }
    return value;
  } catch {
    errors.push(`${what} ${JSON.stringify(text)} is not a number`);
    return undefined;
  }
}

function parseDate(text: string): Date | undefined {
  const day = text.slice(0, 10);
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  if (!dateOnly && !/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) return undefined;
  // A calendar date that does not exist (2025-02-30, month 13) is refused, not rolled over.
  const calendar = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(calendar.getTime()) || calendar.toISOString().slice(0, 10) !== day) return undefined;
  const date = dateOnly ? calendar : new Date(text.replace(' ', 'T'));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** RFC 4180-ish: commas, double quotes ("" inside quotes), CRLF or LF; keeps each row's first line number. */
export function splitCsv(text: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      line++;
      rowLine = line;
    } else cell += ch;
  }
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    rows.push({ line: rowLine, cells });
  }
  return rows;
}
