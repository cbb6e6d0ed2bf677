// Each asset's weight over time against the band it was held to: one point before an event's
// trades and one after, both at the event's prices, so the chart shows the drift that triggered
// each rebalance and where the trades left it. The band is the one the record kept; older records
// fall back to today's targets and bands.
import { Decimal } from '../../money.js';
import type { HistoryEvent, TargetBand } from './event.js';
import { valueAt } from './performance.js';

export interface WeightPoint {
  at: Date;
  weight: Decimal;
  band?: TargetBand | undefined;
}

export interface AssetWeights {
  asset: string;
  points: WeightPoint[];
}

/** `events` oldest first; assets in name order. */
export function weightSeries(events: readonly HistoryEvent[], fallbackBands: ReadonlyMap<string, TargetBand>): AssetWeights[] {
  const series = new Map<string, WeightPoint[]>();
  const add = (event: HistoryEvent, at: Date, holdings: ReadonlyMap<string, Decimal> | undefined) => {
    if (!holdings || !event.prices) return;
    const total = valueAt(holdings, event.prices);
    if ('missing' in total || total.value.isZero()) return;
    const assets = new Set([...holdings.keys(), ...(event.bands?.keys() ?? [])]);
    for (const asset of assets) {
      const quantity = holdings.get(asset) ?? new Decimal(0);
      const weight = quantity.isZero() ? new Decimal(0) : quantity.times(event.prices.get(asset)!).div(total.value);
      const points = series.get(asset) ?? [];
      points.push({ at, weight, band: event.bands?.get(asset) ?? fallbackBands.get(asset) });
      series.set(asset, points);
    }
  };
  for (const event of events) {
    add(event, event.at, event.holdingsBefore);
    add(event, event.completedAt ?? event.at, event.holdingsAfter);
  }
  return [...series].sort(([a], [b]) => a.localeCompare(b)).map(([asset, points]) => ({ asset, points }));
}
