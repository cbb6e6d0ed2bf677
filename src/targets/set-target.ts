// `kit rebalance set-target` and `remove-target`: change one target and rescale the others in
// proportion, so the set still sums to exactly 100%. Weights are kept to 8 decimals (0.000001%)
// and rounded by largest remainder, so thirds sum to 1 and not 0.99999999. The risk limits are
// the config's own cross-field checks run on the new set, so each limit is written in one place.
import { CHECKS, isCash } from '../config/checks.js';
import { formatProblem, type ConfigProblem } from '../config/problems.js';
import type { Config } from '../config/schema.js';
import { InvariantError, UsageError } from '../errors.js';
import { Decimal, ONE, ZERO, sum } from '../money.js';

export interface TargetLimits {
  config: Pick<Config, 'risk' | 'sectors' | 'cash_assets' | 'bands'>;
}

export interface TargetChangeResult {
  before: Map<string, Decimal>;
  after: Map<string, Decimal>;
}

/** Targets are kept to this many decimals of a fraction: 0.000001%. */
const PLACES = 8;
/**
 * Remainders that agree to this many decimals past `places` are a tie: the last digits of a
 * 40-digit division are noise, not a reason to prefer one asset.
 */
const TIE_PLACES = 16;

const pct = (fraction: Decimal) => `${fraction.times(100).toFixed()}%`;

/** kit rebalance set-target ASSET PCT */
export function setTarget(current: ReadonlyMap<string, Decimal>, asset: string, target: Decimal, limits: TargetLimits): TargetChangeResult {
  const symbol = normaliseAsset(asset);
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

  const others = new Map([...current].filter(([key]) => key !== symbol));
  const rest = ONE.minus(target);
  if (others.size === 0 && !rest.isZero()) {
    const how = current.has(symbol) ? `${symbol} is the only target and there are no other targets to rescale; add another target first` : `there are no other targets to rescale; the first target must be 100%`;
    throw new UsageError(`Refused: ${what}: ${how}`);
  }
  const othersTotal = sum(others.values());
  if (others.size > 0 && !rest.isZero() && othersTotal.lte(0)) {
    const names = [...others.keys()];
    const how =
      names.length === 1
        ? `the only other target, ${names[0]}, is 0% and cannot be scaled up to fill the remaining ${pct(rest)}; set ${names[0]} to ${pct(rest)} instead`
        : `the other targets (${names.join(', ')}) are all 0% and cannot be scaled up to fill the remaining ${pct(rest)}; set one of them to ${pct(rest)} instead`;
    throw new UsageError(`Refused: ${what}: ${how}`);
  }

  const scaled = new Map([...others].map(([key, value]) => [key, rest.isZero() ? ZERO : value.times(rest).div(othersTotal)]));
  // A copy keeps each asset where it was; a new asset goes to the end.
  const after = new Map(current);
  for (const [key, value] of allocateExact(scaled, rest)) after.set(key, value);
  after.set(symbol, target);
  refuseBrokenLimits(after, limits, what);
  return { before: new Map(current), after };
}

/** kit rebalance remove-target ASSET */
export function removeTarget(current: ReadonlyMap<string, Decimal>, asset: string, limits: TargetLimits): TargetChangeResult {
  const symbol = normaliseAsset(asset);
  const what = `removing ${symbol}`;
  if (!current.has(symbol)) {
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
  const othersTotal = sum(others.values());
  if (othersTotal.lte(0)) {
    throw new UsageError(
      `Refused: ${what}: the other targets (${[...others.keys()].join(', ')}) are all 0% and cannot be scaled up to 100%; set one of them above 0% first`,
    );
  }
  const after = allocateExact(new Map([...others].map(([key, value]) => [key, value.div(othersTotal)])), ONE);
  refuseBrokenLimits(after, limits, what);
  return { before: new Map(current), after };
}

/**
 * Rounds fractions to `places` decimals (default 8) so they sum to exactly `total`, by largest
 * remainder (ties: larger value first, then key order). The values must already sum to `total`
 * within one unit of the last place per value: this rounds, it does not rescale.
 */
export function allocateExact(values: ReadonlyMap<string, Decimal>, total: Decimal, places = PLACES): Map<string, Decimal> {
  if (!Number.isInteger(places) || places < 0) throw new InvariantError(`allocateExact: places must be a whole number of 0 or more, not ${places}`);
  if (!total.isFinite() || total.decimalPlaces() > places) throw new InvariantError(`allocateExact: the total ${total.toFixed()} has more than ${places} decimals`);
  const unit = new Decimal(10).pow(-places);
  const rows = [...values].map(([key, value], index) => {
    const floor = value.toDecimalPlaces(places, Decimal.ROUND_FLOOR);
    return { key, value, floor, remainder: value.minus(floor).toDecimalPlaces(places + TIE_PLACES, Decimal.ROUND_HALF_EVEN), index };
  });
  const missing = total.minus(sum(rows.map((row) => row.floor))).div(unit);
  if (!missing.isInteger() || missing.lt(0) || missing.gt(rows.length)) {
    throw new InvariantError(`allocateExact: the values sum to ${sum(values.values()).toFixed()}, which rounding to ${places} decimals cannot make ${total.toFixed()}`);
  }
  const order = [...rows].sort((a, b) => b.remainder.comparedTo(a.remainder) || b.value.comparedTo(a.value) || a.index - b.index);
  const raised = new Set(order.slice(0, missing.toNumber()).map((row) => row.key));
  return new Map(rows.map((row) => [row.key, raised.has(row.key) ? row.floor.plus(unit) : row.floor]));
}

function normaliseAsset(asset: string): string {
  return asset.trim().toUpperCase();
}

/** The cash asset other than `asset` that holds the cash bucket's target, when `asset` is cash too. */
function otherCashTarget(current: ReadonlyMap<string, Decimal>, asset: string, cashAssets: readonly string[]): string | undefined {
  if (!isCash(asset, cashAssets)) return undefined;
  return [...current.keys()].find((key) => key !== asset && isCash(key, cashAssets));
}

/** Runs the config's cross-field checks on the new set; every problem found is listed. */
function refuseBrokenLimits(after: ReadonlyMap<string, Decimal>, limits: TargetLimits, what: string): void {
  const { risk, sectors, cash_assets, bands } = limits.config;
  const config = { targets: Object.fromEntries(after), risk, sectors, cash_assets, bands };
  const problems: ConfigProblem[] = [];
  for (const check of CHECKS) check(config, problems, new Set());
  const lines = problems.map((problem) => formatProblem('', problem));
  if (lines.length === 1) throw new UsageError(`Refused: ${what} would break a risk limit: ${lines[0]}`);
  if (lines.length > 1) {
    throw new UsageError(`Refused: ${what} would break ${lines.length} risk limits:`, { details: lines.map((line) => `  - ${line}`).join('\n') });
  }
}
