// Splitting a large order: the children sum exactly to the parent and each is a valid order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../src/money.js';
import { splitQuantity } from '../src/execution-planner.js';

const d = (value: string | number) => new Decimal(value);
const texts = (parts: Decimal[]) => parts.map((part) => part.toFixed());

describe('splitQuantity', () => {
  it.each([
    ['1', 4, '0.01', '0', ['0.25', '0.25', '0.25', '0.25']],
    // 1.03 = 103 steps over 4: 26, 26, 26, 25.
    ['1.03', 4, '0.01', '0', ['0.26', '0.26', '0.26', '0.25']],
    // The minimum allows only 3 children of at least 0.3.
    ['1', 5, '0.01', '0.3', ['0.34', '0.33', '0.33']],
    // Too small to split at all.
    ['0.5', 3, '0.01', '0.3', ['0.5']],
    ['7', 1, '1', '1', ['7']],
  ] as const)('%s in %i parts on step %s, min %s', (quantity, parts, step, min, expected) => {
    expect(texts(splitQuantity(d(quantity), { parts, amountStep: d(step), minQuantity: d(min) }))).toEqual(expected);
  });

  it('refuses a quantity off the step: the planner floors first', () => {
    expect(() => splitQuantity(d('1.005'), { parts: 2, amountStep: d('0.01'), minQuantity: d(0) })).toThrow('not a multiple of the amount step 0.01');
  });

  it('property: parts sum to the whole, each on the step and at least the minimum, at most `parts` of them', () => {
    const step = fc.constantFrom('1', '0.1', '0.01', '0.00001', '0.00000001', '0.5').map(d);
    fc.assert(
      fc.property(step, fc.bigInt({ min: 1n, max: 10n ** 14n }), fc.integer({ min: 1, max: 60 }), fc.bigInt({ min: 0n, max: 10n ** 12n }), (amountStep, steps, parts, minSteps) => {
        const quantity = amountStep.times(steps.toString());
        const minQuantity = amountStep.times(minSteps.toString());
        const children = splitQuantity(quantity, { parts, amountStep, minQuantity });
        expect(children.reduce((a, b) => a.plus(b), d(0)).eq(quantity)).toBe(true);
        expect(children.length).toBeLessThanOrEqual(parts);
        for (const child of children) {
          expect(child.div(amountStep).isInteger()).toBe(true);
          expect(child.gt(0)).toBe(true);
          if (children.length > 1) expect(child.gte(minQuantity)).toBe(true);
        }
        // Balanced: children differ by at most one step.
        expect(children[0]!.minus(children.at(-1)!).lte(amountStep)).toBe(true);
      }),
    );
  });
});
