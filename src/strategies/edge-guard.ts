// Fees come out of the total, so an asset that does not trade weighs a little more after the
// plan. One just under its band's high edge can be pushed over it by the fees of the other trades;
// it sells the little that keeps it strictly inside (a plan that ends on or over an edge has not
// brought the asset inside its band).
import { formatPercent } from '../format.js';
import { Decimal, ONE, sum } from '../money.js';
import type { AssetIntent, StrategyInput } from './intent.js';

/** How far inside a band's edge a plan aims, so that flooring an order to its step cannot leave it on or over the edge. */
export const EDGE_MARGIN = new Decimal('0.0001');

/** Sells for the untraded assets that the fees of `intents` (all at the dearest venue's rate) would push over their band. */
export function feeEdgeSells(input: StrategyInput, intents: ReadonlyMap<string, AssetIntent>): Map<string, AssetIntent> {
  const sells = new Map<string, AssetIntent>();
  const moved = sum([...intents.values()].map((intent) => intent.delta.abs()));
  if (moved.isZero() || input.costRate.isZero()) return sells;
  const lowestTotal = input.totalValue.minus(moved.times(input.costRate));
  for (const row of input.rows) {
    const band = input.bands.get(row.asset);
    if (row.cash || row.target === undefined || intents.has(row.asset) || !band || band.high.gte(ONE)) continue;
    const excess = Decimal.min(row.value.minus(band.high.minus(EDGE_MARGIN).times(lowestTotal)), input.sellable.get(row.asset) ?? new Decimal(0));
    if (excess.lte(0)) continue;
    sells.set(row.asset, { delta: excess.neg(), reason: `at ${formatPercent(row.weight, 2)}, the fees of the other trades would push it over its band's ${formatPercent(band.high)} edge` });
  }
  return sells;
}
