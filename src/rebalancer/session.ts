// One run's view of the world. A session takes each costly thing once, lazily, and hands the same
// object to every step of the run: the venue snapshot, the markets, each asset's price history,
// the ledger's trade history and the tax state replayed from it. So a plan, its second pass, its
// tax figures and the harvest list all stand on the same prices, and a run replays the history at
// most once. Use-cases (status, preview, harvest, tax report, and later execute) take a session.
import type { Config } from '../config.js';
import type { Clock, Ledger, Logger, PricePoint, Venue } from '../ports.js';
import type { SwapQuote, SwapQuoteRequest } from '../ports/swap.js';
import type { PortfolioSnapshot } from '../snapshot.js';
import type { TaxTrade } from '../tax/types.js';
import { loadHistory, lookbackStart } from './histories.js';
import { fetchVenueMarkets, type VenueMarkets } from './markets.js';
import { computeStatus, type StatusReport } from './status.js';
import { snapshotFor } from './snapshot.js';
import { effectiveTargets, type EffectiveTargets } from './targets.js';
import { ledgerTaxTrades, seedConfigLots, sessionTaxState, type TaxState } from './tax-state.js';

export interface RebalancerDeps {
  config: Config;
  venues: readonly Venue[];
  ledger: Ledger;
  clock: Clock;
  /** Where seeding a paper venue reports a config change it could not apply; silent when absent. */
  logger?: Logger | undefined;
}

export interface Session {
  readonly deps: RebalancerDeps;
  /** The targets in force when the run started (the ledger's saved set, else the config's). */
  targets(): EffectiveTargets;
  /** Balances and prices from every venue, taken once. */
  snapshot(): Promise<PortfolioSnapshot>;
  /** The snapshot against the targets; moves the ledger's high-water mark on complete data. */
  status(): Promise<StatusReport>;
  /** The trading rules of every venue that answered the snapshot, fetched once per venue. */
  markets(): Promise<VenueMarkets>;
  /**
   * Daily closes per asset, each asset fetched at most once per run for a given start: from `from`
   * (a tax report's first trade) or, by default, the momentum/correlation lookback.
   */
  histories(assets: readonly string[], from?: Date): Promise<Map<string, PricePoint[]>>;
  /**
   * A DEX venue's quote for a swap of this size, asked at most once per run for the same venue,
   * market, side and quantity (a plan's second pass and the swaps it hands out stand on it).
   */
  swapQuote(venue: string, request: SwapQuoteRequest): Promise<SwapQuote>;
  /** The ledger's trades plus the config's seed lots as buys, read once. */
  taxTrades(): TaxTrade[];
  /** The open lots and recent disposals as the jurisdiction's engine sees them now: the ledger's checkpoint, else one replay. */
  taxState(): TaxState;
}

const memo = <T>(make: () => T): (() => T) => {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
};

export function createSession(deps: RebalancerDeps): Session {
  const targets = memo(() => effectiveTargets(deps.config, deps.ledger));
  const snapshot = memo(() => snapshotFor(deps, targets()));
  const status = memo(async () => computeStatus(deps, targets(), await snapshot()));
  const markets = memo(async () => fetchVenueMarkets(deps.venues, await snapshot()));
  const taxTrades = memo(() => {
    // The config's seed lots are part of the history: record them first if no venue has yet.
    seedConfigLots(deps);
    return ledgerTaxTrades(deps.ledger);
  });
  const taxState = memo(() => sessionTaxState(deps, taxTrades));
  // Per asset, the closes fetched so far and the day they start: a later ask from that day or
  // after is served from them, so no asset's history is fetched twice in a run.
  const history = new Map<string, { from: Date; points: Promise<PricePoint[] | undefined> }>();
  // One window for the whole run, from the first asking, so every asset's closes end together.
  const historyEnd = memo(() => deps.clock.now());
  const histories = async (assets: readonly string[], from?: Date) => {
    const now = historyEnd();
    const start = from ?? lookbackStart(deps.config, now);
    const found = new Map<string, PricePoint[]>();
    for (const asset of assets) {
      let cached = history.get(asset);
      if (!cached || cached.from > start) {
        cached = { from: start, points: loadHistory(deps, asset, now, start) };
        history.set(asset, cached);
      }
      const points = (await cached.points)?.filter((point) => point.at >= start);
      if (points) found.set(asset, points);
    }
    return found;
  };
  const quotes = new Map<string, Promise<SwapQuote>>();
  const swapQuote = (venueId: string, request: SwapQuoteRequest) => {
    const key = [venueId, request.symbol, request.side, request.quantity.toFixed()].join('\u0000');
    let quote = quotes.get(key);
    if (!quote) {
      const venue = deps.venues.find((v) => v.id === venueId);
      quote = venue?.quoteSwap ? Promise.resolve().then(() => venue.quoteSwap!(request)) : Promise.reject(new Error(`venue "${venueId}" gives no swap quotes`));
      quotes.set(key, quote);
    }
    return quote;
  };
  return { deps, targets, snapshot, status, markets, histories, swapQuote, taxTrades, taxState };
}
