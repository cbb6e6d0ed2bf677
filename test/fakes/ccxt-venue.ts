// Builds a ccxt venue the way the runtime does (the config's venue block through venueSchema) for
// tests against the fake exchanges; the ledger is not used by ccxt venues.
import { createCcxtVenue } from '../../src/adapters/ccxt/create-ccxt-venue.js';
import { venueSchema } from '../../src/config/schema.js';
import { Decimal } from '../../src/money.js';
import type { Logger, Venue, VenueDeps } from '../../src/ports.js';

export const NOW = new Date('2026-11-29T12:00:00Z');
const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };

export function ccxtVenue(block: Record<string, unknown>, env: Record<string, string>, options: { prices?: Record<string, string>; currency?: string } = {}): Venue {
  const { id, ...rest } = block;
  const config = venueSchema.parse({ kind: 'cex', adapter: 'ccxt', ...rest });
  const deps: VenueDeps = {
    clock: { now: () => NOW },
    ledger: {} as VenueDeps['ledger'],
    env,
    logger: quiet,
    currency: options.currency ?? 'USD',
    prices: Object.fromEntries(Object.entries(options.prices ?? {}).map(([asset, price]) => [asset, new Decimal(price)])),
    priceHistory: {},
  };
  return createCcxtVenue(String(id ?? block['exchange']), config, deps);
}
