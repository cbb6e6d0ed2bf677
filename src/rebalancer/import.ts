// `portfolio import`: trade history from a CSV into the ledger, all or nothing. Every bad row is
// returned by line and nothing is written; the same file imported again changes nothing (ids).
// The file is checked against the config (venues, currency), the clock (no future trades) and the
// history already recorded (no sell of more than is held, per venue where the jurisdiction keeps
// lots per venue), so a later tax report can match every sale.
import { Decimal } from '../money.js';
import type { TradeImport, TradeRecord } from '../ports.js';
import { lineCount } from '../tax/csv-rows.js';
import { HoldingsCheck } from '../tax/import-checks.js';
import { derivedId, duplicateId, tradeCsvReader, type CsvProblem, type ReadRow } from '../tax/import-csv.js';
import { lotsPerVenue } from '../tax/rulebook.js';
import type { TaxTrade } from '../tax/types.js';
import type { Session } from './session.js';
import { seedConfigLots } from './tax-state.js';

export interface ImportOptions {
  /** The venue (wallet, account) of rows without a venue column. */
  defaultVenue?: string | undefined;
  /** `--decimal-comma`: numbers are written 1.234,5 (without it a decimal comma is refused). */
  decimalComma?: boolean | undefined;
  /** Asked with the number of rows before recording, so a caller can offer progress on big files. */
  progressFor?: ((rows: number) => ((done: number, total: number) => void) | undefined) | undefined;
}

export type ImportResult =
  | { problems: CsvProblem[] }
  | {
      problems: [];
      inserted: number;
      skipped: number;
      assets: number;
      /** Set when rows had no venue and went to this account. */
      defaultAccount?: string | undefined;
    };

/** Thrown inside the import's transaction to keep nothing; carries what was found. */
class Refused extends Error {
  constructor(readonly problems: CsvProblem[]) {
    super('import refused');
  }
}

/**
 * A run's first step: a session that has already read the history does not see the new trades.
 * One pass reads, checks and records the rows inside one transaction; a second walks the whole
 * history (recorded and new, in replay order) for sells of more than is held. Any problem rolls
 * the transaction back, so nothing is kept, and every problem is still listed.
 */
export function importTrades(session: Session, text: string, options: ImportOptions = {}): ImportResult {
  const { config, ledger, clock } = session.deps;
  const kinds = new Map(Object.entries(config.venues).map(([id, venue]) => [id, venue.kind]));
  // The config's seed lots are part of the history the sells are checked against.
  seedConfigLots(session.deps);
  const reader = tradeCsvReader(text, {
    currency: config.currency,
    defaultVenue: options.defaultVenue,
    decimalComma: options.decimalComma,
    now: clock.now(),
    knownVenues: Object.keys(config.venues),
    // An MT5 or IBKR account holds securities; anything else defaults to crypto.
    defaultClass: (_asset, venue) => (kinds.get(venue) === 'mt5' || kinds.get(venue) === 'ibkr' ? 'security' : 'crypto'),
  });
  if (reader.refused) return { problems: [reader.refused] };
  const rows = Math.max(0, lineCount(text) - 1);
  const progress = options.progressFor?.(rows);
  try {
    return ledger.transaction(() => {
      const recording = ledger.startImport();
      const read = recordRows(recording, reader.rows(), config.currency, progress, rows);
      if (read.problems.length > 0) throw new Refused(read.problems);
      const oversold = checkHoldings(recording, read.lines, seedTrades(ledger), lotsPerVenue(config.tax.jurisdiction, config.tax.per_venue_lots));
      if (oversold.length > 0) throw new Refused(oversold);
      progress?.(rows, rows);
      const account = reader.account && read.count > 0 ? { defaultAccount: reader.account } : {};
      return { problems: [] as [], inserted: recording.added, skipped: read.count - recording.added, assets: read.assets.size, ...account };
    });
  } catch (error) {
    if (error instanceof Refused) return { problems: error.problems };
    throw error;
  }
}

interface Recorded {
  problems: CsvProblem[];
  /** By the order the import added them: each trade's line in the file. */
  lines: Int32Array;
  /** Rows read and accepted (added, or already in the ledger). */
  count: number;
  assets: Set<string>;
}

/** Reads each row and records it; a row's problems are collected and the rest still read (and rolled back later). */
function recordRows(recording: TradeImport, rows: Iterable<ReadRow>, currency: string, progress: ((done: number, total: number) => void) | undefined, total: number): Recorded {
  const problems: CsvProblem[] = [];
  let lines: Int32Array = new Int32Array(1024);
  const assets = new Set<string>();
  // Ids of this file found already recorded before it, with their line: a second use is still a duplicate.
  const before = new Map<string, number>();
  const occurrences = new Map<string, number>();
  let count = 0;
  let done = 0;
  for (const read of rows) {
    if (progress && done++ % 5_000 === 0) progress(done - 1, total);
    if ('errors' in read) {
      problems.push(...read.errors.map((message) => ({ line: read.line, message })));
      continue;
    }
    const { trade, fields, line } = read;
    // A row without an id is named after its fields and how many identical rows came before it.
    let id = trade.id;
    if (!id) {
      const occurrence = (occurrences.get(fields) ?? 0) + 1;
      occurrences.set(fields, occurrence);
      id = derivedId(fields, occurrence);
    }
    const earlier = before.get(id);
    if (earlier !== undefined) {
      problems.push(duplicateId(line, id, earlier));
      continue;
    }
    const outcome = recording.add(toRecord({ ...trade, id }, currency));
    if (!outcome.added && outcome.by !== 'ledger') {
      problems.push(duplicateId(line, id, lines[outcome.by]!));
      continue;
    }
    if (outcome.added) {
      if (recording.added > lines.length) lines = grow(lines);
      lines[recording.added - 1] = line;
    } else before.set(id, line);
    assets.add(trade.asset);
    count++;
  }
  return { problems, lines, count, assets };
}

function grow(lines: Int32Array): Int32Array {
  const larger = new Int32Array(lines.length * 2);
  larger.set(lines);
  return larger;
}

function toRecord(trade: TaxTrade, currency: string): TradeRecord {
  return {
    id: trade.id,
    source: 'import',
    venue: trade.venue,
    executedAt: trade.date,
    side: trade.side,
    asset: trade.asset,
    assetClass: trade.assetClass,
    quantity: trade.quantity,
    price: trade.total.div(trade.quantity),
    total: trade.total,
    fee: trade.fee,
    currency,
    lotRef: trade.lotRef,
  };
}

/** The config's seed lots as buys, in date order: recorded before any trade at the same instant. */
function seedTrades(ledger: Session['deps']['ledger']): { executedAt: string; asset: string; venue: string; quantity: Decimal }[] {
  return ledger
    .openLots()
    .filter((lot) => lot.sourceTradeId?.startsWith('seed:'))
    .map((lot) => ({ executedAt: lot.acquiredAt.toISOString(), asset: lot.asset, venue: lot.venue, quantity: lot.quantity }))
    .sort((a, b) => (a.executedAt < b.executedAt ? -1 : a.executedAt > b.executedAt ? 1 : 0));
}

/**
 * No sell of the file may sell more than the history holds just before it (per venue where lots
 * are kept per venue): the recorded trades, the seed lots and the file's rows, in replay order.
 */
function checkHoldings(recording: TradeImport, lines: Int32Array, seeds: ReturnType<typeof seedTrades>, perVenue: boolean): CsvProblem[] {
  const check = new HoldingsCheck(perVenue);
  let next = 0;
  for (const row of recording.history()) {
    for (; next < seeds.length && seeds[next]!.executedAt <= row.executedAt; next++) {
      const seed = seeds[next]!;
      check.add('buy', seed.asset, seed.venue, seed.quantity, () => seed.executedAt, 0);
    }
    check.add(row.side, row.asset, row.venue, new Decimal(row.quantity), () => row.executedAt, row.imported === undefined ? 0 : lines[row.imported]!);
  }
  for (const seed of seeds.slice(next)) check.add('buy', seed.asset, seed.venue, seed.quantity, () => seed.executedAt, 0);
  return check.problems();
}
