import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, sum } from '../src/money.js';
import { enforceLimits, limitBreaches, type ExposureLimits } from '../src/risk/exposure.js';

const d = (value: string | number) => new Decimal(value);
const targets = (entries: Record<string, string>) => new Map(Object.entries(entries).map(([asset, value]) => [asset, d(value)]));
const shown = (map: ReadonlyMap<string, Decimal>) => Object.fromEntries([...map].map(([asset, value]) => [asset, value.toFixed()]));
const limits = (overrides: Partial<ExposureLimits> = {}): ExposureLimits => ({
  maxSingleAsset: d('0.5'),
  sectors: [],
  cashKey: 'USDC',
  minCashReserve: d(0),
  ...overrides,
});
const CRYPTO = { name: 'crypto', assets: ['BTC', 'ETH', 'SOL'], max: d('0.8') };

describe('enforceLimits', () => {
  it('caps an asset at max_single_asset and gives the excess to the others in proportion, the rounding remainder to cash', () => {
    const result = enforceLimits(targets({ BTC: '0.62', ETH: '0.2', SOL: '0.08', USDC: '0.1' }), limits());
    // 12 points over ETH:SOL = 20:8, each floored to 1e-8; the 1e-8 left over lands on cash.
    expect(shown(result.targets)).toEqual({ BTC: '0.5', ETH: '0.28571428', SOL: '0.11428571', USDC: '0.10000001' });
    expect(result.diagnostics).toEqual([{ severity: 'info', code: 'risk.target_clamped', asset: 'BTC', message: 'BTC target 62.0% capped at max_single_asset 50.0%' }]);
  });

  it('scales a sector over its max down in proportion and moves the rest outside the sector', () => {
    const result = enforceLimits(targets({ BTC: '0.45', ETH: '0.3', SOL: '0.1', SPY: '0.05', USDC: '0.1' }), limits({ sectors: [CRYPTO] }));
    expect(shown(result.targets)).toEqual({ BTC: '0.42352941', ETH: '0.28235294', SOL: '0.09411764', SPY: '0.10000001', USDC: '0.1' });
    expect(result.diagnostics.map((x) => x.message)).toEqual(['sector crypto targets 85.0% scaled to its max 80.0%']);
  });

  it('raises cash to the reserve, taking the shortfall from the risk assets in proportion', () => {
    const result = enforceLimits(targets({ BTC: '0.5', ETH: '0.45', USDC: '0.05' }), limits({ minCashReserve: d('0.1') }));
    expect(shown(result.targets)).toEqual({ BTC: '0.47368421', ETH: '0.42631578', USDC: '0.10000001' });
    expect(result.diagnostics).toEqual([{ severity: 'info', code: 'risk.target_clamped', asset: 'USDC', message: 'USDC cash target 5.0% raised to min_cash_reserve 10.0%' }]);
  });

  it('counts weight taken off a capped asset toward the reserve before handing it out', () => {
    const result = enforceLimits(targets({ BTC: '0.6', ETH: '0.35', USDC: '0.05' }), limits({ minCashReserve: d('0.1') }));
    expect(shown(result.targets)).toEqual({ BTC: '0.5', ETH: '0.4', USDC: '0.1' });
    expect(result.diagnostics.map((x) => x.message)).toEqual(['BTC target 60.0% capped at max_single_asset 50.0%']);
  });

  it('puts what fits nowhere on cash, creating the bucket at the end when the targets have none', () => {
    const result = enforceLimits(targets({ BTC: '0.6', ETH: '0.4' }), limits({ maxSingleAsset: d('0.45') }));
    expect(shown(result.targets)).toEqual({ BTC: '0.45', ETH: '0.45', USDC: '0.1' });
    expect([...result.targets.keys()]).toEqual(['BTC', 'ETH', 'USDC']);
  });

  it('does not create a cash bucket when the excess fits on other assets', () => {
    expect(shown(enforceLimits(targets({ BTC: '0.6', ETH: '0.4' }), limits()).targets)).toEqual({ BTC: '0.5', ETH: '0.5' });
  });

  it('gives nothing to an asset with a zero target', () => {
    const result = enforceLimits(targets({ BTC: '0.7', DOGE: '0', USDC: '0.3' }), limits());
    expect(shown(result.targets)).toEqual({ BTC: '0.5', DOGE: '0', USDC: '0.5' });
  });

  it('returns targets within the limits unchanged, without diagnostics', () => {
    const input = targets({ BTC: '0.4', ETH: '0.25', SOL: '0.1', USDC: '0.15', SPY: '0.1' });
    const result = enforceLimits(input, limits({ sectors: [CRYPTO], minCashReserve: d('0.1') }));
    expect(shown(result.targets)).toEqual(shown(input));
    expect([...result.targets.keys()]).toEqual([...input.keys()]);
    expect(result.diagnostics).toEqual([]);
  });

  it('refuses targets that do not sum to 1', () => {
    expect(() => enforceLimits(targets({ BTC: '0.5', USDC: '0.4' }), limits())).toThrow(/sum to exactly 1; they sum to 0.9/);
  });
});

describe('limitBreaches', () => {
  it('warns about an asset, a sector and the cash reserve, naming weight and limit', () => {
    const weights = targets({ BTC: '0.52', ETH: '0.3', SOL: '0.1', USDC: '0.08' });
    expect(limitBreaches(weights, limits({ sectors: [CRYPTO], minCashReserve: d('0.1') }))).toEqual([
      { severity: 'warning', code: 'risk.limit_breached', asset: 'BTC', message: 'BTC weight 52.0% is above max_single_asset 50.0%' },
      { severity: 'warning', code: 'risk.limit_breached', message: 'sector crypto (BTC, ETH, SOL) weight 92.0% is above its max 80.0%' },
      { severity: 'warning', code: 'risk.limit_breached', asset: 'USDC', message: 'USDC cash weight 8.0% is below min_cash_reserve 10.0%' },
    ]);
  });

  it('shows enough decimals to tell a small breach from the limit', () => {
    const [breach] = limitBreaches(targets({ BTC: '0.50004', USDC: '0.49996' }), limits());
    expect(breach?.message).toBe('BTC weight 50.004% is above max_single_asset 50.0%');
  });

  it('is silent at exactly the limits', () => {
    expect(limitBreaches(targets({ BTC: '0.5', ETH: '0.3', USDC: '0.2' }), limits({ sectors: [CRYPTO], minCashReserve: d('0.2') }))).toEqual([]);
  });
});

// ---- properties

const ASSETS = ['BTC', 'ETH', 'SOL', 'SPY', 'GLD'] as const;
const bp = (n: number) => d(n).div(10_000);

/** Targets over a random subset of ASSETS (cash included or not), in basis points summing to exactly 1. */
const arbTargets = fc
  .record({
    withCash: fc.boolean(),
    cuts: fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: ASSETS.length, maxLength: ASSETS.length }),
  })
  .map(({ withCash, cuts }) => {
    const keys = withCash ? [...ASSETS.slice(0, 3), 'USDC', ...ASSETS.slice(3)] : [...ASSETS];
    const points = [0, ...cuts.slice(0, keys.length - 1).sort((a, b) => a - b), 10_000];
    return new Map(keys.map((asset, i) => [asset, bp(points[i + 1]! - points[i]!)]));
  });

/**
 * Targets like 1/3 to 30 decimals, the last one taking what is left so the sum is exactly 1. (Sums
 * stay exact within the 40 significant digits of the project's Decimal; 30 decimals leave room.)
 */
const arbFineTargets = fc.array(fc.integer({ min: 0, max: 1_000 }), { minLength: 6, maxLength: 6 }).map((parts) => {
  const total = parts.reduce((acc, part) => acc + part, 0) || 1;
  const keys = [...ASSETS.slice(0, 3), 'USDC', ...ASSETS.slice(3)];
  const map = new Map(keys.slice(0, -1).map((asset, i) => [asset, d(parts[i]!).div(total).toDecimalPlaces(30, Decimal.ROUND_DOWN)]));
  return map.set(keys.at(-1)!, d(1).minus(sum(map.values())));
});

const arbLimits: fc.Arbitrary<ExposureLimits> = fc
  .record({
    single: fc.integer({ min: 500, max: 10_000 }),
    crypto: fc.option(fc.integer({ min: 0, max: 10_000 })),
    equity: fc.option(fc.integer({ min: 0, max: 10_000 })),
    reserve: fc.integer({ min: 0, max: 5_000 }),
  })
  .map(({ single, crypto, equity, reserve }) => ({
    maxSingleAsset: bp(single),
    sectors: [
      { name: 'crypto', assets: ['BTC', 'ETH', 'SOL'], max: crypto === null ? undefined : bp(crypto) },
      { name: 'equity', assets: ['SPY'], max: equity === null ? undefined : bp(equity) },
    ],
    cashKey: 'USDC',
    minCashReserve: bp(reserve),
  }));

function expectWithinLimits(result: ReadonlyMap<string, Decimal>, limitSet: ExposureLimits): void {
  expect(sum(result.values()).eq(1)).toBe(true);
  for (const [asset, target] of result) {
    expect(target.gte(0)).toBe(true);
    if (asset !== limitSet.cashKey) expect(target.lte(limitSet.maxSingleAsset)).toBe(true);
  }
  for (const sector of limitSet.sectors) {
    if (sector.max) expect(sum(sector.assets.map((asset) => result.get(asset) ?? d(0))).lte(sector.max)).toBe(true);
  }
  expect((result.get(limitSet.cashKey) ?? d(0)).gte(limitSet.minCashReserve)).toBe(true);
  expect(limitBreaches(result, limitSet)).toEqual([]);
}

describe('enforceLimits properties', () => {
  it('sums to exactly 1 and keeps every limit, keeping the input order', () => {
    fc.assert(
      fc.property(arbTargets, arbLimits, (input, limitSet) => {
        const result = enforceLimits(input, limitSet).targets;
        expectWithinLimits(result, limitSet);
        expect([...result.keys()].slice(0, input.size)).toEqual([...input.keys()]);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps them for targets with many decimals too', () => {
    fc.assert(fc.property(arbFineTargets, arbLimits, (input, limitSet) => expectWithinLimits(enforceLimits(input, limitSet).targets, limitSet)), { numRuns: 1_000 });
  });

  it('returns targets already within the limits unchanged', () => {
    fc.assert(
      fc.property(arbTargets, arbLimits, (input, limitSet) => {
        const within = enforceLimits(input, limitSet).targets;
        const again = enforceLimits(within, limitSet);
        expect(shown(again.targets)).toEqual(shown(within));
        expect([...again.targets.keys()]).toEqual([...within.keys()]);
        expect(again.diagnostics).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('changes nothing when no limit is breached to begin with', () => {
    fc.assert(
      fc.property(arbTargets, arbLimits, (input, limitSet) => {
        fc.pre(limitBreaches(input, limitSet).length === 0);
        expect(shown(enforceLimits(input, limitSet).targets)).toEqual(shown(input));
      }),
    );
  });
});
