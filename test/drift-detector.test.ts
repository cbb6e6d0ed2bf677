import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectDrift, type DriftInput } from '../src/drift-detector.js';
import { Decimal, sum } from '../src/money.js';
import { formatPercent, formatSignedPercent } from '../src/format.js';

const d = (value: string | number) => new Decimal(value);
const holding = (venue: string, asset: string, quantity: string) => ({ venue, asset, quantity: d(quantity) });
const prices = (entries: Record<string, string>) => new Map(Object.entries(entries).map(([asset, price]) => [asset, d(price)]));
const targets = (entries: Record<string, string>) => new Map(Object.entries(entries).map(([asset, pct]) => [asset, d(pct).div(100)]));

const SEED: DriftInput = {
  holdings: [
    holding('binance', 'BTC', '0.30'),
    holding('coinbase', 'BTC', '0.05'),
    holding('cold', 'BTC', '0.11'),
    holding('binance', 'ETH', '5'),
    holding('coinbase', 'ETH', '3.84'),
    holding('jupiter', 'SOL', '133.5'),
    holding('mt5', 'SPY', '16.05'),
    holding('binance', 'USDC', '6000'),
    holding('coinbase', 'USDC', '4000'),
    holding('jupiter', 'USDC', '2460'),
    holding('mt5', 'USD', '2300'),
  ],
  prices: prices({ BTC: '98000', ETH: '2500', SOL: '63', SPY: '590', USDC: '1', USD: '1' }),
  targets: targets({ BTC: '40', ETH: '25', SOL: '10', USDC: '15', SPY: '10' }),
  cashAssets: ['USDC', 'USD'],
  threshold: d('0.05'),
};

describe('detectDrift', () => {
  it("reproduces the seed's drift table", () => {
    const report = detectDrift(SEED);
    expect(report.totalValue.toFixed()).toBe('99820');
    expect(report.rows.map((row) => [row.asset, formatPercent(row.weight), formatPercent(row.target!), formatSignedPercent(row.drift!), row.status])).toEqual([
      ['BTC', '45.2%', '40.0%', '+5.2%', 'overweight'],
      ['ETH', '22.1%', '25.0%', '-2.9%', 'within'],
      ['SOL', '8.4%', '10.0%', '-1.6%', 'within'],
      ['USDC', '14.8%', '15.0%', '-0.2%', 'within'],
      ['SPY', '9.5%', '10.0%', '-0.5%', 'within'],
    ]);
    expect(report.breaches).toEqual(['BTC']);
  });

  it('counts the same asset on several venues as one asset, and keeps its parts', () => {
    const btc = detectDrift(SEED).rows.find((row) => row.asset === 'BTC')!;
    expect(btc.value.toFixed()).toBe('45080');
    expect(btc.parts.map((part) => `${part.venue}:${part.quantity.toFixed()}`)).toEqual(['binance:0.3', 'coinbase:0.05', 'cold:0.11']);
  });

  it('puts every cash asset in one bucket named after its target', () => {
    const cash = detectDrift(SEED).rows.find((row) => row.cash)!;
    expect(cash.asset).toBe('USDC');
    expect(cash.value.toFixed()).toBe('14760');
    expect(cash.parts.map((part) => part.asset)).toEqual(['USDC', 'USDC', 'USDC', 'USD']);
  });

  it('lists held-but-untargeted assets as untargeted, after the targets, largest first', () => {
    const report = detectDrift({
      ...SEED,
      holdings: [...SEED.holdings, holding('binance', 'DOGE', '1000'), holding('binance', 'PEPE', '1000000')],
      prices: new Map([...SEED.prices, ['DOGE', d('0.2')], ['PEPE', d('0.00001')]]),
    });
    expect(report.rows.slice(-2).map((row) => [row.asset, row.status, row.target, row.drift])).toEqual([
      ['DOGE', 'untargeted', undefined, undefined],
      ['PEPE', 'untargeted', undefined, undefined],
    ]);
    expect(report.breaches).not.toContain('DOGE');
  });

  it('shows a targeted asset that is not held at 0% and underweight', () => {
    const report = detectDrift({ ...SEED, targets: targets({ BTC: '30', ETH: '25', SOL: '10', USDC: '15', SPY: '10', AVAX: '10' }) });
    const avax = report.rows.find((row) => row.asset === 'AVAX')!;
    expect([avax.value.toFixed(), formatPercent(avax.weight), formatSignedPercent(avax.drift!), avax.status]).toEqual(['0', '0.0%', '-10.0%', 'underweight']);
  });

  it('names untargeted cash CASH', () => {
    const report = detectDrift({ ...SEED, targets: targets({ BTC: '50', ETH: '50' }) });
    expect(report.rows.find((row) => row.cash)?.asset).toBe('CASH');
  });

  it('treats drift exactly at the threshold as within it', () => {
    const report = detectDrift({
      holdings: [holding('a', 'BTC', '45'), holding('a', 'USDC', '55')],
      prices: prices({ BTC: '1', USDC: '1' }),
      targets: targets({ BTC: '40', USDC: '60' }),
      cashAssets: ['USDC'],
      threshold: d('0.05'),
    });
    expect(report.rows.map((row) => row.status)).toEqual(['within', 'within']);
  });

  it('gives 0% weights for an empty portfolio, never NaN', () => {
    const report = detectDrift({ ...SEED, holdings: [] });
    expect(report.totalValue.toFixed()).toBe('0');
    expect(report.rows.every((row) => row.weight.isZero() && row.drift!.eq(row.target!.neg()))).toBe(true);
  });

  it('refuses a held asset without a positive price (a bug in the caller, who checks prices first)', () => {
    expect(() => detectDrift({ ...SEED, prices: prices({ BTC: '0' }) })).toThrow('needs a positive price for every held asset');
  });

  it('weights always sum to 100% and drift sums to 0 when targets cover the holdings', () => {
    const asset = fc.constantFrom('BTC', 'ETH', 'SOL', 'SPY', 'USDC', 'USD');
    const amount = fc.integer({ min: 1, max: 10 ** 9 }).map((n) => d(n).div(1000));
    const arb = fc.record({
      holdings: fc.array(fc.record({ venue: fc.constantFrom('a', 'b', 'c'), asset, quantity: amount }), { minLength: 1, maxLength: 20 }),
      prices: fc.record({ BTC: amount, ETH: amount, SOL: amount, SPY: amount, USDC: fc.constant(d(1)), USD: fc.constant(d(1)) }),
    });
    fc.assert(
      fc.property(arb, ({ holdings, prices: p }) => {
        const report = detectDrift({ ...SEED, holdings, prices: new Map(Object.entries(p)) });
        expect(sum(report.rows.map((row) => row.weight)).minus(1).abs().lt('1e-30')).toBe(true);
        expect(sum(report.rows.map((row) => row.drift ?? d(0))).abs().lt('1e-30')).toBe(true);
        expect(sum(report.rows.map((row) => row.value)).eq(report.totalValue)).toBe(true);
      }),
    );
  });
});
