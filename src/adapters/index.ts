// Which adapter builds which venue. Each loader is a dynamic import, so a heavy library (ccxt,
// viem) is loaded only when a configured venue needs it; paper and manual cost nothing.
import type { Config } from '../config.js';
import { UsageError } from '../errors.js';
import type { CreateVenue, Venue, VenueDeps } from '../ports.js';

const LOADERS: Record<string, () => Promise<CreateVenue>> = {
  paper: async () => (await import('./paper/create-paper-venue.js')).createPaperVenue,
  manual: async () => (await import('./manual/create-manual-venue.js')).createManualVenue,
  ccxt: async () => (await import('./ccxt/create-ccxt-venue.js')).createCcxtVenue,
  mt5: async () => (await import('./mt5/create-mt5-venue.js')).createMt5Venue,
  ibkr: async () => (await import('./ibkr/create-ibkr-venue.js')).createIbkrVenue,
  '1inch': async () => (await import('./oneinch/create-oneinch-venue.js')).createOneInchVenue,
  evm: async () => (await import('./evm/create-evm-venue.js')).createEvmVenue,
  bitcoin: async () => (await import('./bitcoin/create-bitcoin-venue.js')).createBitcoinVenue,
  solana: async () => (await import('./solana/create-solana-venue.js')).createSolanaVenue,
  uniswap: async () => (await import('./dex/create-dex-venue.js')).createDexVenue,
  sushiswap: async () => (await import('./dex/create-dex-venue.js')).createDexVenue,
  pancakeswap: async () => (await import('./dex/create-dex-venue.js')).createDexVenue,
  jupiter: async () => (await import('./jupiter/create-jupiter-venue.js')).createJupiterVenue,
};

/** `keepUnbuilt`: a venue that cannot be built becomes a stand-in that fails every call (see unbuilt-venue.ts). */
export async function createVenues(config: Config, deps: VenueDeps, options: { keepUnbuilt?: boolean } = {}): Promise<Venue[]> {
  const venues: Venue[] = [];
  for (const [id, venue] of Object.entries(config.venues)) {
    try {
      const load = LOADERS[venue.adapter];
      if (!load) throw new UsageError(`Venue "${id}": adapter "${venue.adapter}" is not available in this version.`);
      venues.push((await load())(id, venue, { ...deps, currency: deps.currency ?? config.currency }));
    } catch (error) {
      if (!options.keepUnbuilt) throw error;
      venues.push((await import('./unbuilt-venue.js')).unbuiltVenue(id, venue, error));
    }
  }
  return venues;
}
