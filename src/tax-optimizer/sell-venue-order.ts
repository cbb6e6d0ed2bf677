// Which venue to sell an asset from first when it is held on several: the cheapest in tax per unit,
// judged with the same estimate as the plan's sales.
import { ZERO, type Decimal } from '../money.js';
import type { OpenLot } from '../tax/types.js';
import { estimateSellTaxes } from './estimate-sell-taxes.js';
import type { SellTaxInput } from './sell-tax.js';

/**
 * For each asset held on several venues, the venues in order of the tax per unit of selling what
 * each holds (losses and long-term lots first). A heuristic: the plan's quantities are not known
 * yet, so each venue is judged on its whole holding.
 */
export function sellVenueOrder(lots: readonly OpenLot[], prices: ReadonlyMap<string, Decimal>, input: Omit<SellTaxInput, 'lots'>): Map<string, string[]> {
  const order = new Map<string, string[]>();
  const byAsset = new Map<string, Map<string, Decimal>>();
  for (const lot of lots) {
    if (lot.lotId === 'pool') continue;
    const venues = byAsset.get(lot.asset) ?? new Map<string, Decimal>();
    venues.set(lot.venue, (venues.get(lot.venue) ?? ZERO).plus(lot.quantity));
    byAsset.set(lot.asset, venues);
  }
  for (const [asset, venues] of byAsset) {
    const price = prices.get(asset);
    if (!price || venues.size < 2) continue;
    const perUnit = [...venues].map(([venue, quantity]) => {
      const tax = estimateSellTaxes([{ id: venue, venue, asset, quantity, value: quantity.times(price), feeValue: ZERO }], { ...input, lots }).get(venue)!;
      return { venue, unitTax: tax.tax.div(quantity) };
    });
    order.set(asset, perUnit.sort((a, b) => a.unitTax.cmp(b.unitTax) || a.venue.localeCompare(b.venue)).map((entry) => entry.venue));
  }
  return order;
}
