// A venue that could not be built (a credential's variable not set, an address that is not one)
// stands in for itself when the caller asks to keep going (`kit venues check`): every call fails
// with the build error, so one bad venue is reported beside the others instead of ending the run.
import type { VenueConfig } from '../config.js';
import type { Venue } from '../ports.js';

const FAILURES = new WeakMap<Venue, unknown>();

export function unbuiltVenue(id: string, config: VenueConfig, error: unknown): Venue {
  const fail = () => Promise.reject(error);
  const venue: Venue = {
    id,
    label: config.label ?? id,
    kind: config.kind,
    capabilities: { trade: false, limitOrders: false, marketOrders: false, withdraw: false, priceHistory: false },
    fetchBalances: fail,
    fetchPrices: fail,
    fetchMarkets: fail,
  };
  FAILURES.set(venue, error);
  return venue;
}

/** Why this venue could not be built, if it is a stand-in. */
export function buildFailure(venue: Venue): unknown {
  return FAILURES.get(venue);
}
