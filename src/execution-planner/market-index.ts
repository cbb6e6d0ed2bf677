// Which tradable venue lists which asset, built once per plan: the planner asks it what can be
// bought or sold, and the execution planner where. Only tradable venues list anything; a wallet
// holds but never trades.
import { Decimal, ZERO } from '../money.js';
import type { MarketRules } from '../ports.js';
import type { VenueInfo } from './types.js';

export interface Listing {
  venue: VenueInfo;
  market: MarketRules;
}

export interface MarketIndex {
  venueById: ReadonlyMap<string, VenueInfo>;
  /** Per base asset, its markets on tradable venues, in venue then market order. */
  listings: ReadonlyMap<string, readonly Listing[]>;
  /** The highest taker fee among tradable venues, as a fraction; 0 with none. */
  costRate: Decimal;
}

export function indexMarkets(venues: readonly VenueInfo[]): MarketIndex {
  const listings = new Map<string, Listing[]>();
  let costRate = ZERO;
  for (const venue of venues.filter((v) => v.tradable)) {
    for (const market of venue.markets) {
      const list = listings.get(market.base);
      if (list) list.push({ venue, market });
      else listings.set(market.base, [{ venue, market }]);
      costRate = Decimal.max(costRate, market.takerFee);
    }
  }
  return { venueById: new Map(venues.map((venue) => [venue.id, venue])), listings, costRate };
}

/** A fresh list of the asset's listings, for the caller to sort. */
export function listingsOf(index: MarketIndex, asset: string): Listing[] {
  return [...(index.listings.get(asset) ?? [])];
}

export function isListedOn(index: MarketIndex, venue: string, asset: string): boolean {
  return index.listings.get(asset)?.some((listing) => listing.venue.id === venue) ?? false;
}

/** CEX before DEX (or DEX first with preferDex), then the lower taker fee, then the venue id. */
export function byPreference(preferDex: boolean): (a: Listing, b: Listing) => number {
  const rank = ({ venue, market }: Listing) => [preferDex === (venue.kind === 'dex') ? 0 : 1, market.takerFee.toNumber()] as const;
  return (a, b) => {
    const [ra, rb] = [rank(a), rank(b)];
    return ra[0] - rb[0] || ra[1] - rb[1] || a.venue.id.localeCompare(b.venue.id);
  };
}
