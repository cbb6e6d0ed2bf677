// The ports between the pure core and the world (design.md, "Contracts"). Adapters implement
// Venue; the ledger implements Ledger; the host supplies Clock, Notifier, OrderRouter and TaxSink.
// Amounts are Decimal throughout; times are Date in UTC.
import type { Decimal } from './money.js';
import type { VenueConfig, VenueKind } from './config.js';

export type { VenueKind };

// ---------------------------------------------------------------- venues

/** What a venue can do, like ccxt's `has`. Wallets and cold storage have every flag false. */
export interface VenueCapabilities {
  trade: boolean;
  limitOrders: boolean;
  marketOrders: boolean;
  withdraw: boolean;
  priceHistory: boolean;
}

export interface Balance {
  asset: string;
  /** Everything held, including amounts locked in open orders. */
  total: Decimal;
  /** What can be sold or spent now. */
  free: Decimal;
}

/** A price in the reporting currency, with where and when it was seen. */
export interface PriceQuote {
  asset: string;
  price: Decimal;
  at: Date;
  source: string;
}

export interface PricePoint {
  at: Date;
  price: Decimal;
}

/** One market's trading rules, as the execution planner needs them. */
export interface MarketRules {
  /** "BTC/USDC" */
  symbol: string;
  base: string;
  quote: string;
  amountStep: Decimal;
  priceStep: Decimal;
  minAmount: Decimal;
  minNotional: Decimal;
  takerFee: Decimal;
  makerFee: Decimal;
}

export type OrderSide = 'buy' | 'sell';

export interface OrderRequest {
  /** Ours, unique, journaled before submission: a retry with the same id never doubles an order. */
  clientOrderId: string;
  symbol: string;
  side: OrderSide;
  type: 'limit' | 'market';
  quantity: Decimal;
  limitPrice?: Decimal;
}

export type OrderStatus = 'open' | 'partially_filled' | 'filled' | 'cancelled' | 'rejected';

export interface OrderState {
  clientOrderId: string;
  venueOrderId: string;
  status: OrderStatus;
  filled: Decimal;
  averagePrice?: Decimal;
  fee: Decimal;
  feeAsset: string;
  updatedAt: Date;
}

export interface Venue {
  readonly id: string;
  readonly label: string;
  readonly kind: VenueKind;
  readonly capabilities: VenueCapabilities;
  fetchBalances(): Promise<Balance[]>;
  /** Quotes for the assets this venue can price; assets it cannot price are left out. */
  fetchPrices(assets: readonly string[]): Promise<PriceQuote[]>;
  fetchMarkets(): Promise<MarketRules[]>;
  fetchPriceHistory?(asset: string, from: Date, to: Date): Promise<PricePoint[]>;
  placeOrder?(order: OrderRequest): Promise<OrderState>;
  fetchOrder?(clientOrderId: string): Promise<OrderState>;
  cancelOrder?(clientOrderId: string): Promise<OrderState>;
}

export interface VenueDeps {
  clock: Clock;
  ledger: Ledger;
  env: Readonly<Record<string, string | undefined>>;
  logger: Logger;
  /** The config's shared `prices:` (reporting currency) and the time they are as of. */
  prices: Readonly<Record<string, Decimal>>;
  pricesAt?: Date | undefined;
  /** The config's shared `price_history:`, daily closes by asset and YYYY-MM-DD. */
  priceHistory: Readonly<Record<string, Readonly<Record<string, Decimal>>>>;
}

/** Every adapter is one of these: `export const createPaperVenue: CreateVenue = ...`. */
export type CreateVenue = (id: string, config: VenueConfig, deps: VenueDeps) => Venue;

// ---------------------------------------------------------------- host services

export interface Clock {
  now(): Date;
}

export interface Logger {
  debug(data: object | string, message?: string): void;
  info(data: object | string, message?: string): void;
  warn(data: object | string, message?: string): void;
  error(data: object | string, message?: string): void;
}

export type Severity = 'info' | 'warning' | 'critical';

export interface Notification {
  title: string;
  body: string;
  severity: Severity;
  at: Date;
  /** Stable key so that the same alert is not sent twice within its cooldown. */
  dedupeKey?: string;
}

/** K.I.T.'s `notifications` slot (send to the user's configured channels). */
export interface Notifier {
  send(notification: Notification): Promise<void>;
}

/** K.I.T.'s `execution` slot, the Smart Order Router: orders leave through here, never directly. */
export interface OrderRouter {
  submit(venue: string, order: OrderRequest): Promise<OrderState>;
  status(venue: string, clientOrderId: string): Promise<OrderState>;
  cancel(venue: string, clientOrderId: string): Promise<OrderState>;
}

/** One disposal in the shape of the K.I.T. Tax Calculator's CapitalGain record. */
export interface DisposalRecord {
  tradeId: string;
  asset: string;
  quantity: Decimal;
  proceeds: Decimal;
  disposalDate: Date;
  costBasis: Decimal;
  gain: Decimal;
  holdingDays: number;
  longTerm: boolean;
  lotId: string;
}

/** "Feeds into Tax Calculator": executed disposals are handed to this port. */
export interface TaxSink {
  record(disposals: readonly DisposalRecord[]): Promise<void>;
}

// ---------------------------------------------------------------- the ledger

export type AssetClass = 'crypto' | 'security' | 'forex';

export interface NewLot {
  id: string;
  venue: string;
  asset: string;
  assetClass: AssetClass;
  acquiredAt: Date;
  quantity: Decimal;
  unitCost: Decimal;
  /** The trade (import row or fill) that created the lot. */
  sourceTradeId?: string | undefined;
  label?: string | undefined;
}

export interface TaxLot extends NewLot {
  remaining: Decimal;
  /** Wash-sale loss added to the basis of this lot (US), per unit. */
  basisAdjustment: Decimal;
  /** Where the holding period starts when it was carried over from a washed lot. */
  holdingStart: Date;
}

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

export interface ValueMark {
  value: Decimal;
  at: Date;
}

export interface PaperVenueState {
  seedHash: string;
  seededAt: Date;
  balances: Map<string, Decimal>;
}

export interface TargetChange {
  at: Date;
  reason: string;
  before: ReadonlyMap<string, Decimal>;
  after: ReadonlyMap<string, Decimal>;
}

export type RebalanceStatus = 'previewed' | 'executing' | 'completed' | 'partial' | 'failed' | 'aborted';

export interface RebalanceRecord {
  id: string;
  createdAt: Date;
  strategy: string;
  status: RebalanceStatus;
  /** Value before, and (once done) after, in the reporting currency. */
  valueBefore: Decimal;
  valueAfter?: Decimal | undefined;
  /** The plan and its outcome, as the JSON the preview printed. */
  plan: unknown;
  completedAt?: Date | undefined;
}

/**
 * The store of everything that must outlive a run. Synchronous: it is a local SQLite file, and
 * every multi-row change is one transaction, so a crash leaves either all of it or none.
 */
export interface Ledger {
  /** The target set saved by `set-target`, over the config's; undefined when none is saved. */
  targetOverrides(): Map<string, Decimal> | undefined;
  saveTargetOverrides(change: TargetChange): void;
  clearTargetOverrides(at: Date, reason: string): void;
  targetHistory(limit: number): TargetChange[];

  paperVenue(venue: string): PaperVenueState | undefined;
  /** Replaces the venue's paper state and adds its seed lots, in one transaction. */
  seedPaperVenue(venue: string, state: PaperVenueState, lots: readonly NewLot[]): void;
  /** Applies signed balance changes (a fill: +base, -quote, -fee), refusing to go below zero. */
  adjustPaperBalances(venue: string, deltas: ReadonlyMap<string, Decimal>, at: Date): void;

  addLots(lots: readonly NewLot[]): void;
  openLots(filter?: { asset?: string; venue?: string }): TaxLot[];

  /** Inserts trades in one transaction; ids already present are skipped (imports are idempotent). */
  recordTrades(trades: readonly TradeRecord[], onProgress?: (done: number, total: number) => void): { inserted: number; skipped: number };
  trades(filter?: { asset?: string; from?: Date; to?: Date }): TradeRecord[];

  saveRebalance(record: RebalanceRecord): void;
  rebalanceHistory(limit: number): RebalanceRecord[];

  /** The highest total value seen (drawdown protection). */
  highWater(): ValueMark | undefined;
  saveHighWater(mark: ValueMark): void;

  /** Schema version, for `kit doctor` and tests. */
  schemaVersion(): number;
  close(): void;
}
