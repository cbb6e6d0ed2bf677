// How much the held assets move together: Pearson correlation of daily returns per pair, and a
// weight-weighted average. Each pair's returns run between the UTC dates both assets have a close
// on, so an equity's Friday-to-Monday return meets the crypto asset's return over the same three
// days, not its Sunday-to-Monday one. Statistics are JS numbers; prices stay Decimal until a return.
import type { Diagnostic } from '../diagnostics.js';
import { InvariantError } from '../errors.js';
import type { Decimal } from '../money.js';
import type { PricePoint } from '../ports.js';

const DAY_MS = 86_400_000;

export interface CorrelationPair {
  a: string;
  b: string;
  correlation: number;
  /** Common daily returns the correlation is computed from. */
  observations: number;
}

export interface CorrelationReport {
  /** By correlation, highest first, then by names. */
  pairs: CorrelationPair[];
  weightedAverage?: number;
  worst?: { a: string; b: string; correlation: number };
  diagnostics: Diagnostic[];
}

export function correlationReport(input: {
  histories: ReadonlyMap<string, readonly PricePoint[]>;
  weights: ReadonlyMap<string, Decimal>;
  now: Date;
  lookbackDays: number;
  maxCorrelation: number;
  minObservations?: number | undefined;
}): CorrelationReport {
  const { histories, weights, now, lookbackDays, maxCorrelation } = input;
  if (!(lookbackDays > 0)) throw new InvariantError(`correlationReport needs lookbackDays above 0; got ${lookbackDays}.`);
  const needed = Math.max(2, input.minObservations ?? 20);
  const over = `over ${lookbackDays} days`;
  const assets = [...weights].filter(([, weight]) => weight.gt(0)).map(([asset]) => asset);
  const closes = new Map(assets.map((asset) => [asset, dailyCloses(asset, histories.get(asset) ?? [], now.getTime() - lookbackDays * DAY_MS, now.getTime())]));

  const pairs: CorrelationPair[] = [];
  const short: string[] = [];
  const flat = new Map<string, string[]>();
  for (const [i, a] of assets.entries()) {
    for (const b of assets.slice(i + 1)) {
      const [x, y] = pairReturns(closes.get(a)!, closes.get(b)!);
      if (x.length < needed) short.push(`${a}/${b} (${x.length})`);
      else if (isFlat(x) || isFlat(y)) {
        if (isFlat(x)) flat.set(a, [...(flat.get(a) ?? []), b]);
        if (isFlat(y)) flat.set(b, [...(flat.get(b) ?? []), a]);
      } else pairs.push({ a, b, correlation: pearson(x, y), observations: x.length });
    }
  }
  pairs.sort((p, q) => q.correlation - p.correlation || byName(p.a, q.a) || byName(p.b, q.b));

  const diagnostics: Diagnostic[] = [];
  if (short.length > 0) {
    diagnostics.push({
      severity: 'info',
      code: 'risk.correlation_insufficient_data',
      message: `Too little price history to correlate ${short.join(', ')} ${over}: fewer than ${needed} common daily returns; these pairs are left out.`,
    });
  }
  for (const [asset, others] of flat) {
    diagnostics.push({
      severity: 'info',
      code: 'risk.correlation_undefined',
      asset,
      message: `${asset}'s price did not move ${over}, so its correlation with ${others.join(', ')} is undefined and left out.`,
    });
  }
  if (pairs.length === 0) return { pairs, diagnostics };

  const weight = (asset: string) => weights.get(asset)!.toNumber();
  const product = (pair: CorrelationPair) => weight(pair.a) * weight(pair.b);
  const weightedAverage = pairs.reduce((acc, pair) => acc + product(pair) * pair.correlation, 0) / pairs.reduce((acc, pair) => acc + product(pair), 0);
  const { a, b, correlation } = pairs[0]!;
  const high = (message: string) => diagnostics.push({ severity: 'warning', code: 'risk.correlation_high', message });
  // With one pair the average is that pair; the pair's warning alone says more.
  if (pairs.length > 1 && weightedAverage > maxCorrelation) {
    high(`Portfolio correlation ${weightedAverage.toFixed(2)} (weighted average of ${pairs.length} pairs ${over}) is above max_correlation ${maxCorrelation}.`);
  }
  if (correlation > maxCorrelation) high(`${a} and ${b} moved together at ${correlation.toFixed(2)} ${over}, above max_correlation ${maxCorrelation}.`);
  return { pairs, weightedAverage, worst: { a, b, correlation }, diagnostics };
}

/** The last price of each UTC date within (from, to], in date order. */
function dailyCloses(asset: string, points: readonly PricePoint[], from: number, to: number): Map<string, Decimal> {
  const closes = new Map<string, Decimal>();
  const inWindow = points.filter((point) => point.at.getTime() > from && point.at.getTime() <= to);
  for (const point of inWindow.sort((p, q) => p.at.getTime() - q.at.getTime())) {
    if (!point.price.gt(0)) throw new InvariantError(`correlationReport needs positive prices; ${asset} has ${point.price.toFixed()} at ${point.at.toISOString()}.`);
    closes.set(point.at.toISOString().slice(0, 10), point.price);
  }
  return closes;
}

/** Simple returns of both assets between consecutive dates that both have a close on. */
function pairReturns(a: ReadonlyMap<string, Decimal>, b: ReadonlyMap<string, Decimal>): [number[], number[]] {
  const dates = [...a.keys()].filter((date) => b.has(date));
  const change = (closes: ReadonlyMap<string, Decimal>, i: number) => closes.get(dates[i]!)!.div(closes.get(dates[i - 1]!)!).minus(1).toNumber();
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 1; i < dates.length; i++) {
    x.push(change(a, i));
    y.push(change(b, i));
  }
  return [x, y];
}

function pearson(x: readonly number[], y: readonly number[]): number {
  const mean = (values: readonly number[]) => values.reduce((acc, v) => acc + v, 0) / values.length;
  const mx = mean(x);
  const my = mean(y);
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (const [i, xi] of x.entries()) {
    const dx = xi - mx;
    const dy = y[i]! - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Zero variance: every return the same (a stablecoin, or a price that never changed). */
function isFlat(returns: readonly number[]): boolean {
  return returns.every((r) => r === returns[0]);
}

function byName(p: string, q: string): number {
  return p < q ? -1 : p > q ? 1 : 0;
}
