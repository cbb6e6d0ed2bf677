// What every step of the execution planner reads and none changes: prices, the market index, the
// holdings per venue, and the settings that size orders.
import { Decimal, ONE, ZERO } from '../money.js';
import type { Holding } from '../snapshot.js';
import { venueKey } from './funds.js';
import { type Listing, listingsOf, type MarketIndex } from './market-index.js';
import type { SizingRules } from './sizing.js';
import type { VenuePlanInput } from './types.js';

/** Below a cent, a remainder is rounding noise, not a trade or a shortfall worth reporting. */
export const DUST = new Decimal('0.01');

export interface PlanContext extends SizingRules {
  markets: MarketIndex;
  /** Quantity held per venueKey(venue, asset), on any venue. */
  held: ReadonlyMap<string, Decimal>;
  preferDex: boolean;
  sellVenueOrder?: ReadonlyMap<string, readonly string[]> | undefined;
  /** The cash assets one may be converted into another to fund a buy: none unless convertCash. */
  convertible: readonly string[];
  /** Trades settle only in these: a market quoted in anything else (SOL/EUR when EUR is not cash, SOL/ETH) would buy or sell that asset off the plan. */
  cashAssets: readonly string[];
}

export function planContext(input: VenuePlanInput, markets: MarketIndex): PlanContext {
  return {
    markets,
    held: heldPerVenue(input.holdings),
    priceOf: (asset) => input.prices.get(asset) ?? (asset === input.currency ? ONE : undefined),
    useLimitOrders: input.useLimitOrders,
    slippage: input.slippage,
    minTradeValue: input.minTradeValue,
    currency: input.currency,
    preferDex: input.preferDex,
    sellVenueOrder: input.sellVenueOrder,
    convertible: input.convertCash ? input.cashAssets : [],
    cashAssets: input.cashAssets,
  };
}

/** The markets an asset may be bought or sold on: those quoted in a cash asset. */
export function cashListingsOf(context: Pick<PlanContext, 'markets' | 'cashAssets'>, asset: string): Listing[] {
  return listingsOf(context.markets, asset).filter((listing) => context.cashAssets.includes(listing.market.quote));
}

/** A value worth an order of its own: at least min_trade_value and more than dust. */
export function worthTrading(context: Pick<PlanContext, 'minTradeValue'>, value: Decimal): boolean {
  return value.gte(context.minTradeValue) && value.gte(DUST);
}

export function heldOn(context: Pick<PlanContext, 'held'>, venue: string, asset: string): Decimal {
  return context.held.get(venueKey(venue, asset)) ?? ZERO;
}

function heldPerVenue(holdings: readonly Holding[]): Map<string, Decimal> {
  const held = new Map<string, Decimal>();
  for (const holding of holdings) held.set(venueKey(holding.venue, holding.asset), (held.get(venueKey(holding.venue, holding.asset)) ?? ZERO).plus(holding.quantity));
  return held;
}
