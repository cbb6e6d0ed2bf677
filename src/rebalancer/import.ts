// `portfolio import`: trade history from a CSV into the ledger, all or nothing. Every bad row is
// returned by line and nothing is written; the same file imported again changes nothing (ids).
import type { TradeRecord } from '../ports.js';
import { parseTradesCsv, type CsvProblem } from '../tax/import-csv.js';
import type { Session } from './session.js';

export interface ImportOptions {
  /** The venue (wallet, account) of rows without a venue column. */
  defaultVenue?: string | undefined;
  /** Asked with the number of rows before recording, so a caller can offer progress on big files. */
  progressFor?: ((rows: number) => ((done: number, total: number) => void) | undefined) | undefined;
}

export type ImportResult = { problems: CsvProblem[] } | { problems: []; inserted: number; skipped: number; assets: number };

/** A run's first step: a session that has already read the history does not see the new trades. */
export function importTrades(session: Session, text: string, options: ImportOptions = {}): ImportResult {
  const { config, ledger } = session.deps;
  const kinds = new Map(Object.entries(config.venues).map(([id, venue]) => [id, venue.kind]));
  const parsed = parseTradesCsv(text, {
    currency: config.currency,
    defaultVenue: options.defaultVenue,
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
  return { problems: [], inserted, skipped, assets: new Set(parsed.trades.map((t) => t.asset)).size };
}
