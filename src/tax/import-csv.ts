// Trade history from a CSV into TaxTrades. Pure. All or nothing: every bad row is listed by its
// line number and the caller imports nothing unless the list is empty. Ids make imports
// idempotent: the `id` column when there is one, else a hash of the row's fields plus how many
// identical rows came before it (two identical fills in one file are two trades, and re-importing
// the same file gives the same ids). Nothing is guessed: a decimal comma, a price that does not
// match the total, a sell of more than is held, a trade in the future are refused with the line.
import { createHash } from 'node:crypto';
import { ZERO } from '../money.js';
import { number, priceTotalMismatch } from './csv-number.js';

export { priceTotalMismatch } from './csv-number.js';
import { csvRows, type CsvRow } from './csv-rows.js';
import { oversoldRows, unknownVenue, type HeldTrade } from './import-checks.js';
import type { AssetClass, TaxTrade } from './types.js';

export interface CsvImportOptions {
  /** For rows without a venue column (`--venue NAME`). */
  defaultVenue?: string | undefined;
  /** Where rows go when there is neither a venue column nor `defaultVenue` ('default'). */
  defaultAccount?: string | undefined;
  /** The reporting currency: a row in another currency is refused (no FX conversion here). */
  currency: string;
  /** The asset class of rows without `asset_class`. */
  defaultClass?: (asset: string, venue: string) => AssetClass;
  /** `--decimal-comma`: numbers are written 1.234,5; without it any decimal comma is refused. */
  decimalComma?: boolean | undefined;
  /** A trade dated after this is refused. */
  now?: Date | undefined;
  /** The config's venues: a row's venue (or `defaultVenue`) must be one of them. */
  knownVenues?: readonly string[] | undefined;
  /**
   * Trades already recorded (the ledger; [] for none). When given, no sell of the file may sell
   * more than these and the file's earlier trades hold; left out, holdings are not checked.
   */
  history?: readonly HeldTrade[] | undefined;
  /** Lots are kept per venue (DE, EU, US per-wallet): a sell draws only on its venue's holdings. */
  perVenue?: boolean | undefined;
}

export interface CsvProblem {
  line: number;
  message: string;
}

export interface CsvImport {
  trades: TaxTrade[];
  problems: CsvProblem[];
  /** Set when rows had no venue and went to this account (say so to the user). */
  defaultAccount?: string | undefined;
}

const REQUIRED = ['date', 'side', 'asset', 'quantity'] as const;
const KNOWN = new Set(['date', 'side', 'asset', 'quantity', 'price', 'total', 'fee', 'currency', 'venue', 'id', 'lot', 'asset_class']);
const CLASSES = new Set(['crypto', 'security', 'forex']);

export function parseTradesCsv(text: string, options: CsvImportOptions): CsvImport {
  const reader = tradeCsvReader(text, options);
  if (reader.refused) return { trades: [], problems: [reader.refused] };
  const problems: CsvProblem[] = [];
  const trades: TaxTrade[] = [];
  const lines: number[] = [];
  const seenIds = new Map<string, number>();
  const occurrences = new Map<string, number>();
  for (const read of reader.rows()) {
    if ('errors' in read) {
      problems.push(...read.errors.map((message) => ({ line: read.line, message })));
      continue;
    }
    const { trade, fields } = read;
    let id = trade.id;
    if (!id) {
      const count = (occurrences.get(fields) ?? 0) + 1;
      occurrences.set(fields, count);
      id = derivedId(fields, count);
    }
    const earlier = seenIds.get(id);
    if (earlier !== undefined) {
      problems.push(duplicateId(read.line, id, earlier));
      continue;
    }
    seenIds.set(id, read.line);
    trades.push({ ...trade, id });
    lines.push(read.line);
  }
  // Holdings are checked only over a file whose rows all read: a refused buy would make every later sell look short.
  if (problems.length === 0 && options.history) problems.push(...oversoldRows(trades, lines, options.history, options.perVenue ?? false));
  const account = reader.account;
  return { trades: problems.length > 0 ? [] : trades, problems, ...(account && trades.length > 0 ? { defaultAccount: account } : {}) };
}

/** A row read: its trade (id '' when the file has none: derive one from `fields`), or why it is refused. */
export type ReadRow = { line: number; trade: TaxTrade; fields: string } | { line: number; errors: string[] };

export interface TradeCsvReader {
  /** Set when the header is refused: the file as a whole. */
  refused?: CsvProblem | undefined;
  /** Where rows without a venue go when there is neither a venue column nor `defaultVenue`. */
  account?: string | undefined;
  /** The data rows in file order, read one at a time (blank rows skipped). */
  rows(): Generator<ReadRow>;
}

/** The streaming form of parseTradesCsv's reading: one row at a time, no ids checked, no holdings. */
export function tradeCsvReader(text: string, options: CsvImportOptions): TradeCsvReader {
  const rows = csvRows(text);
  const first = rows.next();
  const header = first.done ? [] : first.value.cells.map((cell) => cell.trim().toLowerCase());
  const refused = headerProblem(header, options);
  if (refused) return { refused: { line: 1, message: refused }, rows: function* () {} };
  const account = header.includes('venue') || options.defaultVenue ? undefined : (options.defaultAccount ?? 'default');
  const columns = new Map(header.map((name, index) => [name, index] as const));
  const rowOptions = { ...options, defaultVenue: options.defaultVenue ?? account };
  return {
    account,
    *rows() {
      for (const row of rows) {
        if (row.cells.every((cell) => cell.trim() === '')) continue;
        const read = readRow(columns, row.cells, rowOptions);
        yield 'errors' in read ? { line: row.line, errors: read.errors } : { line: row.line, trade: read.trade, fields: read.fields };
      }
    },
  };
}

/** The id of a row without one: its fields and how many identical rows came before it in the file. */
export function derivedId(fields: string, occurrence: number): string {
  return `csv-${createHash('sha256').update(`${fields}#${occurrence}`).digest('hex').slice(0, 16)}`;
}

export function duplicateId(line: number, id: string, earlier: number): CsvProblem {
  return { line, message: `id ${JSON.stringify(id)} is already used on line ${earlier}; ids must be unique` };
}

function headerProblem(header: readonly string[], options: CsvImportOptions): string | undefined {
  if (header.length === 0 || header.every((cell) => cell === '')) return 'the file is empty; expected a header row such as date,side,asset,quantity,price';
  const missing: string[] = REQUIRED.filter((name) => !header.includes(name));
  if (!header.includes('price') && !header.includes('total')) missing.push('price or total');
  const unknown = header.filter((name) => !KNOWN.has(name));
  if (missing.length > 0 || unknown.length > 0) {
    const parts = [
      missing.length > 0 ? `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` : '',
      unknown.length > 0 ? `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}` : '',
    ].filter(Boolean);
    return `header: ${parts.join('; ')}; expected date, side, asset, quantity, price or total, and optionally fee, currency, venue, id, lot, asset_class`;
  }
  if (options.defaultVenue && options.knownVenues) {
    const why = unknownVenue(options.defaultVenue, options.knownVenues);
    if (why) return `--venue: ${why}`;
  }
  return undefined;
}

type Row = { trade: TaxTrade; fields: string } | { errors: string[] };

/** One data row: the trade (id '' when the file has none) and the fields its derived id hashes ('' when the file has ids). */
function readRow(columns: ReadonlyMap<string, number>, cells: readonly string[], options: CsvImportOptions): Row {
  const get = (name: string) => {
    const index = columns.get(name);
    return index === undefined ? '' : (cells[index] ?? '').trim();
  };
  const errors: string[] = [];
  const num = (name: string, positive: boolean) => number(get(name), name, (columns.get(name) ?? -1) + 1, errors, positive, options.decimalComma ?? false);
  const date = parseDate(get('date'));
  if (!date) errors.push(`date ${JSON.stringify(get('date'))} is not an ISO date or date-time with an offset (2025-03-14, 2025-03-14T09:30:00Z, 2025-03-14T10:30:00+01:00)`);
  else if (options.now && date > options.now) errors.push(`date ${get('date')} is in the future (now is ${options.now.toISOString()}); only trades that have happened can be imported`);
  const side = get('side').toLowerCase();
  if (side !== 'buy' && side !== 'sell') errors.push(`side ${JSON.stringify(get('side'))} is not buy or sell`);
  const asset = get('asset').toUpperCase();
  if (!/^[A-Z0-9][A-Z0-9._-]{0,23}$/.test(asset)) errors.push(`asset ${JSON.stringify(get('asset'))} is not an asset symbol`);
  const quantity = num('quantity', true);
  const price = get('price') ? num('price', false) : undefined;
  const total = get('total') ? num('total', false) : undefined;
  if (!get('price') && !get('total')) errors.push('price or total is empty');
  const fee = get('fee') ? num('fee', false) : { value: ZERO, places: 0 };
  if (quantity && price && total && fee) {
    const mismatch = priceTotalMismatch(quantity, price, total, fee.value);
    if (mismatch) errors.push(mismatch);
  }
  const currency = get('currency').toUpperCase();
  if (currency && currency !== options.currency) errors.push(`currency ${currency} is not the reporting currency ${options.currency}; convert the amounts first`);
  const venue = get('venue') || options.defaultVenue || '';
  if (!venue) errors.push('venue is empty and no --venue NAME was given');
  else if (get('venue') && options.knownVenues) {
    const why = unknownVenue(venue, options.knownVenues);
    if (why) errors.push(why);
  }
  const classText = get('asset_class').toLowerCase();
  if (classText && !CLASSES.has(classText)) errors.push(`asset_class ${JSON.stringify(get('asset_class'))} is not crypto, security or forex`);
  const lot = get('lot');
  if (lot && side === 'buy') errors.push('lot names the lot a sell disposes of; it cannot be set on a buy');
  if (errors.length > 0 || !date || !quantity || !fee || !(total ?? price)) return { errors };
  const amount = total ? total.value : price!.value.times(quantity.value);
  const assetClass = (classText || options.defaultClass?.(asset, venue) || 'crypto') as AssetClass;
  const id = get('id');
  // Only a row without an id needs its fields spelled out (to hash them).
  const fields = id ? '' : [date.toISOString(), side, asset, quantity.value.toFixed(), amount.toFixed(), fee.value.toFixed(), venue, lot].join('|');
  const trade = { id, date, side: side as 'buy' | 'sell', asset, assetClass, quantity: quantity.value, total: amount, fee: fee.value, venue, ...(lot ? { lotRef: lot } : {}) };
  return { trade, fields };
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDate(text: string): Date | undefined {
  const day = text.slice(0, 10);
  const ymd = DATE_ONLY.exec(text);
  if (ymd) {
    // The common case, without formatting the date back to compare: a day that does not exist
    // (2025-02-30, month 13) is refused, not rolled over.
    const [year, month, date] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
    if (month < 1 || month > 12 || date < 1 || date > new Date(Date.UTC(2000, month, 0)).getUTCDate() || (month === 2 && date === 29 && !leap(year))) return undefined;
    const at = new Date(0);
    at.setUTCFullYear(year, month - 1, date);
    return at;
  }
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) return undefined;
  // A calendar date that does not exist (2025-02-30, month 13) is refused, not rolled over.
  const calendar = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(calendar.getTime()) || calendar.toISOString().slice(0, 10) !== day) return undefined;
  const date = new Date(text.replace(' ', 'T'));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function leap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Every row of `text` (csv-rows.ts reads them one at a time). */
export function splitCsv(text: string): CsvRow[] {
  return [...csvRows(text)];
}
