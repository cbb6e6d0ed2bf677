// The band each target may move in before it counts as drifted: from `bands:` per asset
// ("55-65%", "±3%", "25%" of the target), else ±drift_threshold. A band never reaches above
// max_single_asset for a risk asset, so a plan sells down what breaches that limit.
import type { BandSpec } from '../config.js';
import { Decimal, ONE, ZERO } from '../money.js';
import type { Band } from './intent.js';

export function resolveBands(
  targets: ReadonlyMap<string, Decimal>,
  specs: Readonly<Record<string, BandSpec>>,
  options: { threshold: Decimal; maxSingleAsset: Decimal; isCash: (asset: string) => boolean },
): Map<string, Band> {
  const bands = new Map<string, Band>();
  for (const [asset, target] of targets) {
    const spec = specs[asset];
    let band: Band;
    if (!spec) band = { low: target.minus(options.threshold), high: target.plus(options.threshold) };
    else if (spec.kind === 'range') band = { low: spec.low, high: spec.high };
    else if (spec.kind === 'points') band = { low: target.minus(spec.width), high: target.plus(spec.width) };
    else band = { low: target.times(ONE.minus(spec.share)), high: target.times(ONE.plus(spec.share)) };
    const high = options.isCash(asset) ? band.high : Decimal.min(band.high, options.maxSingleAsset);
    bands.set(asset, { low: Decimal.max(ZERO, band.low), high: Decimal.min(ONE, high) });
  }
  return bands;
}
