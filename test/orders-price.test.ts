// Limit prices and slippage guards: never worse than the book by more than the tolerance.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../src/money.js';
import { referencePrice, worstAcceptablePrice } from '../src/execution-planner.js';

const d = (value: string | number) => new Decimal(value);

describe('worstAcceptablePrice', () => {
  it.each([
    // side, reference, tolerance, step, expected
    ['buy', '100000', '0.005', '0.01', '100500'],
    ['sell', '100000', '0.005', '0.01', '99500'],
    // 2512.345 x 1.005 = 2524.906725: a buy rounds down to the step...
    ['buy', '2512.345', '0.005', '0.01', '2524.9'],
    // ...2512.345 x 0.995 = 2499.783275: a sell rounds up.
    ['sell', '2512.345', '0.005', '0.01', '2499.79'],
    ['buy', '63.17', '0', '0.05', '63.15'],
    ['sell', '63.17', '0', '0.05', '63.2'],
  ] as const)('%s at %s with %s tolerance on a %s grid: %s', (side, reference, tolerance, step, expected) => {
    expect(worstAcceptablePrice(side, d(reference), d(tolerance), d(step)).toFixed()).toBe(expected);
  });

  it('a buy never pays more than ask x (1 + tol), a sell never takes less than bid x (1 - tol); both on the grid', () => {
    const price = fc.integer({ min: 1, max: 10_000_000 }).map((cents) => d(cents).div(100));
    const step = fc.constantFrom('0.01', '0.1', '0.5', '1', '0.00001').map(d);
    const tolerance = fc.integer({ min: 0, max: 500 }).map((bp) => d(bp).div(10_000));
    fc.assert(
      fc.property(price, step, tolerance, (reference, priceStep, tol) => {
        const buy = worstAcceptablePrice('buy', reference, tol, priceStep);
        const sell = worstAcceptablePrice('sell', reference, tol, priceStep);
        expect(buy.lte(reference.times(tol.plus(1)))).toBe(true);
        expect(sell.gte(reference.times(d(1).minus(tol)))).toBe(true);
        expect(buy.div(priceStep).isInteger() && sell.div(priceStep).isInteger()).toBe(true);
        // Within one step of the exact bound.
        expect(reference.times(tol.plus(1)).minus(buy).lt(priceStep)).toBe(true);
      }),
    );
  });
});

describe('referencePrice', () => {
  it('uses the ask for a buy, the bid for a sell, the plan price when the book is unknown', () => {
    const book = { bid: d('99990'), ask: d('100010') };
    expect(referencePrice('buy', book, d('100000')).toFixed()).toBe('100010');
    expect(referencePrice('sell', book, d('100000')).toFixed()).toBe('99990');
    expect(referencePrice('sell', undefined, d('100000')).toFixed()).toBe('100000');
    expect(referencePrice('buy', { bid: d('1') }, d('100000')).toFixed()).toBe('100000');
  });
});
