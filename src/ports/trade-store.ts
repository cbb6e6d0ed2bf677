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

export interface TradeStore {
  /** Inserts trades in one transaction; ids already present are skipped (imports are idempotent). */
  recordTrades(trades: readonly TradeRecord[], onProgress?: (done: number, total: number) => void): { inserted: number; skipped: number };
  /** In execution order; `from` is inclusive, `to` exclusive. */
  trades(filter?: { asset?: string; from?: Date; to?: Date }): TradeRecord[];
}
