// Pinned targets: the ones a user set explicitly with `set-target` since the last reset. A change
// rescales only the targets not pinned, so `set-target BTC 45%` then `set-target ETH 30%` leaves
// BTC at 45%. When nothing unpinned is left to take up the difference, the change is refused with
// the arithmetic and the ways out (--rescale-all, or reset-targets), never silently spread.
import { UsageError } from '../errors.js';
import { ONE, sum, type Decimal } from '../money.js';

export interface TargetChangeOptions {
  /** The pinned targets: kept as they are by the change unless `rescaleAll`. */
  pinned?: ReadonlySet<string> | undefined;
  /** Rescale every other target, pinned or not; their pins go, since they no longer hold what was set. */
  rescaleAll?: boolean | undefined;
}

export const pct = (fraction: Decimal) => `${fraction.times(100).toFixed()}%`;

const WAYS_OUT = 'add --rescale-all to rescale the pinned targets too, or run kit rebalance reset-targets to go back to the config\'s targets and unpin them';

/** The other targets split into those the change keeps (pinned) and those it may rescale. */
export function splitPinned(others: ReadonlyMap<string, Decimal>, options: TargetChangeOptions): { kept: Map<string, Decimal>; free: Map<string, Decimal> } {
  const pinned = options.rescaleAll ? new Set<string>() : (options.pinned ?? new Set<string>());
  const kept = new Map([...others].filter(([asset]) => pinned.has(asset)));
  const free = new Map([...others].filter(([asset]) => !pinned.has(asset)));
  return { kept, free };
}

/** The pins after a change: the earlier ones still kept, in their order, then `added`. */
export function pinsAfter(options: TargetChangeOptions, kept: ReadonlyMap<string, Decimal>, added?: string): Set<string> {
  const earlier = [...(options.pinned ?? [])].filter((asset) => kept.has(asset) && asset !== added);
  return new Set(added ? [...earlier, added] : earlier);
}

const terms = (kept: ReadonlyMap<string, Decimal>) => [...kept].map(([asset, value]) => `${asset} ${pct(value)}`).join(' + ');

/** The asset's target and the pinned ones add up to more than 100%. */
export function refuseOverPinned(what: string, symbol: string, target: Decimal, kept: ReadonlyMap<string, Decimal>): never {
  const total = target.plus(sum(kept.values()));
  const room = ONE.minus(sum(kept.values()));
  throw new UsageError(`Refused: ${what}: ${symbol} ${pct(target)} + the pinned ${terms(kept)} = ${pct(total)}, over 100%. Set ${symbol} to at most ${pct(room)}, or ${WAYS_OUT}`);
}

/** Every other target is pinned and the set would not add up to 100%. */
export function refuseNothingToRescale(what: string, symbol: string, target: Decimal, kept: ReadonlyMap<string, Decimal>): never {
  const total = target.plus(sum(kept.values()));
  const fits = ONE.minus(sum(kept.values()));
  throw new UsageError(
    `Refused: ${what}: every other target is pinned, so nothing is left to rescale: ${symbol} ${pct(target)} + the pinned ${terms(kept)} = ${pct(total)}, not 100%. ` +
      `Set ${symbol} to ${pct(fits)} to keep the pinned targets, or ${WAYS_OUT}`,
  );
}

/** Removing an asset whose weight no unpinned target can take. */
export function refuseRemovalPinned(what: string, symbol: string, weight: Decimal, kept: ReadonlyMap<string, Decimal>): never {
  throw new UsageError(
    `Refused: ${what}: every other target is pinned (${terms(kept)} = ${pct(sum(kept.values()))}), so nothing is left to take ${symbol}'s ${pct(weight)}; ${WAYS_OUT}`,
  );
}
