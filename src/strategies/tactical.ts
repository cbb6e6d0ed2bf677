// Tactical tilts: momentum and sentiment lean each risk target up to max_tilt away from its base.
// The order is fixed: (1) tilt every non-cash target by signal × max_tilt, floored at 0;
// (2) renormalise through the cash bucket, scaling the positive tilts down when cash cannot fund
// them; (3) enforce the risk limits; (4) bring every tilt back within max_tilt: an excess above is
// clipped onto cash, and when the limits pushed an asset further below, all tilts are pulled back
// toward the base together (both ends keep the limits, so the blend does too). When the base
// itself breaks a limit, the limit wins over max_tilt for that pull-back.
import type { Diagnostic } from '../diagnostics.js';
import { InvariantError } from '../errors.js';
import { formatPercent, formatSignedPercent } from '../format.js';
import { Decimal, ONE, ZERO, sum } from '../money.js';
import type { PricePoint } from '../ports.js';
import { assertTargets, enforceLimits, floorWeight, headroom, limitBreaches, placeRemainder, type ExposureLimits } from '../risk/exposure.js';

const DAY_MS = 86_400_000;

/** Return over the lookback: current price / the last close at or before now - lookbackDays, minus 1. */
export function momentumReturns(
  histories: ReadonlyMap<string, readonly PricePoint[]>,
  prices: ReadonlyMap<string, Decimal>,
  now: Date,
  lookbackDays: number,
): { returns: Map<string, Decimal>; diagnostics: Diagnostic[] } {
  const cutoff = now.getTime() - lookbackDays * DAY_MS;
  const returns = new Map<string, Decimal>();
  const diagnostics: Diagnostic[] = [];
  for (const [asset, price] of prices) {
    let reference: PricePoint | undefined;
    for (const point of histories.get(asset) ?? []) {
      if (point.at.getTime() <= cutoff && (!reference || point.at > reference.at)) reference = point;
    }
    if (!reference) {
      const day = new Date(cutoff).toISOString().slice(0, 10);
      diagnostics.push({ severity: 'info', code: 'tactical.momentum_unavailable', asset, message: `${asset} has no close on or before ${day} (${lookbackDays} days back); it gets no momentum tilt.` });
      continue;
    }
    if (!reference.price.gt(0)) throw new InvariantError(`momentumReturns needs positive closes; ${asset} has ${reference.price.toFixed()} at ${reference.at.toISOString()}.`);
    returns.set(asset, price.div(reference.price).minus(ONE));
  }
  return { returns, diagnostics };
}

export interface TiltInput {
  cashKey: string;
  /** The most a target may move from its base, as a fraction (0.05 = 5 points). */
  maxTilt: Decimal;
  momentum?: ReadonlyMap<string, Decimal> | undefined;
  momentumWeight: Decimal;
  /** A return of this size (0.2) gives a full momentum signal. */
  fullTiltReturn: Decimal;
  /** Scores in [-1, 1]. */
  sentiment?: ReadonlyMap<string, Decimal> | undefined;
  sentimentWeight: Decimal;
  limits: ExposureLimits;
}

export function tiltTargets(
  base: ReadonlyMap<string, Decimal>,
  input: TiltInput,
): { targets: Map<string, Decimal>; tilts: Map<string, Decimal>; diagnostics: Diagnostic[] } {
  const { cashKey, maxTilt, limits } = input;
  assertTargets('tiltTargets', base);
  if (maxTilt.isNegative()) throw new InvariantError(`tiltTargets needs max_tilt of at least 0; got ${maxTilt.toFixed()}.`);
  if (input.momentum && !input.fullTiltReturn.gt(0)) throw new InvariantError(`tiltTargets needs fullTiltReturn above 0; got ${input.fullTiltReturn.toFixed()}.`);
  if (limits.cashKey !== cashKey) throw new InvariantError(`tiltTargets got cash bucket ${cashKey} but limits for ${limits.cashKey}.`);
  const diagnostics: Diagnostic[] = [];
  const assets = [...base.keys()].filter((asset) => asset !== cashKey);
  const baseOf = (asset: string) => base.get(asset) ?? ZERO;
  const withinTilt = (targets: ReadonlyMap<string, Decimal>) => (asset: string, amount: Decimal) =>
    (targets.get(asset) ?? ZERO).plus(amount).minus(baseOf(asset)).abs().lte(maxTilt);

  // (1) tilt
  const tilted = new Map(base);
  for (const asset of assets) {
    // Rounded toward zero to 1e-8, so a tilt never exceeds max_tilt.
    const tilt = signal(asset, input, diagnostics).times(maxTilt).toDecimalPlaces(8, Decimal.ROUND_DOWN);
    tilted.set(asset, Decimal.max(ZERO, baseOf(asset).plus(tilt)));
  }

  // (2) renormalise through cash
  const moves = assets.map((asset) => tilted.get(asset)!.minus(baseOf(asset)));
  const up = sum(moves.filter((move) => move.gt(0)));
  const freed = sum(moves.filter((move) => move.isNegative())).negated();
  const cashBase = base.get(cashKey) ?? ZERO;
  const budget = cashBase.plus(freed);
  if (budget.gte(up)) {
    if (base.has(cashKey) || budget.gt(up)) tilted.set(cashKey, budget.minus(up));
  } else {
    for (const [i, asset] of assets.entries()) {
      if (moves[i]!.gt(0)) tilted.set(asset, baseOf(asset).plus(floorWeight(moves[i]!.times(budget).div(up))));
    }
    if (base.has(cashKey)) tilted.set(cashKey, ZERO);
    placeRemainder(tilted, cashKey, withinTilt(tilted));
    const share = formatPercent(budget.div(up));
    diagnostics.push({ severity: 'info', code: 'tactical.tilts_scaled', message: `Positive tilts scaled to ${share} of their size: cash ${cashKey} (${formatPercent(cashBase)}) and the negative tilts cannot fund ${formatPercent(up)}.` });
  }

  // (3) risk limits, (4) the tilt bound
  const limited = enforceLimits(tilted, limits);
  diagnostics.push(...limited.diagnostics);
  const targets = boundTilts(limited.targets, base, input, diagnostics);
  placeRemainder(targets, cashKey, (asset, amount) => limits.minCashReserve.lte(0) && headroom(targets, asset, limits).gte(amount) && withinTilt(targets)(asset, amount));
  if (!base.has(cashKey) && targets.get(cashKey)?.isZero()) targets.delete(cashKey);

  const tilts = new Map([...targets].map(([asset, target]) => [asset, target.minus(base.get(asset) ?? ZERO)]));
  return { targets, tilts, diagnostics };
}

/** clamp(momentumWeight × clamp(return / fullTiltReturn) + sentimentWeight × clamp(score)), each clamp to [-1, 1]. */
function signal(asset: string, input: TiltInput, diagnostics: Diagnostic[]): Decimal {
  let total = ZERO;
  const momentum = input.momentum?.get(asset);
  if (momentum) total = total.plus(input.momentumWeight.times(clamp(momentum.div(input.fullTiltReturn))));
  const score = input.sentiment?.get(asset);
  if (score) {
    const used = clamp(score);
    if (!used.eq(score)) {
      diagnostics.push({ severity: 'info', code: 'tactical.sentiment_clamped', asset, message: `${asset} sentiment score ${score.toFixed()} is outside [-1, 1]; it counts as ${used.toFixed()}.` });
    }
    total = total.plus(input.sentimentWeight.times(used));
  }
  return clamp(total);
}

function clamp(value: Decimal): Decimal {
  return Decimal.min(ONE, Decimal.max(ONE.negated(), value));
}

/** Step (4): every non-cash target within maxTilt of its base, keeping the limits. */
function boundTilts(limited: Map<string, Decimal>, base: ReadonlyMap<string, Decimal>, input: TiltInput, diagnostics: Diagnostic[]): Map<string, Decimal> {
  const { cashKey, maxTilt } = input;
  const targets = new Map(limited);
  const assets = [...targets.keys()].filter((asset) => asset !== cashKey);
  const tiltOf = (asset: string) => targets.get(asset)!.minus(base.get(asset) ?? ZERO);

  let excess = ZERO;
  for (const asset of assets) {
    const over = tiltOf(asset).minus(maxTilt);
    if (!over.gt(0)) continue;
    diagnostics.push({ severity: 'info', code: 'tactical.tilt_clipped', asset, message: `${asset} tilt ${formatSignedPercent(tiltOf(asset))} after the risk limits is clipped to max_tilt ${formatPercent(maxTilt)}; the rest goes to cash.` });
    targets.set(asset, targets.get(asset)!.minus(over));
    excess = excess.plus(over);
  }
  if (excess.gt(0)) targets.set(cashKey, (targets.get(cashKey) ?? ZERO).plus(excess));

  const deepest = assets.reduce((worst, asset) => Decimal.max(worst, tiltOf(asset).negated()), ZERO);
  if (deepest.lte(maxTilt) || limitBreaches(base, input.limits).length > 0) return targets;
  for (const asset of assets) {
    const tilt = tiltOf(asset);
    if (tilt.isZero()) continue;
    const pulled = Decimal.max(tilt.times(maxTilt).div(deepest).toDecimalPlaces(8, Decimal.ROUND_FLOOR), maxTilt.negated());
    targets.set(asset, Decimal.max(ZERO, (base.get(asset) ?? ZERO).plus(pulled)));
  }
  if (targets.has(cashKey)) targets.set(cashKey, ONE.minus(sum(assets.map((asset) => targets.get(asset)!))));
  const share = formatPercent(maxTilt.div(deepest));
  diagnostics.push({ severity: 'info', code: 'tactical.tilts_pulled_back', message: `Tilts pulled back to ${share} of their size: after the risk limits an asset sat ${formatPercent(deepest)} below its base target, more than max_tilt ${formatPercent(maxTilt)}.` });
  return targets;
}
