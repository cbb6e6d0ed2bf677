// A new target on an asset nothing prices or holds is most likely a typo (DOGE for DOG, or a
// ticker no venue lists): it is saved, as the user asked, but with a warning saying so.
import type { PortfolioSnapshot } from '../snapshot.js';

/** The warning for a new target `asset` no venue holds or prices; undefined when it is known, or when a venue did not answer (so it cannot be told). */
export function unknownAssetWarning(asset: string, snapshot: Pick<PortfolioSnapshot, 'holdings' | 'prices' | 'venues'>): string | undefined {
  if (snapshot.venues.some((venue) => !venue.ok)) return undefined;
  const held = snapshot.holdings.some((holding) => holding.asset === asset);
  const priced = snapshot.prices.get(asset)?.price.gt(0) ?? false;
  if (held || priced) return undefined;
  return `${asset} has no price from any venue or the config's prices: and no venue holds it, so it cannot be bought until a venue quotes it. Check the symbol; kit rebalance remove-target ${asset} undoes this.`;
}
