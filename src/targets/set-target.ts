// `kit rebalance set-target` and `remove-target`: change one target and rescale the others in
// proportion, so the set still sums to exactly 100%. Pinned targets (pins.ts) are kept; only the
// others are rescaled. Weights are kept to 8 decimals (0.000001%) and rounded by largest remainder
// (allocate-exact.ts). The risk limits are the config's own cross-field checks run on the new set,
// so each limit is written in one place.
import { CHECKS, isCash } from '../config/checks.js';
import { isAssetSymbol } from '../config/fields.js';
import { formatProblem, type ConfigProblem } from '../config/problems.js';
import type { Config } from '../config/schema.js';
import { UsageError } from '../errors.js';
import { ONE, ZERO, sum, type Decimal } from '../money.js';
import { allocateExact, PLACES } from './allocate-exact.js';
import { pct, pinsAfter, refuseNothingToRescale, refuseOverPinned, refuseRemovalPinned, splitPinned, type TargetChangeOptions } from './pins.js';

export { allocateExact } from './allocate-exact.js';
export type { TargetChangeOptions } from './pins.js';

export interface TargetLimits {
  config: Pick<Config, 'risk' | 'sectors' | 'cash_assets' | 'bands'>;
}

export interface TargetChangeResult {
  before: Map<string, Decimal>;
  after: Map<string, Decimal>;
  /** The pinned targets after the change. */
  pinned: Set<string>;
  /** The targets rescaled to make room (the other targets were kept, being pinned). */
  rescaled: string[];
}

/** kit rebalance set-target ASSET PCT */
export function setTarget(current: ReadonlyMap<string, Decimal>, asset: string, target: Decimal, limits: TargetLimits, options: TargetChangeOptions = {}): TargetChangeResult {
  const symbol = assetSymbol(asset);
  const what = `${symbol} ${pct(target)}`;
  if (!target.isFinite() || target.lt(0) || target.gt(1)) {
    throw new UsageError(`Refused: ${what} is not a target; give a percent from 0% to 100%`);
  }
  if (target.decimalPlaces() > PLACES) {
    throw new UsageError(`Refused: ${what} has more than ${PLACES - 2} decimals; round it, for example to ${pct(target.toDecimalPlaces(PLACES))}`);
  }
  const cashKey = otherCashTarget(current, symbol, limits.config.cash_assets);
  if (cashKey) {
    throw new UsageError(`Refused: ${what}: ${symbol} is cash, and the cash bucket's target is on ${cashKey}; set ${cashKey} instead (kit rebalance set-target ${cashKey} ${pct(target)})`);
  }

  const { kept, free } = splitPinned(new Map([...current].filter(([key]) => key !== symbol)), options);
  const rest = ONE.minus(target).minus(sum(kept.values()));
  if (rest.isNegative()) refuseOverPinned(what, symbol, target, kept);
  if (free.size === 0 && !rest.isZero()) {
    if (kept.size > 0) refuseNothingToRescale(what, symbol, target, kept);
    const how = current.has(symbol) ? `${symbol} is the only target and there are no other targets to rescale; add another target first` : `there are no other targets to rescale; the first target must be 100%`;
    throw new UsageError(`Refused: ${what}: ${how}`);
  }
  const freeTotal = sum(free.values());
  if (free.size > 0 && !rest.isZero() && freeTotal.lte(0)) refuseAllZero(what, [...free.keys()], rest, kept.size > 0);

  const scaled = new Map([...free].map(([key, value]) => [key, rest.isZero() ? ZERO : value.times(rest).div(freeTotal)]));
  // A copy keeps each asset where it was; a new asset goes to the end.
  const after = new Map(current);
  for (const [key, value] of allocateExact(scaled, rest)) after.set(key, value);
  after.set(symbol, target);
  refuseBrokenLimits(after, limits, what, keptNote(kept));
  return { before: new Map(current), after, pinned: pinsAfter(options, kept, symbol), rescaled: [...free.keys()] };
}

/** kit rebalance remove-target ASSET */
export function removeTarget(current: ReadonlyMap<string, Decimal>, asset: string, limits: TargetLimits, options: TargetChangeOptions = {}): TargetChangeResult {
  const symbol = assetSymbol(asset);
  const what = `removing ${symbol}`;
  const weight = current.get(symbol);
  if (weight === undefined) {
    const cashKey = otherCashTarget(current, symbol, limits.config.cash_assets);
    const hint = cashKey
      ? `the cash bucket's target is on ${cashKey}; remove ${cashKey} instead`
      : current.size === 0
        ? 'there are no targets'
        : `the targets are ${[...current.keys()].join(', ')}`;
    throw new UsageError(`Refused: ${what}: ${symbol} has no target; ${hint}`);
  }
  const others = new Map([...current].filter(([key]) => key !== symbol));
  if (others.size === 0) {
    throw new UsageError(`Refused: ${what}: it is the only target, and the targets must add up to 100%; add another target first`);
  }
  const { kept, free } = splitPinned(others, options);
  // A 0% target leaves nothing to spread: the others stay exactly as they are.
  if (weight.isZero()) return { before: new Map(current), after: others, pinned: pinsAfter(options, kept), rescaled: [] };
  if (free.size === 0) refuseRemovalPinned(what, symbol, weight, kept);
  const rest = ONE.minus(sum(kept.values()));
  const freeTotal = sum(free.values());
  if (freeTotal.lte(0)) {
    const names = [...free.keys()].join(', ');
    throw new UsageError(
      kept.size === 0
        ? `Refused: ${what}: the other targets (${names}) are all 0% and cannot be scaled up to 100%; set one of them above 0% first`
        : `Refused: ${what}: the unpinned targets (${names}) are all 0% and cannot be scaled up to take ${symbol}'s ${pct(weight)}; set one of them above 0% first, or add --rescale-all`,
    );
  }
  const after = new Map(others);
  for (const [key, value] of allocateExact(new Map([...free].map(([key, value]) => [key, value.times(rest).div(freeTotal)])), rest)) after.set(key, value);
  refuseBrokenLimits(after, limits, what, keptNote(kept));
  return { before: new Map(current), after, pinned: pinsAfter(options, kept), rescaled: [...free.keys()] };
}

/** The asset as the config would take it: a symbol of letters and digits, upper-cased. */
export function assetSymbol(asset: string): string {
  if (!isAssetSymbol(asset)) throw new UsageError(`Refused: ${JSON.stringify(asset)} is not an asset symbol; expected letters and digits such as BTC or SPY`);
  return asset.trim().toUpperCase();
}

function refuseAllZero(what: string, names: readonly string[], rest: Decimal, pinned: boolean): never {
  const which = pinned ? 'unpinned ' : '';
  const how =
    names.length === 1
      ? `the only other ${which}target, ${names[0]}, is 0% and cannot be scaled up to fill the remaining ${pct(rest)}; set ${names[0]} to ${pct(rest)} instead`
      : `the other ${which}targets (${names.join(', ')}) are all 0% and cannot be scaled up to fill the remaining ${pct(rest)}; set one of them to ${pct(rest)} instead`;
  throw new UsageError(`Refused: ${what}: ${how}`);
}

/** The cash asset other than `asset` that holds the cash bucket's target, when `asset` is cash too. */
function otherCashTarget(current: ReadonlyMap<string, Decimal>, asset: string, cashAssets: readonly string[]): string | undefined {
  if (!isCash(asset, cashAssets)) return undefined;
  return [...current.keys()].find((key) => key !== asset && isCash(key, cashAssets));
}

/** When pins were kept, a broken limit may be theirs: say so, and how to rescale them too. */
function keptNote(kept: ReadonlyMap<string, Decimal>): string {
  if (kept.size === 0) return '';
  const names = [...kept].map(([asset, value]) => `${asset} ${pct(value)}`).join(', ');
  return ` (keeping the pinned ${names}; --rescale-all rescales ${kept.size === 1 ? 'it' : 'them'} too)`;
}

/** Runs the config's cross-field checks on the new set; every problem found is listed. */
function refuseBrokenLimits(after: ReadonlyMap<string, Decimal>, limits: TargetLimits, what: string, note = ''): void {
  const { risk, sectors, cash_assets, bands } = limits.config;
  const config = { targets: Object.fromEntries(after), risk, sectors, cash_assets, bands };
  const problems: ConfigProblem[] = [];
  for (const check of CHECKS) check(config, problems, new Set());
  const lines = problems.map((problem) => formatProblem('', problem));
  if (lines.length === 1) throw new UsageError(`Refused: ${what} would break a risk limit${note}: ${lines[0]}`);
  if (lines.length > 1) {
    throw new UsageError(`Refused: ${what} would break ${lines.length} risk limits${note}:`, { details: lines.map((line) => `  - ${line}`).join('\n') });
  }
}
