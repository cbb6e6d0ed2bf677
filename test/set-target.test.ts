import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig, parseConfigText } from '../src/config.js';
import { UsageError } from '../src/errors.js';
import { Decimal, parsePercent, sum } from '../src/money.js';
import { allocateExact, removeTarget, setTarget, type TargetLimits } from '../src/targets/set-target.js';

const seedYaml = readFileSync(new URL('../fixtures/seed-config.yaml', import.meta.url), 'utf8');
/** The seed config: BTC 40%, ETH 25%, SOL 10%, USDC 15%, SPY 10%; max_single_asset 50%, min_cash_reserve 10%. */
const seed = parseConfigText(seedYaml, 'seed');
const SEED_LIMITS: TargetLimits = { config: seed };
const SEED = new Map(Object.entries(seed.targets));
/** Every default limit: no single-asset cap, no cash reserve, no sectors. */
const OPEN: TargetLimits = { config: parseConfig({}, { name: 'open' }) };

const d = (value: string | number) => new Decimal(value);
/** {BTC: '40%'} to the target map. */
const targets = (percents: Record<string, string>) => new Map(Object.entries(percents).map(([asset, text]) => [asset, parsePercent(text)]));
/** A target map as "ASSET pct" lines, in its order. */
const percents = (map: ReadonlyMap<string, Decimal>) => [...map].map(([asset, fraction]) => `${asset} ${fraction.times(100).toFixed()}%`);

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
}

const PROPERTY_RUNS = { numRuns: 300, seed: 20_260_101 };
const UNIT = d('1e-8');

describe('setTarget', () => {
  it('raises BTC to 45% in the seed and scales the others by 55/60, rounding the last unit by largest remainder', () => {
    const { before, after } = setTarget(SEED, 'BTC', parsePercent('45%'), SEED_LIMITS);
    // 25 * 55/60 = 22.91666..., 10 * 55/60 = 9.1666..., 15 * 55/60 = 13.75. Two units of 1e-8 are
    // left over; ETH, SOL and SPY have the same remainder, so the larger (ETH) and then the
    // first listed (SOL) get them.
    expect(percents(after)).toEqual(['BTC 45%', 'ETH 22.916667%', 'SOL 9.166667%', 'USDC 13.75%', 'SPY 9.166666%']);
    expect(sum(after.values()).toFixed()).toBe('1');
    expect(percents(before)).toEqual(['BTC 40%', 'ETH 25%', 'SOL 10%', 'USDC 15%', 'SPY 10%']);
  });

  it('adds a new asset at the end and scales every other target down to make room', () => {
    const { after } = setTarget(SEED, 'doge', parsePercent('5%'), SEED_LIMITS);
    expect(percents(after)).toEqual(['BTC 38%', 'ETH 23.75%', 'SOL 9.5%', 'USDC 14.25%', 'SPY 9.5%', 'DOGE 5%']);
  });

  it('upper-cases the asset, so btc is the BTC target', () => {
    expect(percents(setTarget(SEED, ' btc ', parsePercent('45%'), SEED_LIMITS).after)[0]).toBe('BTC 45%');
  });

  it('keeps an asset set to 0% as a 0% target', () => {
    const { after } = setTarget(targets({ BTC: '50%', ETH: '50%' }), 'ETH', parsePercent('0%'), OPEN);
    expect(percents(after)).toEqual(['BTC 100%', 'ETH 0%']);
  });

  it('sets the cash bucket through the key that holds it, or a first cash key when none does', () => {
    expect(percents(setTarget(SEED, 'USDC', parsePercent('20%'), SEED_LIMITS).after)).toEqual(['BTC 37.647059%', 'ETH 23.529412%', 'SOL 9.411765%', 'USDC 20%', 'SPY 9.411764%']);
    expect(percents(setTarget(targets({ BTC: '100%' }), 'CASH', parsePercent('10%'), OPEN).after)).toEqual(['BTC 90%', 'CASH 10%']);
  });

  it('makes exact thirds: three equal targets of 1/3 sum to 100%, the first listed taking the odd unit', () => {
    const { after } = setTarget(targets({ A: '30%', B: '30%', C: '30%', D: '10%' }), 'D', parsePercent('0%'), OPEN);
    expect(percents(after)).toEqual(['A 33.333334%', 'B 33.333333%', 'C 33.333333%', 'D 0%']);
    expect(sum(after.values()).toFixed()).toBe('1');
  });

  describe('refuses', () => {
    it.each([
      ['120%', 'Refused: BTC 120% is not a target; give a percent from 0% to 100%'],
      ['-5%', 'Refused: BTC -5% is not a target; give a percent from 0% to 100%'],
    ])('a target of %s, outside 0% to 100%', (text, message) => {
      expect(refusal(() => setTarget(SEED, 'BTC', parsePercent(text), SEED_LIMITS))).toBe(message);
    });

    it('a target finer than a millionth of a percent, which 8-decimal weights cannot hold exactly', () => {
      expect(refusal(() => setTarget(SEED, 'BTC', parsePercent('33.3333333333%'), OPEN))).toBe(
        'Refused: BTC 33.3333333333% has more than 6 decimals; round it, for example to 33.333333%',
      );
    });

    it('changing the only target away from 100%', () => {
      expect(refusal(() => setTarget(targets({ BTC: '100%' }), 'BTC', parsePercent('60%'), OPEN))).toBe(
        'Refused: BTC 60%: BTC is the only target and there are no other targets to rescale; add another target first',
      );
    });

    it('a first target that is not 100%', () => {
      expect(refusal(() => setTarget(new Map(), 'BTC', parsePercent('60%'), OPEN))).toBe(
        'Refused: BTC 60%: there are no other targets to rescale; the first target must be 100%',
      );
    });

    it('rescaling other targets that are all 0%', () => {
      expect(refusal(() => setTarget(targets({ BTC: '100%', ETH: '0%' }), 'BTC', parsePercent('60%'), OPEN))).toBe(
        'Refused: BTC 60%: the only other target, ETH, is 0% and cannot be scaled up to fill the remaining 40%; set ETH to 40% instead',
      );
      expect(refusal(() => setTarget(targets({ BTC: '100%', ETH: '0%', SOL: '0%' }), 'BTC', parsePercent('60%'), OPEN))).toBe(
        'Refused: BTC 60%: the other targets (ETH, SOL) are all 0% and cannot be scaled up to fill the remaining 40%; set one of them to 40% instead',
      );
    });

    it('a second cash asset when the cash bucket is targeted on another one', () => {
      expect(refusal(() => setTarget(SEED, 'USDT', parsePercent('20%'), SEED_LIMITS))).toBe(
        "Refused: USDT 20%: USDT is cash, and the cash bucket's target is on USDC; set USDC instead (kit rebalance set-target USDC 20%)",
      );
      expect(refusal(() => setTarget(SEED, 'CASH', parsePercent('20%'), SEED_LIMITS))).toBe(
        "Refused: CASH 20%: CASH is cash, and the cash bucket's target is on USDC; set USDC instead (kit rebalance set-target USDC 20%)",
      );
      expect(refusal(() => setTarget(targets({ BTC: '80%', CASH: '20%' }), 'usdc', parsePercent('10%'), SEED_LIMITS))).toBe(
        "Refused: USDC 10%: USDC is cash, and the cash bucket's target is on CASH; set CASH instead (kit rebalance set-target CASH 10%)",
      );
    });

    it('a target above risk.max_single_asset, with the config check\'s own message', () => {
      // 60% leaves USDC at 15 * 40/60 = 10%, exactly the reserve, so only the single-asset limit breaks.
      expect(refusal(() => setTarget(SEED, 'BTC', parsePercent('60%'), SEED_LIMITS))).toBe(
        'Refused: BTC 60% would break a risk limit: targets.BTC: 60% is above risk.max_single_asset 50%',
      );
    });

    it('listing every risk limit the change would break', () => {
      expect(refusal(() => setTarget(SEED, 'BTC', parsePercent('70%'), SEED_LIMITS))).toBe(
        [
          'Refused: BTC 70% would break 2 risk limits:',
          '  - targets.BTC: 70% is above risk.max_single_asset 50%',
          '  - risk.min_cash_reserve: 10% is above the cash target 7.5%; the reserve could never be kept. Raise the cash target or lower the reserve',
        ].join('\n'),
      );
    });

    it('a change that pushes a sector over its max', () => {
      const limits: TargetLimits = { config: parseConfig({ sectors: { crypto: { assets: ['BTC', 'ETH', 'SOL'], max: '80%' } } }, { name: 'sectors' }) };
      expect(refusal(() => setTarget(SEED, 'SPY', parsePercent('0%'), limits))).toBe(
        "Refused: SPY 0% would break a risk limit: sectors.crypto.max: the targets of BTC, ETH, SOL add up to 83.333333%, above this sector's limit 80%",
      );
    });
  });
});

describe('removeTarget', () => {
  it('removes SPY from the seed and scales the others up to 100%', () => {
    const { before, after } = removeTarget(SEED, 'spy', SEED_LIMITS);
    // 40/90, 25/90, 10/90, 15/90: the two left-over units go to the largest remainders (ETH .78, USDC .67).
    expect(percents(after)).toEqual(['BTC 44.444444%', 'ETH 27.777778%', 'SOL 11.111111%', 'USDC 16.666667%']);
    expect(sum(after.values()).toFixed()).toBe('1');
    expect(before.has('SPY')).toBe(true);
  });

  it('makes exact thirds from four quarters', () => {
    const { after } = removeTarget(targets({ A: '25%', B: '25%', C: '25%', D: '25%' }), 'D', OPEN);
    expect(percents(after)).toEqual(['A 33.333334%', 'B 33.333333%', 'C 33.333333%']);
  });

  describe('refuses', () => {
    it('an asset with no target, naming the targets there are', () => {
      expect(refusal(() => removeTarget(SEED, 'DOGE', SEED_LIMITS))).toBe('Refused: removing DOGE: DOGE has no target; the targets are BTC, ETH, SOL, USDC, SPY');
      expect(refusal(() => removeTarget(new Map(), 'DOGE', OPEN))).toBe('Refused: removing DOGE: DOGE has no target; there are no targets');
    });

    it('a cash asset with no target, naming the key that holds the cash bucket', () => {
      expect(refusal(() => removeTarget(SEED, 'USDT', SEED_LIMITS))).toBe(
        "Refused: removing USDT: USDT has no target; the cash bucket's target is on USDC; remove USDC instead",
      );
    });

    it('the last target', () => {
      expect(refusal(() => removeTarget(targets({ BTC: '100%' }), 'BTC', OPEN))).toBe(
        'Refused: removing BTC: it is the only target, and the targets must add up to 100%; add another target first',
      );
    });

    it('a target whose others are all 0%', () => {
      expect(refusal(() => removeTarget(targets({ BTC: '100%', ETH: '0%', SOL: '0%' }), 'BTC', OPEN))).toBe(
        'Refused: removing BTC: the other targets (ETH, SOL) are all 0% and cannot be scaled up to 100%; set one of them above 0% first',
      );
    });

    it('removing the cash target below the reserve', () => {
      expect(refusal(() => removeTarget(SEED, 'USDC', SEED_LIMITS))).toBe(
        'Refused: removing USDC would break a risk limit: risk.min_cash_reserve: 10% is above the cash target 0%; the reserve could never be kept. Raise the cash target or lower the reserve',
      );
    });
  });
});

describe('allocateExact', () => {
  it('gives the left-over units to the largest remainders, then the larger value, then the first key', () => {
    const third = d(1).div(3);
    expect(percents(allocateExact(new Map([['A', third], ['B', third], ['C', third]]), d(1)))).toEqual(['A 33.333334%', 'B 33.333333%', 'C 33.333333%']);
    const values = new Map([['SMALL', d('0.1').div(3)], ['BIG', d('2.9').div(3)]]);
    // 0.0333333333... and 0.9666666666...: the larger remainder (2/3 of a unit) wins.
    expect(percents(allocateExact(values, d(1)))).toEqual(['SMALL 3.333333%', 'BIG 96.666667%']);
    const tied = new Map([['SMALL', d('0.085')], ['BIG', d('0.915')]]);
    // Both remainders are half a unit of 0.01 and one unit is left over: the larger value gets it.
    expect(percents(allocateExact(tied, d(1), 2))).toEqual(['SMALL 8%', 'BIG 92%']);
  });

  it('rounds to the places asked for', () => {
    expect(percents(allocateExact(new Map([['A', d(2).div(3)], ['B', d(1).div(3)]]), d(1), 0))).toEqual(['A 100%', 'B 0%']);
  });

  it('refuses values that rounding cannot bring to the total, which is a bug in the caller', () => {
    expect(() => allocateExact(new Map([['A', d('0.5')]]), d(1))).toThrow('allocateExact: the values sum to 0.5, which rounding to 8 decimals cannot make 1');
    expect(() => allocateExact(new Map([['A', d(1)]]), d('0.123'), 2)).toThrow('allocateExact: the total 0.123 has more than 2 decimals');
  });

  it('sums to exactly the total, each part within one unit of its value', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 12 }), (weights, places) => {
        fc.pre(weights.some((weight) => weight > 0));
        const total = sum(weights.map((weight) => d(String(weight))));
        const values = new Map(weights.map((weight, index) => [`A${index}`, d(String(weight)).div(total)]));
        const parts = allocateExact(values, d(1), places);
        expect(sum(parts.values()).toFixed()).toBe('1');
        for (const [key, value] of values) {
          const part = parts.get(key) ?? d(NaN);
          expect(part.decimalPlaces()).toBeLessThanOrEqual(places);
          expect(part.minus(value).abs().lt(d(10).pow(-places))).toBe(true);
        }
      }),
      PROPERTY_RUNS,
    );
  });
});

describe('target changes keep the laws of a target set', () => {
  /** 1 to 8 targets on A0, A1, ... in whole units of 1e-8 that sum to exactly 100%. */
  const targetSet = fc.array(fc.integer({ min: 0, max: 100_000_000 }), { maxLength: 7 }).map((cuts) => {
    const points = [0, ...[...cuts].sort((a, b) => a - b), 100_000_000];
    return new Map(points.slice(1).map((point, index) => [`A${index}`, d(String(point - (points[index] ?? 0))).times(UNIT)]));
  });
  const targetValue = fc.oneof(
    fc.integer({ min: 0, max: 100 }).map((percent) => d(String(percent)).div(100)),
    fc.integer({ min: 0, max: 100_000_000 }).map((units) => d(String(units)).times(UNIT)),
  );
  /** An existing asset, or (index = size) a new one. */
  const change = fc.tuple(targetSet, fc.nat(), targetValue).map(([current, index, target]) => ({
    current,
    asset: [...current.keys()][index % (current.size + 1)] ?? 'NEW',
    target,
  }));
  /** The cases the rescale can do: there is something to scale, or nothing is left to fill. */
  const canRescale = (current: ReadonlyMap<string, Decimal>, asset: string, target: Decimal) =>
    target.eq(1) || sum([...current].filter(([key]) => key !== asset).map(([, value]) => value)).gt(0);

  it('setTarget: the new set sums to exactly 100%, the asset is exactly the target, the others keep their ratios', () => {
    fc.assert(
      fc.property(change, ({ current, asset, target }) => {
        fc.pre(canRescale(current, asset, target));
        const { after } = setTarget(current, asset, target, OPEN);
        expect(sum(after.values()).toFixed()).toBe('1');
        expect(after.get(asset)?.toFixed()).toBe(target.toFixed());
        const others = [...current].filter(([key]) => key !== asset);
        const othersTotal = sum(others.map(([, value]) => value));
        for (const [key, value] of others) {
          const exact = target.eq(1) ? d(0) : value.times(d(1).minus(target)).div(othersTotal);
          expect((after.get(key) ?? d(NaN)).minus(exact).abs().lte(UNIT)).toBe(true);
        }
      }),
      PROPERTY_RUNS,
    );
  });

  it('removeTarget then setTarget back restores the original set within 1e-8', () => {
    fc.assert(
      fc.property(targetSet, fc.nat(), (current, index) => {
        const [asset, target] = [...current][index % current.size] ?? ['', d(0)];
        fc.pre(current.size > 1 && target.lt(1));
        const removed = removeTarget(current, asset, OPEN).after;
        const restored = setTarget(removed, asset, target, OPEN).after;
        expect([...restored.keys()].sort()).toEqual([...current.keys()].sort());
        expect(restored.get(asset)?.toFixed()).toBe(target.toFixed());
        for (const [key, value] of current) expect((restored.get(key) ?? d(NaN)).minus(value).abs().lte(UNIT)).toBe(true);
      }),
      PROPERTY_RUNS,
    );
  });

  it('removeTarget then setTarget back restores the seed within 1e-8 under the seed limits', () => {
    // Removing ETH would lift BTC to 53.3% and removing USDC would leave no cash reserve: both refused.
    for (const asset of ['BTC', 'SOL', 'SPY']) {
      const target = SEED.get(asset) ?? d(NaN);
      const restored = setTarget(removeTarget(SEED, asset, SEED_LIMITS).after, asset, target, SEED_LIMITS).after;
      for (const [key, value] of SEED) expect((restored.get(key) ?? d(NaN)).minus(value).abs().lte(UNIT)).toBe(true);
    }
  });
});

describe('pinned targets: a target the user set is kept by later changes', () => {
  /** Applies `set-target` calls in order as the CLI does, carrying the pins from one to the next. */
  function applyInOrder(start: ReadonlyMap<string, Decimal>, calls: readonly [string, string][], limits: TargetLimits) {
    let current = new Map(start);
    let pinned = new Set<string>();
    for (const [asset, text] of calls) ({ after: current, pinned } = setTarget(current, asset, parsePercent(text), limits, { pinned }));
    return { current, pinned };
  }

  it("the seed's own sequence: set-target BTC 45% then ETH 30% leaves BTC at 45% and ETH at 30%", () => {
    const { current, pinned } = applyInOrder(SEED, [['BTC', '45%'], ['ETH', '30%']], SEED_LIMITS);
    // SOL, USDC and SPY share the remaining 25% in their 9.1666 : 13.75 : 9.1666 proportion.
    expect(percents(current)).toEqual(['BTC 45%', 'ETH 30%', 'SOL 7.142857%', 'USDC 10.714286%', 'SPY 7.142857%']);
    expect(sum(current.values()).toFixed()).toBe('1');
    expect([...pinned]).toEqual(['BTC', 'ETH']);
  });

  it('without pins the second call rescales BTC too (what happened before pins): --rescale-all keeps that way open and unpins the others', () => {
    const first = setTarget(SEED, 'BTC', parsePercent('45%'), SEED_LIMITS);
    const all = setTarget(first.after, 'ETH', parsePercent('30%'), SEED_LIMITS, { pinned: first.pinned, rescaleAll: true });
    // 45 x 70 / 77.083333: the 40.86% the issue reported, now only on request.
    expect(percents(all.after)[0]).toBe('BTC 40.864865%');
    expect([...all.pinned]).toEqual(['ETH']);
    expect(all.rescaled).toEqual(['BTC', 'SOL', 'USDC', 'SPY']);
  });

  it('refuses, with the arithmetic and the ways out, when every other target is pinned and the set would not add up', () => {
    const { current, pinned } = applyInOrder(SEED, [['BTC', '45%'], ['ETH', '30%'], ['USDC', '15%'], ['SPY', '5%']], SEED_LIMITS);
    expect(percents(current)).toEqual(['BTC 45%', 'ETH 30%', 'SOL 5%', 'USDC 15%', 'SPY 5%']);
    expect(refusal(() => setTarget(current, 'SOL', parsePercent('3%'), SEED_LIMITS, { pinned }))).toBe(
      'Refused: SOL 3%: every other target is pinned, so nothing is left to rescale: SOL 3% + the pinned BTC 45% + ETH 30% + USDC 15% + SPY 5% = 98%, not 100%. ' +
        "Set SOL to 5% to keep the pinned targets, or add --rescale-all to rescale the pinned targets too, or run kit rebalance reset-targets to go back to the config's targets and unpin them",
    );
    // The way out it names works.
    // The way out it names works: the other 95% become 97%.
    expect(percents(setTarget(current, 'SOL', parsePercent('3%'), SEED_LIMITS, { pinned, rescaleAll: true }).after)).toEqual([
      'BTC 45.947368%',
      'ETH 30.631579%',
      'SOL 3%',
      'USDC 15.31579%',
      'SPY 5.105263%',
    ]);
  });

  it('refuses a target that with the pinned ones passes 100%, saying how much room is left', () => {
    const { current, pinned } = applyInOrder(SEED, [['BTC', '45%'], ['ETH', '30%']], SEED_LIMITS);
    expect(refusal(() => setTarget(current, 'SOL', parsePercent('30%'), SEED_LIMITS, { pinned }))).toBe(
      "Refused: SOL 30%: SOL 30% + the pinned BTC 45% + ETH 30% = 105%, over 100%. Set SOL to at most 25%, or add --rescale-all to rescale the pinned targets too, or run kit rebalance reset-targets to go back to the config's targets and unpin them",
    );
  });

  it('changing a pinned target again moves only the unpinned ones', () => {
    const { current } = applyInOrder(SEED, [['BTC', '45%'], ['ETH', '30%'], ['BTC', '42%']], SEED_LIMITS);
    expect(percents(current).slice(0, 2)).toEqual(['BTC 42%', 'ETH 30%']);
  });

  it('remove-target unpins the asset and gives its weight to the unpinned targets only', () => {
    const { current, pinned } = applyInOrder(SEED, [['BTC', '45%'], ['ETH', '30%']], SEED_LIMITS);
    const removed = removeTarget(current, 'ETH', SEED_LIMITS, { pinned });
    // SOL, USDC and SPY (25% together) grow to 55%.
    expect(percents(removed.after)).toEqual(['BTC 45%', 'SOL 15.714286%', 'USDC 23.571429%', 'SPY 15.714285%']);
    expect([...removed.pinned]).toEqual(['BTC']);
    const onlyPinned = applyInOrder(targets({ BTC: '50%', ETH: '30%', SOL: '20%' }), [['BTC', '50%'], ['ETH', '30%']], OPEN);
    expect(refusal(() => removeTarget(onlyPinned.current, 'SOL', OPEN, { pinned: onlyPinned.pinned }))).toBe(
      "Refused: removing SOL: every other target is pinned (BTC 50% + ETH 30% = 80%), so nothing is left to take SOL's 20%; add --rescale-all to rescale the pinned targets too, or run kit rebalance reset-targets to go back to the config's targets and unpin them",
    );
  });

  it('keeps every pinned target exactly and the sum at exactly 100% (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('A0', 'A1', 'A2', 'A3', 'A4'), fc.integer({ min: 0, max: 30 })), { minLength: 1, maxLength: 6 }), (calls) => {
        let current = targets({ A0: '20%', A1: '20%', A2: '20%', A3: '20%', A4: '20%' });
        let pinned = new Set<string>();
        const setBy = new Map<string, Decimal>();
        for (const [asset, points] of calls) {
          try {
            ({ after: current, pinned } = setTarget(current, asset, d(points).div(100), OPEN, { pinned }));
            setBy.set(asset, d(points).div(100));
          } catch (error) {
            expect(error).toBeInstanceOf(UsageError);
          }
          expect(sum(current.values()).toFixed()).toBe('1');
          for (const [key, value] of setBy) expect(current.get(key)?.toFixed()).toBe(value.toFixed());
        }
      }),
      PROPERTY_RUNS,
    );
  });
});

describe('set-target validates the asset as the config does', () => {
  it.each([[''], ['   '], ['🚀'], ['BTC/USD'], ['x'.repeat(25)]])('refuses %j', (asset) => {
    expect(refusal(() => setTarget(SEED, asset, parsePercent('5%'), SEED_LIMITS))).toBe(
      `Refused: ${JSON.stringify(asset)} is not an asset symbol; expected letters and digits such as BTC or SPY`,
    );
  });
});

describe('a risk limit broken while pins are kept', () => {
  it('says which pinned targets were kept and that --rescale-all would move them too', () => {
    const limits: TargetLimits = { config: parseConfig({ sectors: { crypto: { assets: ['BTC', 'ETH', 'SOL'], max: '80%' } } }, { name: 'demo sectors' }) };
    const first = setTarget(SEED, 'BTC', parsePercent('45%'), limits);
    // BTC 45% + ETH 30% + SOL 7.14% = 82.14%: over the demo's crypto limit. Rescaling BTC too fits.
    expect(refusal(() => setTarget(first.after, 'ETH', parsePercent('30%'), limits, { pinned: first.pinned }))).toBe(
      "Refused: ETH 30% would break a risk limit (keeping the pinned BTC 45%; --rescale-all rescales it too): sectors.crypto.max: the targets of BTC, ETH, SOL add up to 82.142857%, above this sector's limit 80%",
    );
    expect(setTarget(first.after, 'ETH', parsePercent('30%'), limits, { pinned: first.pinned, rescaleAll: true }).after.get('ETH')?.toFixed()).toBe('0.3');
  });
});
