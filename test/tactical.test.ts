import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, sum } from '../src/money.js';
import { riskLimitsOverlay } from '../src/planner.js';
import type { PricePoint } from '../src/ports.js';
import { enforceLimits, limitBreaches, type ExposureLimits } from '../src/risk/exposure.js';
import { momentumReturns, tiltTargets, type TiltInput } from '../src/strategies/tactical.js';

const d = (value: string | number) => new Decimal(value);
const map = (entries: Record<string, string>) => new Map(Object.entries(entries).map(([asset, value]) => [asset, d(value)]));
const shown = (values: ReadonlyMap<string, Decimal>) => Object.fromEntries([...values].map(([asset, value]) => [asset, value.toFixed()]));

const LIMITS: ExposureLimits = {
  maxSingleAsset: d('0.5'),
  sectors: [{ name: 'crypto', assets: ['BTC', 'ETH', 'SOL'], max: d('0.8') }],
  cashKey: 'USDC',
  minCashReserve: d('0.1'),
};
const OPEN: ExposureLimits = { maxSingleAsset: d(1), sectors: [], cashKey: 'USDC', minCashReserve: d(0) };
const BASE = map({ BTC: '0.4', ETH: '0.25', SOL: '0.1', USDC: '0.15', SPY: '0.1' });
const INPUT: TiltInput = { cashKey: 'USDC', maxTilt: d('0.05'), momentumWeight: d(1), fullTiltReturn: d('0.2'), sentimentWeight: d(0), limits: LIMITS };

describe('tiltTargets', () => {
  it('tilts by momentum: a return of fullTiltReturn or more is a full max_tilt, and cash takes the net', () => {
    const result = tiltTargets(BASE, { ...INPUT, momentum: map({ BTC: '0.1', ETH: '-0.3', SPY: '0.04' }) });
    expect(shown(result.targets)).toEqual({ BTC: '0.425', ETH: '0.2', SOL: '0.1', USDC: '0.165', SPY: '0.11' });
    expect(shown(result.tilts)).toEqual({ BTC: '0.025', ETH: '-0.05', SOL: '0', USDC: '0.015', SPY: '0.01' });
    expect(result.diagnostics).toEqual([]);
  });

  it('tilts by sentiment, clamping scores outside [-1, 1] with a note', () => {
    const result = tiltTargets(BASE, { ...INPUT, limits: OPEN, momentumWeight: d(0), sentimentWeight: d(1), sentiment: map({ BTC: '0.8', ETH: '-0.5', SOL: '1.5' }) });
    expect(shown(result.targets)).toEqual({ BTC: '0.44', ETH: '0.225', SOL: '0.15', USDC: '0.085', SPY: '0.1' });
    expect(result.diagnostics).toEqual([
      { severity: 'info', code: 'tactical.sentiment_clamped', asset: 'SOL', message: 'SOL sentiment score 1.5 is outside [-1, 1]; it counts as 1.' },
    ]);
  });

  it('adds the weighted signals and caps the sum at a full tilt', () => {
    const both = { ...INPUT, limits: OPEN, momentumWeight: d('0.6'), sentimentWeight: d('0.4') };
    // BTC: 0.6 × (0.1 / 0.2) + 0.4 × 1 = 0.7; ETH: 0.6 × 1 + 0.4 × 1 = 1 (capped); SOL: 0.6 × -0.25 + 0.4 × 0.25 = -0.05.
    const result = tiltTargets(BASE, { ...both, momentum: map({ BTC: '0.1', ETH: '0.5', SOL: '-0.05' }), sentiment: map({ BTC: '1', ETH: '1', SOL: '0.25' }) });
    expect(shown(result.tilts)).toEqual({ BTC: '0.035', ETH: '0.05', SOL: '-0.0025', USDC: '-0.0825', SPY: '0' });
  });

  it('scales the positive tilts down when cash cannot fund them', () => {
    const result = tiltTargets(map({ BTC: '0.5', ETH: '0.45', USDC: '0.05' }), { ...INPUT, limits: OPEN, momentum: map({ BTC: '0.3', ETH: '0.3' }) });
    expect(shown(result.targets)).toEqual({ BTC: '0.525', ETH: '0.475', USDC: '0' });
    expect(result.diagnostics.map((x) => x.message)).toEqual(['Positive tilts scaled to 50.0% of their size: cash USDC (5.0%) and the negative tilts cannot fund 10.0%.']);
  });

  it('never takes a target below 0', () => {
    const result = tiltTargets(map({ BTC: '0.5', DOGE: '0.02', USDC: '0.48' }), { ...INPUT, limits: OPEN, momentum: map({ DOGE: '-0.9' }) });
    expect(shown(result.targets)).toEqual({ BTC: '0.5', DOGE: '0', USDC: '0.5' });
  });

  it('moves freed weight to a new cash bucket at the end when the base has none', () => {
    const result = tiltTargets(map({ BTC: '0.6', ETH: '0.4' }), { ...INPUT, limits: OPEN, momentum: map({ BTC: '-0.3' }) });
    expect(shown(result.targets)).toEqual({ BTC: '0.55', ETH: '0.4', USDC: '0.05' });
  });

  it('applies the risk limits after the tilt, then clips what they pushed past max_tilt onto cash', () => {
    const limits = { ...OPEN, maxSingleAsset: d('0.48') };
    const result = tiltTargets(map({ BTC: '0.45', ETH: '0.1', USDC: '0.45' }), { ...INPUT, limits, momentum: map({ BTC: '0.2', ETH: '0.2' }) });
    // BTC 50% is capped at 48%; the limits hand the 2 points to ETH (17%), 7 points over its base: 2 go to cash.
    expect(shown(result.targets)).toEqual({ BTC: '0.48', ETH: '0.15', USDC: '0.37' });
    expect(result.diagnostics.map((x) => x.message)).toEqual([
      'BTC target 50.0% capped at max_single_asset 48.0%',
      'ETH tilt +7.0% after the risk limits is clipped to max_tilt 5.0%; the rest goes to cash.',
    ]);
  });

  it('pulls all tilts back together when the cash reserve took an asset more than max_tilt below its base', () => {
    const limits = { ...OPEN, minCashReserve: d('0.1') };
    const result = tiltTargets(map({ B: '0.8', A: '0.05', C: '0.05', USDC: '0.1' }), { ...INPUT, limits, momentum: map({ A: '0.3', C: '0.3' }) });
    // The reserve took 8 points off B; pulling every tilt back to 62.5% leaves B exactly 5 points down.
    expect(shown(result.targets)).toEqual({ B: '0.75', A: '0.075', C: '0.075', USDC: '0.1' });
    expect(result.diagnostics.at(-1)).toMatchObject({ code: 'tactical.tilts_pulled_back' });
  });

  it('returns the base unchanged with no signals', () => {
    const result = tiltTargets(BASE, { ...INPUT, momentum: map({ BTC: '0' }), sentiment: new Map() });
    expect(shown(result.targets)).toEqual(shown(BASE));
    expect([...result.targets.keys()]).toEqual([...BASE.keys()]);
  });
});

describe('momentumReturns', () => {
  const NOW = new Date('2026-11-23T14:00:00Z');
  const point = (iso: string, price: string): PricePoint => ({ at: new Date(iso), price: d(price) });

  it('divides the current price by the last close at or before now - lookback', () => {
    const history = [point('2026-10-23T14:00:00Z', '80000'), point('2026-10-22T21:00:00Z', '75000'), point('2026-10-24T21:00:00Z', '90000')];
    const result = momentumReturns(new Map([['BTC', history]]), map({ BTC: '98000' }), NOW, 31);
    expect(shown(result.returns)).toEqual({ BTC: '0.225' });
    expect(result.diagnostics).toEqual([]);
  });

  it('leaves out an asset without a close that old, with a note', () => {
    const result = momentumReturns(new Map([['SOL', [point('2026-11-01T21:00:00Z', '60')]]]), map({ SOL: '63', ETH: '2500' }), NOW, 30);
    expect(result.returns.size).toBe(0);
    expect(result.diagnostics).toEqual([
      { severity: 'info', code: 'tactical.momentum_unavailable', asset: 'SOL', message: 'SOL has no close on or before 2026-10-24 (30 days back); it gets no momentum tilt.' },
      { severity: 'info', code: 'tactical.momentum_unavailable', asset: 'ETH', message: 'ETH has no close on or before 2026-10-24 (30 days back); it gets no momentum tilt.' },
    ]);
  });
});

// ---- properties

const ASSETS = ['BTC', 'ETH', 'SOL', 'USDC', 'SPY', 'GLD'] as const;
const bp = (n: number) => d(n).div(10_000);

const arbTargets = fc
  .record({ withCash: fc.boolean(), cuts: fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 5, maxLength: 5 }) })
  .map(({ withCash, cuts }) => {
    const keys = ASSETS.filter((asset) => withCash || asset !== 'USDC');
    const points = [0, ...cuts.slice(0, keys.length - 1).sort((a, b) => a - b), 10_000];
    return new Map(keys.map((asset, i) => [asset, bp(points[i + 1]! - points[i]!)]));
  });

const arbLimits: fc.Arbitrary<ExposureLimits> = fc
  .record({
    single: fc.integer({ min: 500, max: 10_000 }),
    crypto: fc.option(fc.integer({ min: 0, max: 10_000 })),
    reserve: fc.integer({ min: 0, max: 3_000 }),
  })
  .map(({ single, crypto, reserve }) => ({
    maxSingleAsset: bp(single),
    sectors: [{ name: 'crypto', assets: ['BTC', 'ETH', 'SOL'], max: crypto === null ? undefined : bp(crypto) }],
    cashKey: 'USDC',
    minCashReserve: bp(reserve),
  }));

const signals = fc.dictionary(fc.constantFrom(...ASSETS), fc.integer({ min: -15_000, max: 15_000 }).map(bp));
const arbInput = (limits: ExposureLimits) =>
  fc.record({
    cashKey: fc.constant('USDC'),
    maxTilt: fc.integer({ min: 0, max: 1_000 }).map(bp),
    momentum: signals.map((entries) => new Map(Object.entries(entries))),
    momentumWeight: fc.integer({ min: 0, max: 10 }).map((n) => d(n).div(10)),
    fullTiltReturn: fc.integer({ min: 100, max: 5_000 }).map(bp),
    sentiment: signals.map((entries) => new Map(Object.entries(entries))),
    sentimentWeight: fc.integer({ min: 0, max: 10 }).map((n) => d(n).div(10)),
    limits: fc.constant(limits),
  });
/** A base within its limits (as a config that passed its checks), with the input to tilt it. */
const arbCase = fc.tuple(arbTargets, arbLimits).chain(([raw, limits]) => fc.tuple(fc.constant(enforceLimits(raw, limits).targets), arbInput(limits)));

function expectWithinLimits(targets: ReadonlyMap<string, Decimal>, limits: ExposureLimits): void {
  expect(sum(targets.values()).eq(1)).toBe(true);
  for (const target of targets.values()) expect(target.gte(0)).toBe(true);
  expect(limitBreaches(targets, limits)).toEqual([]);
}

describe('tiltTargets properties', () => {
  it('sums to exactly 1, keeps the limits, and moves no risk target more than max_tilt', () => {
    fc.assert(
      fc.property(arbCase, ([base, input]) => {
        const result = tiltTargets(base, input);
        expectWithinLimits(result.targets, input.limits);
        for (const [asset, tilt] of result.tilts) {
          expect(tilt.eq(result.targets.get(asset)!.minus(base.get(asset) ?? 0))).toBe(true);
          if (asset !== 'USDC') expect(tilt.abs().lte(input.maxTilt)).toBe(true);
        }
        expect([...result.targets.keys()].slice(0, base.size)).toEqual([...base.keys()]);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the limits even from a base that breaks them', () => {
    fc.assert(
      fc.property(
        fc.tuple(arbTargets, arbLimits).chain(([base, limits]) => fc.tuple(fc.constant(base), arbInput(limits))),
        ([base, input]) => expectWithinLimits(tiltTargets(base, input).targets, input.limits),
      ),
      { numRuns: 300 },
    );
  });

  it('returns the base unchanged when every signal is zero', () => {
    fc.assert(
      fc.property(arbCase, ([base, input]) => {
        const result = tiltTargets(base, { ...input, momentumWeight: d(0), sentimentWeight: d(0) });
        expect(shown(result.targets)).toEqual(shown(base));
        expect([...result.targets.keys()]).toEqual([...base.keys()]);
        for (const tilt of result.tilts.values()) expect(tilt.isZero()).toBe(true);
      }),
    );
  });

  it('leaves the risk-limits overlay that follows it nothing to change (targets -> drawdown -> tactical -> limits)', () => {
    fc.assert(
      fc.property(
        fc.tuple(arbTargets, arbLimits).chain(([base, limits]) => fc.tuple(fc.constant(base), arbInput(limits))),
        ([base, input]) => {
          const tilted = tiltTargets(base, input).targets;
          const limited = riskLimitsOverlay(input.limits)(tilted);
          expect(limited.diagnostics).toEqual([]);
          expect([...limited.targets].map(([asset, target]) => [asset, target.toFixed()])).toEqual([...tilted].map(([asset, target]) => [asset, target.toFixed()]));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives the same output for the same input', () => {
    fc.assert(
      fc.property(arbCase, ([base, input]) => {
        const first = tiltTargets(base, input);
        const second = tiltTargets(new Map(base), input);
        expect(shown(second.targets)).toEqual(shown(first.targets));
        expect(second.diagnostics).toEqual(first.diagnostics);
      }),
    );
  });
});
