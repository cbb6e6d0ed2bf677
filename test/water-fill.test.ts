import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, sum } from '../src/money.js';
import { waterFill, waterFillAboveMinimum } from '../src/strategies/intent.js';

const d = (value: number | string) => new Decimal(value);
const gaps = (entries: Record<string, number>) => new Map(Object.entries(entries).map(([k, v]) => [k, d(v)]));
const show = (fills: Map<string, Decimal>) => Object.fromEntries([...fills].map(([k, v]) => [k, v.toFixed()]));

/** The plain definition: fill, drop the smallest fill under the minimum, fill again. */
function naive(deficits: Map<string, Decimal>, budget: Decimal, minimum: Decimal): Map<string, Decimal> {
  const candidates = new Map(deficits);
  for (;;) {
    const fills = waterFill(candidates, budget);
    const small = [...fills].filter(([, v]) => v.lt(minimum)).sort((a, b) => a[1].cmp(b[1]) || a[0].localeCompare(b[0]));
    if (small.length === 0) return fills;
    candidates.delete(small[0]![0]);
  }
}

describe('water-filling', () => {
  it('fills the largest gap first, down to a common level', () => {
    expect(show(waterFill(gaps({ ETH: 4105, SOL: 2071.5, SPY: 1012.5 }), d(4037)))).toEqual({ ETH: '3035.25', SOL: '1001.75' });
  });

  it('fills every gap when the budget is enough, and never more than a gap', () => {
    expect(show(waterFill(gaps({ A: 10, B: 5 }), d(100)))).toEqual({ A: '10', B: '5' });
  });

  it('leaves out gaps whose share would be under the minimum, giving it to the others', () => {
    // All three would get A 230, B 130, C 40: C is dropped and A and B share its 40.
    expect(show(waterFillAboveMinimum(gaps({ A: 300, B: 200, C: 110 }), d(400), d(100)).fills)).toEqual({ A: '250', B: '150' });
    // Here B's share falls under the minimum too once C is gone, and A takes everything it needs.
    expect(show(waterFillAboveMinimum(gaps({ A: 300, B: 120, C: 110 }), d(330), d(100)).fills)).toEqual({ A: '300' });
  });

  it('matches the plain definition and spends at most the budget', () => {
    const arb = fc.record({
      gaps: fc.dictionary(fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F', 'G'), fc.integer({ min: 1, max: 10_000 })),
      budget: fc.integer({ min: 0, max: 30_000 }),
      minimum: fc.integer({ min: 0, max: 3_000 }),
    });
    fc.assert(
      fc.property(arb, ({ gaps: g, budget, minimum }) => {
        const deficits = gaps(g);
        const fast = waterFillAboveMinimum(deficits, d(budget), d(minimum)).fills;
        expect(show(fast)).toEqual(show(naive(deficits, d(budget), d(minimum))));
        // Up to the last of 40 significant digits (a third is rounded).
        expect(sum(fast.values()).lte(d(budget).plus('1e-30'))).toBe(true);
        for (const [asset, fill] of fast) expect(fill.lte(deficits.get(asset)!)).toBe(true);
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});
