// The trading rules of each venue that answered the snapshot. A venue that cannot trade has none;
// one whose markets do not come back is kept with none and named in an error diagnostic, so the
// plan trades nothing there.
import type { Diagnostic } from '../diagnostics.js';
import { errorMessage } from '../errors.js';
import type { VenueInfo } from '../execution-planner.js';
import type { MarketRules, Venue } from '../ports.js';
import type { PortfolioSnapshot } from '../snapshot.js';

export interface VenueMarkets {
  venues: VenueInfo[];
  diagnostics: Diagnostic[];
}

export async function fetchVenueMarkets(all: readonly Venue[], snapshot: PortfolioSnapshot): Promise<VenueMarkets> {
  const answered = all.filter((venue) => snapshot.venues.find((s) => s.id === venue.id)?.ok);
  const venues: VenueInfo[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const venue of answered) {
    let markets: MarketRules[] = [];
    if (venue.capabilities.trade) {
      try {
        markets = await venue.fetchMarkets();
      } catch (error) {
        diagnostics.push({ severity: 'error', code: 'venue.markets_unavailable', venue: venue.id, message: `Venue ${venue.id} did not return its markets (${errorMessage(error)}); nothing will be traded until it does.` });
      }
    }
    venues.push({ id: venue.id, label: venue.label, kind: venue.kind, tradable: venue.capabilities.trade, markets, ...(venue.capabilities.swap ? { swap: true } : {}) });
  }
  return { venues, diagnostics };
}
