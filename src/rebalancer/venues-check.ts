// `kit venues check`: asks every venue (or the one named) at once, each with the run's per-venue
// timeout, and reports per venue whether it answered, how fast, what it holds, which targets a
// tradable venue can buy (market-coverage.ts), and what it can do. A venue that fails is one row
// among the others, never the end of the run; a missing credential names the variable to set.
import { buildFailure } from '../adapters/unbuilt-venue.js';
import { errorMessage, RebalancerError, UsageError, VenueError } from '../errors.js';
import type { Decimal } from '../money.js';
import type { Balance, Venue, VenueCapabilities, VenueKind } from '../ports.js';
import { marketCoverage, type MarketCoverage } from './market-coverage.js';

export interface VenueCheck {
  id: string;
  label: string;
  kind: VenueKind;
  answered: boolean;
  /** Milliseconds until the balances came back (or the call failed). */
  latencyMs: number;
  holdings: { asset: string; quantity: Decimal }[];
  /** Undefined when the venue could not even be built (its adapter never ran). */
  capabilities: VenueCapabilities | undefined;
  /** Tradable venues: the target assets with a market here quoted in a cash asset, and those without. */
  markets?: MarketCoverage | undefined;
  error?: string | undefined;
  /** Environment variables the venue's config refers to that are not set. */
  missingEnv: string[];
}

export interface VenuesCheckDeps {
  venues: readonly Venue[];
  /** Non-cash target assets: what a tradable venue needs markets for. */
  neededAssets: readonly string[];
  /** The config's cash assets: a market serves a target only when quoted in one. */
  cashAssets: readonly string[];
  timeoutMs: number;
  /** A monotonic clock in ms (performance.now), for latency. */
  elapsed: () => number;
}

export async function checkVenues(deps: VenuesCheckDeps, name?: string): Promise<VenueCheck[]> {
  const venues = name === undefined ? deps.venues : deps.venues.filter((venue) => venue.id === name);
  if (venues.length === 0) {
    throw new UsageError(name === undefined ? 'No venues in the config; nothing to check.' : `No venue named "${name}"; the config has ${deps.venues.map((venue) => venue.id).join(', ') || 'none'}.`);
  }
  return Promise.all(venues.map((venue) => checkOne(venue, deps)));
}

async function checkOne(venue: Venue, deps: VenuesCheckDeps): Promise<VenueCheck> {
  const unbuilt = buildFailure(venue);
  const base = { id: venue.id, label: venue.label, kind: venue.kind, capabilities: unbuilt === undefined ? venue.capabilities : undefined };
  const started = deps.elapsed();
  let answeredAt = started;
  const [balances, markets] = await Promise.allSettled([
    timed(venue.fetchBalances(), deps.timeoutMs, venue.id, 'fetch balances').finally(() => {
      answeredAt = deps.elapsed();
    }),
    venue.capabilities.trade && unbuilt === undefined ? timed(venue.fetchMarkets(), deps.timeoutMs, venue.id, 'fetch markets') : Promise.resolve(undefined),
  ]);
  const latencyMs = Math.max(0, Math.round(answeredAt - started));
  if (balances.status === 'rejected') {
    const error = balances.reason as unknown;
    return { ...base, answered: false, latencyMs, holdings: [], error: oneLine(error), missingEnv: missingVariables(error) };
  }
  const holdings = balances.value.filter((b: Balance) => !b.total.isZero()).map((b: Balance) => ({ asset: b.asset, quantity: b.total }));
  if (markets.status === 'rejected') {
    return { ...base, answered: true, latencyMs, holdings, error: oneLine(markets.reason), missingEnv: [] };
  }
  const coverage = markets.value && marketCoverage(markets.value, { needed: deps.neededAssets, cashAssets: deps.cashAssets, held: new Set(holdings.map((h) => h.asset)) });
  return { ...base, answered: true, latencyMs, holdings, markets: coverage, missingEnv: [] };
}

/** The error's one line (its details are advice the report gives in its own words). */
const oneLine = (error: unknown): string => (error instanceof RebalancerError ? error.shortMessage : errorMessage(error).split('\n')[0]!);

/** The ${NAME}s an "environment variable not set" error names. */
function missingVariables(error: unknown): string[] {
  const text = errorMessage(error);
  if (!/environment variables? not set/.test(text)) return [];
  return [...new Set([...text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((match) => match[1]!))];
}

function timed<T>(promise: Promise<T>, ms: number, venue: string, operation: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new VenueError(venue, operation, `no answer within ${ms} ms`, true)), ms);
    timer.unref?.();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Every venue answered, and every tradable one returned its markets. */
export const allAnswered = (checks: readonly VenueCheck[]): boolean => checks.every((check) => check.answered && check.error === undefined);
