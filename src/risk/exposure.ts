// Risk limits on a target set: a max per asset, a max per sector, a minimum cash reserve.
// Weight taken off a capped asset first counts toward the cash reserve, then goes to the assets
// that still have room, in proportion to their targets; what fits nowhere stays on cash. Scaled
// weights are floored to 1e-8, so a rounding never lifts a target over a limit, and the rounding
// remainder lands on cash: the result always sums to exactly 1.
import type { Diagnostic } from '../diagnostics.js';
import { InvariantError } from '../errors.js';
import { formatPercent } from '../format.js';
import { Decimal, ONE, ZERO, sum } from '../money.js';

export interface SectorLimit {
  name: string;
  assets: readonly string[];
  max?: Decimal | undefined;
}

export interface ExposureLimits {
  maxSingleAsset: Decimal;
  sectors: readonly SectorLimit[];
  /** The cash bucket's key in the targets (USDC, CASH, ...). */
  cashKey: string;
  minCashReserve: Decimal;
}

/** Redistribution fills an asset or a sector each round, or places everything; this bounds the dust rounds. */
const MAX_ROUNDS = 64;

export function enforceLimits(
  targets: ReadonlyMap<string, Decimal>,
  limits: ExposureLimits,
): { targets: Map<string, Decimal>; diagnostics: Diagnostic[] } {
  assertTargets('enforceLimits', targets);
  const { cashKey, maxSingleAsset, minCashReserve } = limits;
  const next = new Map(targets);
  const assets = [...next.keys()].filter((asset) => asset !== cashKey);
  const get = (asset: string) => next.get(asset) ?? ZERO;
  const cash = () => ONE.minus(sum(assets.map(get)));
  const diagnostics: Diagnostic[] = [];
  const clamped = (message: string, asset?: string) =>
    diagnostics.push({ severity: 'info', code: 'risk.target_clamped', message, ...(asset === undefined ? {} : { asset }) });
  let removed = ZERO;

  for (const asset of assets) {
    const target = get(asset);
    if (target.lte(maxSingleAsset)) continue;
    next.set(asset, maxSingleAsset);
    removed = removed.plus(target.minus(maxSingleAsset));
    clamped(`${asset} target ${percents(target, maxSingleAsset)[0]} capped at max_single_asset ${formatPercent(maxSingleAsset)}`, asset);
  }

  for (const sector of limits.sectors) {
    if (sector.max === undefined) continue;
    const members = assets.filter((asset) => sector.assets.includes(asset));
    const total = sum(members.map(get));
    if (total.lte(sector.max)) continue;
    for (const asset of members) {
      const scaled = floorWeight(get(asset).times(sector.max).div(total));
      removed = removed.plus(get(asset).minus(scaled));
      next.set(asset, scaled);
    }
    clamped(`sector ${sector.name} targets ${percents(total, sector.max)[0]} scaled to its max ${formatPercent(sector.max)}`);
  }

  const cashBefore = cash();
  if (cashBefore.lt(minCashReserve) && cashBefore.lt(ONE)) {
    const keep = Decimal.max(ZERO, ONE.minus(minCashReserve));
    for (const asset of assets) next.set(asset, floorWeight(get(asset).times(keep).div(ONE.minus(cashBefore))));
    const original = targets.get(cashKey) ?? ZERO;
    clamped(`${cashKey} cash target ${formatPercent(original)} raised to min_cash_reserve ${formatPercent(minCashReserve)}`, cashKey);
  }

  redistribute(next, assets, limits, Decimal.min(removed, cash().minus(minCashReserve)));
  placeRemainder(next, cashKey, (asset, amount) => minCashReserve.lte(0) && headroom(next, asset, limits).gte(amount));
  return { targets: next, diagnostics };
}

/** Weights above a limit (or cash below the reserve), as warnings; for current or post-trade weights. */
export function limitBreaches(weights: ReadonlyMap<string, Decimal>, limits: ExposureLimits): Diagnostic[] {
  const breaches: Diagnostic[] = [];
  const breach = (message: string, asset?: string) =>
    breaches.push({ severity: 'warning', code: 'risk.limit_breached', message, ...(asset === undefined ? {} : { asset }) });
  for (const [asset, weight] of weights) {
    if (asset === limits.cashKey || weight.lte(limits.maxSingleAsset)) continue;
    const [shown, limit] = percents(weight, limits.maxSingleAsset);
    breach(`${asset} weight ${shown} is above max_single_asset ${limit}`, asset);
  }
  for (const sector of limits.sectors) {
    const total = sectorTotal(weights, sector, limits.cashKey);
    if (sector.max === undefined || total.lte(sector.max)) continue;
    const [shown, limit] = percents(total, sector.max);
    breach(`sector ${sector.name}${sector.assets.length > 0 ? ` (${sector.assets.join(', ')})` : ''} weight ${shown} is above its max ${limit}`);
  }
  const cash = weights.get(limits.cashKey) ?? ZERO;
  if (cash.lt(limits.minCashReserve)) {
    const [shown, limit] = percents(cash, limits.minCashReserve);
    breach(`${limits.cashKey} cash weight ${shown} is below min_cash_reserve ${limit}`, limits.cashKey);
  }
  return breaches;
}

// ---- shared with the tactical strategy

/** Floors a weight to 1e-8 (the one rounding of target weights): a scaled weight never rounds up past a limit. */
export function floorWeight(weight: Decimal): Decimal {
  return weight.toDecimalPlaces(8, Decimal.ROUND_DOWN);
}

/** How much more `asset` may take before it reaches max_single_asset or its sector's max. */
export function headroom(targets: ReadonlyMap<string, Decimal>, asset: string, limits: ExposureLimits): Decimal {
  let room = limits.maxSingleAsset.minus(targets.get(asset) ?? ZERO);
  for (const sector of limits.sectors) {
    if (sector.max === undefined || !sector.assets.includes(asset)) continue;
    room = Decimal.min(room, sector.max.minus(sectorTotal(targets, sector, limits.cashKey)));
  }
  return room;
}

/**
 * Puts 1 - sum(targets) on the cash bucket. Without one, on the largest target if `fits` says it
 * may take it, else on a new cash bucket at the end.
 */
export function placeRemainder(targets: Map<string, Decimal>, cashKey: string, fits: (asset: string, amount: Decimal) => boolean): void {
  const rest = ONE.minus(sum(targets.values()));
  if (rest.isZero()) return;
  const cash = targets.get(cashKey);
  if (cash !== undefined) {
    targets.set(cashKey, cash.plus(rest));
    return;
  }
  if (rest.isNegative()) throw new InvariantError(`Targets sum to ${ONE.minus(rest).toFixed()}, above 1, and there is no ${cashKey} bucket to take it from.`);
  let largest: string | undefined;
  for (const [asset, target] of targets) if (largest === undefined || target.gt(targets.get(largest)!)) largest = asset;
  if (largest !== undefined && fits(largest, rest)) targets.set(largest, targets.get(largest)!.plus(rest));
  else targets.set(cashKey, rest);
}

export function assertTargets(caller: string, targets: ReadonlyMap<string, Decimal>): void {
  const total = sum(targets.values());
  const negative = [...targets].find(([, target]) => target.isNegative());
  if (!total.eq(ONE) || negative) {
    const problem = negative ? `${negative[0]} is ${negative[1].toFixed()}` : `they sum to ${total.toFixed()}`;
    throw new InvariantError(`${caller} needs targets of at least 0 that sum to exactly 1; ${problem}.`);
  }
}

// ---- internals

/**
 * Hands `amount` to the assets with room, in proportion to their targets, until placed or all
 * full. A sector whose max bound in a round is full from then on, so that its rounding dust of
 * room does not keep taking shares that it then cannot hold.
 */
function redistribute(next: Map<string, Decimal>, assets: readonly string[], limits: ExposureLimits, amount: Decimal): void {
  const get = (asset: string) => next.get(asset) ?? ZERO;
  const full = new Set<string>();
  let pool = amount;
  for (let round = 0; pool.gt(0) && round < MAX_ROUNDS; round++) {
    const open = assets.filter((asset) => !full.has(asset) && get(asset).gt(0) && headroom(next, asset, limits).gt(0));
    const weight = sum(open.map(get));
    if (open.length === 0) break;
    const fullBefore = full.size;
    const shares = new Map(open.map((asset) => [asset, Decimal.min(floorWeight(pool.times(get(asset)).div(weight)), limits.maxSingleAsset.minus(get(asset)))]));
    for (const sector of limits.sectors) {
      if (sector.max === undefined) continue;
      const members = open.filter((asset) => sector.assets.includes(asset));
      const wanted = sum(members.map((asset) => shares.get(asset)!));
      const room = sector.max.minus(sectorTotal(next, sector, limits.cashKey));
      if (wanted.lte(room)) continue;
      for (const asset of members) {
        shares.set(asset, floorWeight(shares.get(asset)!.times(room).div(wanted)));
        full.add(asset);
      }
    }
    const placed = sum(shares.values());
    if (placed.isZero() && full.size === fullBefore) break;
    for (const [asset, share] of shares) next.set(asset, get(asset).plus(share));
    pool = pool.minus(placed);
  }
}

function sectorTotal(weights: ReadonlyMap<string, Decimal>, sector: SectorLimit, cashKey: string): Decimal {
  return sum(sector.assets.filter((asset) => asset !== cashKey).map((asset) => weights.get(asset) ?? ZERO));
}

/** Both as percentages, the first with enough decimals to differ from the limit ("50.02%" above "50.0%"). */
function percents(value: Decimal, limit: Decimal): [string, string] {
  let places = 1;
  while (places < 6 && formatPercent(value, places) === formatPercent(limit, places)) places++;
  return [formatPercent(value, places), formatPercent(limit)];
}
