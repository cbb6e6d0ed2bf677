import { describe, expect, it } from 'vitest';
import { Decimal } from '../src/money.js';
import type { PricePoint } from '../src/ports.js';
import { correlationReport } from '../src/risk/correlation.js';

const d = (value: string | number) => new Decimal(value);
const DAY = 86_400_000;
const NOW = new Date('2026-11-23T22:00:00Z');
/** Daily closes at 21:00 UTC, the last one on NOW's date; the first close is 100. */
function closes(returns: readonly number[], { skip = () => false }: { skip?: (date: Date) => boolean } = {}): PricePoint[] {
  const last = Date.parse('2026-11-23T21:00:00Z');
  let price = d(100);
  const points: PricePoint[] = [];
  for (const [i, r] of [0, ...returns].entries()) {
    price = price.times(d(1).plus(r));
    const at = new Date(last - (returns.length - i) * DAY);
    if (!skip(at)) points.push({ at, price });
  }
  return points;
}
const pattern = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));
/** Orthogonal ±1% patterns over any multiple of 4 days. */
const S = (n: number) => pattern(n, (i) => (i % 2 === 0 ? 0.01 : -0.01));
const Z = (n: number) => pattern(n, (i) => (i % 4 < 2 ? 0.01 : -0.01));
const weights = (entries: Record<string, string>) => new Map(Object.entries(entries).map(([asset, w]) => [asset, d(w)]));
const report = (histories: Record<string, PricePoint[]>, w: Record<string, string>, extra: { lookbackDays?: number; maxCorrelation?: number; minObservations?: number } = {}) =>
  correlationReport({ histories: new Map(Object.entries(histories)), weights: weights(w), now: NOW, lookbackDays: 81, maxCorrelation: 0.8, ...extra });

describe('correlationReport', () => {
  it('gives 1 for assets that move in step, -1 for opposite moves and 0 for orthogonal ones, highest first', () => {
    const result = report(
      { BTC: closes(S(80)), ETH: closes(S(80)), GLD: closes(S(80).map((r) => -r)), SPY: closes(Z(80)) },
      { BTC: '0.4', ETH: '0.3', GLD: '0.2', SPY: '0.1' },
      { maxCorrelation: 1 },
    );
    expect(result.pairs.map(({ a, b, correlation, observations }) => [a, b, Number(correlation.toFixed(12)), observations])).toEqual([
      ['BTC', 'ETH', 1, 80],
      ['BTC', 'SPY', 0, 80],
      ['ETH', 'SPY', 0, 80],
      ['GLD', 'SPY', 0, 80],
      ['BTC', 'GLD', -1, 80],
      ['ETH', 'GLD', -1, 80],
    ]);
    expect(result.worst).toEqual({ a: 'BTC', b: 'ETH', correlation: 1 });
    expect(result.diagnostics).toEqual([]);
  });

  it('weights each pair by the product of its weights', () => {
    const result = report({ A: closes(S(80)), B: closes(S(80)), C: closes(S(80).map((r) => -r)) }, { A: '0.5', B: '0.3', C: '0.2' });
    // (0.15 × 1 + 0.10 × -1 + 0.06 × -1) / (0.15 + 0.10 + 0.06)
    expect(result.weightedAverage).toBeCloseTo(-0.01 / 0.31, 12);
  });

  it('leaves out assets with no weight', () => {
    const result = report({ BTC: closes(S(80)), ETH: closes(S(80)), SOL: closes(Z(80)) }, { BTC: '0.5', ETH: '0.5', SOL: '0' });
    expect(result.pairs.map((pair) => `${pair.a}/${pair.b}`)).toEqual(['BTC/ETH']);
  });

  it('compares returns over the dates both assets have: weekend moves of one do not count against the other', () => {
    const weekday = (date: Date) => date.getUTCDay() === 0 || date.getUTCDay() === 6;
    // BTC swings on weekends (+25% Saturday, -10% Sunday); SPY has no weekend closes, and on
    // weekdays it is 3 × BTC. Friday-to-Monday is the same move for both; Sunday-to-Monday is not.
    const swings = S(80).map((r, i) => {
      const day = new Date(Date.parse('2026-11-23T21:00:00Z') - (80 - (i + 1)) * DAY).getUTCDay();
      return day === 6 ? 0.25 : day === 0 ? -0.1 : r;
    });
    const btc = closes(swings);
    const spy = btc.filter((point) => !weekday(point.at)).map((point) => ({ at: point.at, price: point.price.times(3) }));
    const result = report({ BTC: btc, SPY: spy }, { BTC: '0.5', SPY: '0.5' }, { minObservations: 20 });
    expect(result.pairs).toHaveLength(1);
    expect(result.pairs[0]!.correlation).toBeCloseTo(1, 12);
    expect(result.pairs[0]!.observations).toBe(spy.length - 1);
  });

  it('takes closes within (now - lookback, now] and the last price of each UTC day', () => {
    const btc = closes(S(80));
    const eth = closes(S(80));
    // An intraday price on the last day before the close, and one close after now: both ignored or superseded.
    eth.push({ at: new Date('2026-11-23T10:00:00Z'), price: d(1) }, { at: new Date('2026-11-24T21:00:00Z'), price: d(5) });
    const result = report({ BTC: btc, ETH: eth }, { BTC: '0.5', ETH: '0.5' }, { lookbackDays: 40 });
    expect(result.pairs[0]).toMatchObject({ a: 'BTC', b: 'ETH', observations: 39 });
    expect(result.pairs[0]!.correlation).toBeCloseTo(1, 12);
  });

  it('skips pairs with too few common returns, in one info diagnostic', () => {
    const result = report({ BTC: closes(S(80)), ETH: closes(Z(80)), SOL: closes(S(12)) }, { BTC: '0.4', ETH: '0.3', SOL: '0.2', DOGE: '0.1' });
    expect(result.pairs.map((pair) => `${pair.a}/${pair.b}`)).toEqual(['BTC/ETH']);
    expect(result.diagnostics).toEqual([
      {
        severity: 'info',
        code: 'risk.correlation_insufficient_data',
        message:
          'Too little price history to correlate BTC/SOL (12), BTC/DOGE (0), ETH/SOL (12), ETH/DOGE (0), SOL/DOGE (0) over 81 days: fewer than 20 common daily returns; these pairs are left out.',
      },
    ]);
  });

  it('gives no correlation for a price that never moved', () => {
    const result = report({ BTC: closes(S(80)), USDC: closes(pattern(80, () => 0)), ETH: closes(Z(80)) }, { BTC: '0.5', USDC: '0.2', ETH: '0.3' });
    expect(result.pairs.map((pair) => `${pair.a}/${pair.b}`)).toEqual(['BTC/ETH']);
    expect(result.diagnostics).toEqual([
      { severity: 'info', code: 'risk.correlation_undefined', asset: 'USDC', message: "USDC's price did not move over 81 days, so its correlation with BTC, ETH is undefined and left out." },
    ]);
  });

  it('warns when the weighted average and when the worst pair are above max_correlation', () => {
    // ETH = 3 × BTC's pattern + an orthogonal one: correlation 3/√10 ≈ 0.95.
    const eth = S(88).map((r, i) => 3 * r + Z(88)[i]!);
    const result = correlationReport({
      histories: new Map([['BTC', closes(S(88))], ['ETH', closes(eth)], ['SOL', closes(S(88))], ['LINK', closes(S(88))]]),
      weights: weights({ BTC: '0.4', ETH: '0.3', SOL: '0.2', LINK: '0.1' }),
      now: NOW,
      lookbackDays: 90,
      maxCorrelation: 0.8,
    });
    expect(result.pairs).toHaveLength(6);
    expect(result.worst).toMatchObject({ a: 'BTC', b: 'LINK' });
    expect(result.diagnostics.map((x) => [x.severity, x.code, x.message])).toEqual([
      ['warning', 'risk.correlation_high', `Portfolio correlation ${result.weightedAverage!.toFixed(2)} (weighted average of 6 pairs over 90 days) is above max_correlation 0.8.`],
      ['warning', 'risk.correlation_high', 'BTC and LINK moved together at 1.00 over 90 days, above max_correlation 0.8.'],
    ]);
    expect(result.pairs.find((pair) => pair.b === 'ETH' || pair.a === 'ETH')!.correlation).toBeCloseTo(3 / Math.sqrt(10), 2);
  });

  it('warns once, about the pair, when there is only one pair', () => {
    const eth = S(88).map((r, i) => 3 * r + Z(88)[i]!);
    const result = report({ BTC: closes(S(88)), ETH: closes(eth) }, { BTC: '0.6', ETH: '0.4' }, { lookbackDays: 90 });
    expect(result.diagnostics.map((x) => x.message)).toEqual([`BTC and ETH moved together at ${(3 / Math.sqrt(10)).toFixed(2)} over 90 days, above max_correlation 0.8.`]);
  });

  it('is quiet below max_correlation and empty without pairs', () => {
    expect(report({ BTC: closes(S(80)), ETH: closes(Z(80)) }, { BTC: '0.5', ETH: '0.5' }).diagnostics).toEqual([]);
    expect(report({ BTC: closes(S(80)) }, { BTC: '1' })).toEqual({ pairs: [], diagnostics: [] });
  });
});
