import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBaseUnits, toBaseUnits } from '../src/adapters/units.js';
import { Decimal } from '../src/money.js';

describe('base units', () => {
  it('round-trips any base-unit amount at any decimals exactly', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 40n }), fc.integer({ min: 0, max: 24 }), (amount, decimals) => {
        expect(toBaseUnits(fromBaseUnits(amount, decimals), decimals)).toBe(amount);
      }),
    );
  });

  it('rounds a finer amount toward zero unless asked to round up', () => {
    expect(toBaseUnits(new Decimal('1.2345678'), 6)).toBe(1234567n);
    expect(toBaseUnits(new Decimal('1.2345678'), 6, 'up')).toBe(1234568n);
    expect(toBaseUnits(new Decimal('1.5'), 18)).toBe(1_500_000_000_000_000_000n);
  });
});
