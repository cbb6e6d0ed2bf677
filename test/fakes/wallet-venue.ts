// Builds a wallet venue the way the runtime does (the config's venue block through venueSchema),
// for tests against the fake nodes; wallets use neither the ledger nor the clock's time.
import { venueSchema } from '../../src/config/schema.js';
import type { CreateVenue, Logger, Venue, VenueDeps } from '../../src/ports.js';

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };

export function walletVenue(create: CreateVenue, block: Record<string, unknown>, env: Record<string, string> = {}): Venue {
  const config = venueSchema.parse({ kind: 'wallet', ...block });
  const deps: VenueDeps = { clock: { now: () => new Date('2026-11-29T12:00:00Z') }, ledger: {} as VenueDeps['ledger'], env, logger: quiet, currency: 'USD', prices: {}, priceHistory: {} };
  return create('wallet', config, deps);
}

export const holdings = async (venue: Venue) => (await venue.fetchBalances()).map((b) => [b.asset, b.total.toFixed(), b.free.toFixed()]);
