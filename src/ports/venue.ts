// The port every adapter implements: balances, prices, markets and (for tradable venues) orders.
// Amounts are Decimal; times are Date in UTC.
import type { VenueConfig, VenueKind } from '../config.js';
import type { Decimal } from '../money.js';
import type { Clock } from './clock.js';
import type { LotStore } from './lot-store.js';
import type { Logger } from './logger.js';
import type { OrderRequest, OrderState } from './orders.js';
import type { PaperBookStore } from './paper-book-store.js';
import type { PaperStore } from './paper-store.js';
import type { SwapReceiptReader, SwapVenue } from './swap.js';

export type { VenueKind };

/** What a venue can do, like ccxt's `has`. Wallets and cold storage have every flag false. */
export interface VenueCapabilities {
  trade: boolean;
  limitOrders: boolean;
  marketOrders: boolean;
  withdraw: boolean;
  priceHistory: boolean;
  /** A DEX: trades are on-chain swaps this skill cannot sign; they go to K.I.T.'s Smart Order
   * Router or, standalone, out as unsigned transactions (quoteSwap/buildSwap). */
  swap?: boolean;
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
  /** DEX venues: a quote at the planned size, and a swap's unsigned transactions (ports/swap.ts). */
  quoteSwap?: SwapVenue['quoteSwap'];
  buildSwap?: SwapVenue['buildSwap'];
  /** DEX venues: what a signed swap did, read back from the chain, so it can be booked. */
  readSwap?: SwapReceiptReader['readSwap'];
}

export interface VenueDeps {
  clock: Clock;
  /** Only what adapters keep in the ledger: a paper venue's balances and book, and the config's seed lots. */
  ledger: PaperStore & PaperBookStore & LotStore;
  env: Readonly<Record<string, string | undefined>>;
  logger: Logger;
  /** The reporting currency (the config's `currency:`); live venues convert their quotes into it. */
  currency?: string | undefined;
  /** The config's shared `prices:` (reporting currency) and the time they are as of. */
  prices: Readonly<Record<string, Decimal>>;
  pricesAt?: Date | undefined;
  /** The config's shared `price_history:`, daily closes by asset and YYYY-MM-DD. */
  priceHistory: Readonly<Record<string, Readonly<Record<string, Decimal>>>>;
  /** Waits `ms` (simulated latency); tests pass one that does not really sleep. */
  sleep?: ((ms: number) => Promise<void>) | undefined;
}

/** Every adapter is one of these: `export const createPaperVenue: CreateVenue = ...`. */
export type CreateVenue = (id: string, config: VenueConfig, deps: VenueDeps) => Venue;
