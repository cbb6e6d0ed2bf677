// Asks every venue for balances and prices at once and keeps what answered. A venue that fails
// or times out is named in a diagnostic and its holdings are missing, so nothing is traded on
// the result; the host still gets to show what is known.
import type { Diagnostic } from './diagnostics.js';
import { errorMessage, VenueError } from './errors.js';
import { Decimal } from './money.js';
import type { Balance, Clock, PriceQuote, Venue } from './ports.js';
import { checkPrices, type Holding, type PortfolioSnapshot, type VenueStatus } from './snapshot.js';

export interface SnapshotOptions {
  clock: Clock;
  /** Assets that need a price even if not held (the targets). */
  wanted: readonly string[];
  /** Assets likely held that are worth pricing in the first round trip (the cash assets). */
  alsoPrice?: readonly string[] | undefined;
  /** The config's `prices:`, used where no venue quotes an asset. */
  configPrices: Readonly<Record<string, Decimal>>;
  configPricesAt?: Date | undefined;
  currency: string;
  timeoutMs: number;
  maxPriceAgeMs: number;
}

export async function takeSnapshot(venues: readonly Venue[], options: SnapshotOptions): Promise<PortfolioSnapshot> {
  const { clock } = options;
  const diagnostics: Diagnostic[] = [];
  const statuses: VenueStatus[] = [];
  const holdings: Holding[] = [];

  // Prices for the assets expected (targets, cash) are asked together with the balances, so a
  // status is one round trip to each venue; held assets beyond those are asked for afterwards.
  const expected = [...new Set([...options.wanted, ...(options.alsoPrice ?? [])])].sort();
  const ask = (venue: Venue, assets: readonly string[]) => withTimeout(venue.fetchPrices(assets), options.timeoutMs, venue.id, 'fetch prices');
  const [balances, early] = await Promise.all([
    Promise.allSettled(venues.map((venue) => withTimeout(venue.fetchBalances(), options.timeoutMs, venue.id, 'fetch balances'))),
    Promise.allSettled(venues.map((venue) => ask(venue, expected))),
  ]);
  balances.forEach((result, index) => {
    const venue = venues[index]!;
    const status: VenueStatus = { id: venue.id, label: venue.label, kind: venue.kind, capabilities: venue.capabilities, ok: result.status === 'fulfilled' };
    if (result.status === 'fulfilled') {
      holdings.push(...result.value.filter((b: Balance) => !b.total.isZero()).map((b: Balance) => ({ venue: venue.id, asset: b.asset, quantity: b.total })));
    } else {
      status.error = errorMessage(result.reason);
      diagnostics.push({
        severity: 'error',
        code: 'venue.unavailable',
        venue: venue.id,
        message: `Venue ${venue.id} did not answer (${status.error}); its holdings are missing from these figures, and nothing will be traded until it answers.`,
      });
    }
    statuses.push(status);
  });

  const now = clock.now();
  const candidates: PriceQuote[] = [];
  const extras = [...new Set(holdings.map((h) => h.asset))].filter((asset) => !expected.includes(asset)).sort();
  // A venue that did not answer for its balances is down for this snapshot: it is not waited on again.
  const late = extras.length === 0 ? [] : await Promise.allSettled(venues.map((venue, index) => (statuses[index]!.ok ? ask(venue, extras) : Promise.resolve([]))));
  venues.forEach((venue, index) => {
    const failures: unknown[] = [];
    for (const result of [early[index]!, late[index]]) {
      if (result?.status === 'fulfilled') candidates.push(...result.value);
      else if (result) failures.push(result.reason);
    }
    if (failures.length > 0 && statuses[index]!.ok) {
      diagnostics.push({ severity: 'warning', code: 'venue.prices_unavailable', venue: venue.id, message: `Venue ${venue.id} did not return prices (${errorMessage(failures[0])}); other sources were used.` });
    }
  });
  for (const [asset, price] of Object.entries(options.configPrices)) {
    candidates.push({ asset, price, at: options.configPricesAt ?? now, source: 'config prices' });
  }
  const prices = pickPrices(candidates);
  if (!prices.has(options.currency)) prices.set(options.currency, { asset: options.currency, price: new Decimal(1), at: now, source: 'reporting currency' });

  diagnostics.push(...checkPrices(holdings, prices, options.wanted, now, { maxPriceAgeMs: options.maxPriceAgeMs, currency: options.currency }));
  return { takenAt: now, holdings, prices, venues: statuses, diagnostics };
}

/** One quote per asset: the freshest valid one; among equals, the first source (venue order, then config). */
function pickPrices(candidates: readonly PriceQuote[]): Map<string, PriceQuote> {
  const best = new Map<string, PriceQuote>();
  for (const quote of candidates) {
    const current = best.get(quote.asset);
    const better = !current || (current.price.lte(0) && quote.price.gt(0)) || (quote.price.gt(0) && quote.at.getTime() > current.at.getTime());
    if (better) best.set(quote.asset, quote);
  }
  return best;
}

function withTimeout<T>(promise: Promise<T>, ms: number, venue: string, operation: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new VenueError(venue, operation, `no answer within ${ms} ms`, true)), ms);
    timer.unref?.();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
