// `portfolio import`: trade history from a CSV into the ledger, all or nothing. Every bad row is
// returned by line and nothing is written; the same file imported again changes nothing (ids).
// The file is checked against the config (venues, currency), the clock (no future trades) and the
// history already recorded (no sell of more than is held, per venue where the jurisdiction keeps
// lots per venue), so a later tax report can match every sale.
import type { TradeRecord } from '../ports.js';
import { parseTradesCsv, type CsvProblem } from '../tax/import-csv.js';
import { lotsPerVenue } from '../tax/rulebook.js';
import type { Session } from './session.js';
import { ledgerTaxTrades, seedConfigLots } from './tax-state.js';

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

/** A run's first step: a session that has already read the history does not see the new trades. */
export function importTrades(session: Session, text: string, options: ImportOptions = {}): ImportResult {
  const { config, ledger, clock } = session.deps;
  const kinds = new Map(Object.entries(config.venues).map(([id, venue]) => [id, venue.kind]));
  const parsed = parseTradesCsv(text, {
    currency: config.currency,
    defaultVenue: options.defaultVenue,
    decimalComma: options.decimalComma,
    now: clock.now(),
    knownVenues: Object.keys(config.venues),
    history: recordedHistory(session),
    perVenue: lotsPerVenue(config.tax.jurisdiction, config.tax.per_venue_lots),
    // An MT5 or IBKR account holds securities; anything else defaults to crypto.
    defaultClass: (_asset, venue) => (kinds.get(venue) === 'mt5' || kinds.get(venue) === 'ibkr' ? 'security' : 'crypto'),
  });
  if (parsed.problems.length > 0) return { problems: parsed.problems };
  const records: TradeRecord[] = parsed.trades.map((trade) => ({
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
    currency: config.currency,
    lotRef: trade.lotRef,
  }));
  const { inserted, skipped } = ledger.recordTrades(records, options.progressFor?.(records.length));
  const assets = new Set(parsed.trades.map((t) => t.asset)).size;
  return { problems: [], inserted, skipped, assets, ...(parsed.defaultAccount ? { defaultAccount: parsed.defaultAccount } : {}) };
}

/**
 * What the ledger holds before the file: the same trades a tax report replays (config seed lots
 * included), read directly rather than through the session's memo, which must not keep the
 * history from before this import.
 */
function recordedHistory(session: Session) {
  seedConfigLots(session.deps);
  return ledgerTaxTrades(session.deps.ledger).map(({ id, date, side, asset, venue, quantity }) => ({ id, date, side, asset, venue, quantity }));
}
