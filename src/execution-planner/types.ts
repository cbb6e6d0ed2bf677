// The execution planner's data: what it is given (intents, holdings, venues and their markets)
// and what it returns (trades, manual transfers, findings, the holdings afterwards).
import type { Diagnostic } from '../diagnostics.js';
import type { Decimal } from '../money.js';
import type { MarketRules, OrderSide, VenueKind } from '../ports.js';
import type { SwapQuote } from '../ports/swap.js';
import type { Holding } from '../snapshot.js';
import type { AssetIntent } from '../strategies/intent.js';
import type { Funds } from './funds.js';
import type { MarketIndex } from './market-index.js';

export interface VenueInfo {
  id: string;
  label: string;
  kind: VenueKind;
  tradable: boolean;
  markets: readonly MarketRules[];
  /** A DEX (capabilities.swap): its trades are priced by a quote at their size and leave as swaps. */
  swap?: boolean | undefined;
}

/** What a DEX trade's quote said at the size kept: the price is the quote's, the pool fee included. */
export type TradeSwap = Pick<SwapQuote, 'amountIn' | 'amountOut' | 'feeRate' | 'priceImpact' | 'source'>;

export interface PlannedTrade {
  id: string;
  venue: string;
  venueLabel: string;
  market: string;
  side: OrderSide;
  asset: string;
  quote: string;
  quantity: Decimal;
  /** Expected price, in the quote asset. */
  price: Decimal;
  /** The worst price accepted (slippage_tolerance), on the market's price grid; absent for market orders. */
  limitPrice?: Decimal;
  /** quantity x price, in the quote asset. */
  notional: Decimal;
  /** In the reporting currency. */
  value: Decimal;
  /** Estimated, in the quote asset and in the reporting currency. */
  fee: Decimal;
  feeValue: Decimal;
  reason: string;
  /** A transfer that must arrive first. */
  waitsFor?: string;
  /** DEX trades: the quote at this size (fee already in `price`; `fee` is the pool's share of it). */
  swap?: TradeSwap | undefined;
}

export interface Transfer {
  id: string;
  from: string;
  to: string;
  asset: string;
  /** Rounded up to the asset's transfer step (transferStep), never past what the source holds. */
  amount: Decimal;
  value: Decimal;
  /** Set when the cash is converted on the way (USDC on an exchange to USD at a broker): what arrives, at current prices. */
  arrivesAs?: { asset: string; amount: Decimal } | undefined;
  reason: string;
  /** Always true: moving funds between venues is a step for the user, not the rebalancer. */
  manual: true;
}

export interface VenuePlanInput {
  intents: ReadonlyMap<string, AssetIntent>;
  holdings: readonly Holding[];
  /** Reporting-currency prices of every asset involved, quote assets included. */
  prices: ReadonlyMap<string, Decimal>;
  venues: readonly VenueInfo[];
  /** The index of `venues`' markets when the caller has built it already (indexMarkets(venues)). */
  markets?: MarketIndex | undefined;
  cashAssets: readonly string[];
  /**
   * Whether a buy may be funded by converting another of the cash assets (USDC on an exchange to
   * USD at a broker) as a manual step; without it only the buy's own quote asset is moved.
   */
  convertCash?: boolean | undefined;
  /** Cash value that must remain after the plan (min_cash_reserve x total). */
  reserveValue: Decimal;
  minTradeValue: Decimal;
  preferDex: boolean;
  slippage: Decimal;
  useLimitOrders: boolean;
  currency: string;
  /** Per asset, the venues to sell from first (cheapest in tax first); others follow by preference. */
  sellVenueOrder?: ReadonlyMap<string, readonly string[]> | undefined;
}

export interface VenuePlan {
  trades: PlannedTrade[];
  transfers: Transfer[];
  diagnostics: Diagnostic[];
  /** Holdings once every trade and transfer has happened at the expected prices. */
  holdingsAfter: Holding[];
}

/** What passes from step to step: the funds left, and the number the next trade's id takes. */
export interface StepState {
  funds: Funds;
  nextId: number;
}

/** What one step adds to the plan (its trades and findings, in the order it made them), and the state it leaves. */
export interface StepResult extends StepState {
  trades: PlannedTrade[];
  diagnostics: Diagnostic[];
}
