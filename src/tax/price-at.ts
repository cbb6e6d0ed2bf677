// What the FR whole-portfolio formula needs from outside: the price of any asset at any past
// instant (a report for 2025 made in 2026 values each 2025 sale at its own date). The engine takes
// a `PriceAt` function; `priceAtFromHistories` builds one from daily closes (config closes,
// price_history_file, a venue's OHLCV) covering the sales' dates. A close older than `maxAgeDays`
// before the sale is not a price at the sale: that sale is reported as missing a price.
import type { Decimal } from '../money.js';
import type { PricePoint } from '../ports.js';

/** The price of `asset` in the reporting currency at `at`, or undefined when it is not known. */
export type PriceAt = (asset: string, at: Date) => Decimal | undefined;

const DAY_MS = 86_400_000;

/** The last close at or before the instant, within `maxAgeDays` of it (binary search; each history sorted once). */
export function priceAtFromHistories(histories: ReadonlyMap<string, readonly PricePoint[]>, maxAgeDays = 7): PriceAt {
  const sorted = new Map<string, readonly PricePoint[]>();
  return (asset, at) => {
    let points = sorted.get(asset);
    if (!points) {
      points = [...(histories.get(asset) ?? [])].sort((a, b) => a.at.getTime() - b.at.getTime());
      sorted.set(asset, points);
    }
    let low = 0;
    let high = points.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (points[mid]!.at.getTime() <= at.getTime()) low = mid + 1;
      else high = mid;
    }
    const close = points[low - 1];
    return close && at.getTime() - close.at.getTime() <= maxAgeDays * DAY_MS ? close.price : undefined;
  };
}
