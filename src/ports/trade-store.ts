// Executed trades, from imports, rebalances and paper fills: the history the tax state replays.
import type { Decimal } from '../money.js';
import type { AssetClass } from './lot-store.js';
import type { OrderSide } from './orders.js';

export interface TradeRecord {
  id: string;
  source: 'import' | 'rebalance' | 'paper';
  venue: string;
  executedAt: Date;
  side: OrderSide;
  asset: string;
  assetClass: AssetClass;
  quantity: Decimal;
  price: Decimal;
  /** quantity x price exactly as recorded (an import's `total`); derived from them when absent. */
  total?: Decimal | undefined;
  fee: Decimal;
  currency: string;
  /** For a sell: the lot it disposes of (specific identification). */
  lotRef?: string | undefined;
  rebalanceId?: string | undefined;
}

/** A trade as the holdings check of an import reads it: amounts as the ledger's exact text. */
export interface HeldRow {
  /** Set for a trade this import added: the order it was added in (0-based). */
  imported: number | undefined;
  /** ISO 8601 UTC. */
  executedAt: string;
  side: OrderSide;
  asset: string;
  venue: string;
  quantity: string;
}

/**
 * A long import recorded one trade at a time, so no array of every row is held. Start it inside
 * `transaction` (ledger.ts): a caller that finds a problem throws, and nothing is kept.
 */
export interface TradeImport {
  /** Inserts the trade, or says whose its id is: the `by`-th trade this import added, or one recorded before ('ledger'). */
  add(trade: TradeRecord): { added: true } | { added: false; by: number | 'ledger' };
  /** How many trades this import has added. */
  readonly added: number;
  /** Every recorded trade, this import's included, in replay order (execution time, then as recorded). */
  history(): Iterable<HeldRow>;
}

/** A recorded trade as the tax engine replays it (the shape of tax/types.ts's TaxTrade). */
export interface HistoryTrade {
  id: string;
  date: Date;
  side: OrderSide;
  asset: string;
  assetClass: AssetClass;
  quantity: Decimal;
  /** quantity x price as recorded, fees excluded. */
  total: Decimal;
  fee: Decimal;
  venue: string;
  lotRef?: string | undefined;
}

/** Which history is recorded: trades are only ever added, never deleted, so the last rowid moves with every addition. */
export interface TradeMark {
  lastId: number;
}

/** A tax replay's result as saved, with what it was built from. `state` is the tax state's own encoding. */
export interface TaxCheckpoint {
  /** The settings (and seed lots) it was built under. */
  key: string;
  mark: TradeMark;
  /** The instant it is as of: trades after it were not replayed. */
  asOf: Date;
  state: string;
}

export interface TradeStore {
  /** Inserts trades in one transaction; ids already present are skipped (imports are idempotent). */
  recordTrades(trades: readonly TradeRecord[], onProgress?: (done: number, total: number) => void): { inserted: number; skipped: number };
  /** Starts a streamed import; call it inside `transaction` and finish before it returns. */
  startImport(): TradeImport;
  /**
   * Every trade in replay order (execution time, then as recorded), read one at a time: no row
   * objects or TradeRecords for a million trades, and equal dates, fees and names shared.
   */
  tradeHistory(): Iterable<HistoryTrade>;
  tradeMark(): TradeMark;
  /** How many trades were executed after `after` and at or before `upTo`. */
  tradesBetween(after: Date, upTo: Date): number;
  /** The saved tax checkpoint for these settings, if any. */
  taxCheckpoint(key: string): TaxCheckpoint | undefined;
  /** Saves it in place of any other; `now` is when. */
  saveTaxCheckpoint(checkpoint: TaxCheckpoint, now: Date): void;
  /** In execution order; `from` is inclusive, `to` exclusive. */
  trades(filter?: { asset?: string; from?: Date; to?: Date }): TradeRecord[];
}
