import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, floorToStep, parseMoney, parsePercent, roundHalfEven, roundToStep } from '../src/money.js';

describe('parsePercent', () => {
  it.each([
    ['40%', '0.4'],
    ['0.5%', '0.005'],
    [' 5 %', '0.05'],
    ['-2%', '-0.02'],
    ['100%', '1'],
    ['33.333%', '0.33333'],
  ])('reads %j as the fraction %s', (input, expected) => {
    expect(parsePercent(input).toFixed()).toBe(expected);
  });

  it.each([
    ['5', '"5" has no % sign; expected a percent such as 5% or 0.5%'],
    ['five%', '"five%" is not a percent; expected a percent such as 5% or 0.5%'],
    ['5%%', '"5%%" is not a percent; expected a percent such as 5% or 0.5%'],
    ['1.2.3%', '"1.2.3%" is not a percent; expected a percent such as 5% or 0.5%'],
  ])('refuses %j', (input, message) => {
    expect(() => parsePercent(input)).toThrow(message);
  });

  it('refuses a bare number, which could mean 5% or 500%', () => {
    expect(() => parsePercent(5)).toThrow('"5" has no % sign');
  });
});

describe('parseMoney', () => {
  it.each([
    ['$100', '100'],
    ['$10k', '10000'],
    ['$1.5m', '1500000'],
    ['1,500.50', '1500.5'],
    ['€250', '250'],
    ['$0.01', '0.01'],
    [100, '100'],
  ])('reads %j as %s', (input, expected) => {
    expect(parseMoney(input).toFixed()).toBe(expected);
  });

  it.each(['$1OO', '$', '10 dollars', '1,50', '$$100', 'k'])('refuses %j', (input) => {
    expect(() => parseMoney(input)).toThrow(`${JSON.stringify(input)} is not an amount of money; expected an amount such as $100, $10k or 2500.50`);
  });
});

describe('rounding', () => {
  it('floors order amounts to the step and never rounds up past what is held', () => {
    expect(floorToStep(new Decimal('0.123456789'), new Decimal('0.00001')).toFixed()).toBe('0.12345');
    expect(floorToStep(new Decimal('0.00000999'), new Decimal('0.00001')).toFixed()).toBe('0');
  });

  it('rounds reports half-even', () => {
    expect(roundHalfEven(new Decimal('0.125'), 2).toFixed()).toBe('0.12');
    expect(roundHalfEven(new Decimal('0.135'), 2).toFixed()).toBe('0.14');
    expect(roundToStep(new Decimal('65000.125'), new Decimal('0.01')).toFixed()).toBe('65000.12');
  });

  it('floorToStep gives a multiple of the step within one step below the amount', () => {
    const decimal = fc.bigInt({ min: 0n, max: 10n ** 24n }).map((n) => new Decimal(n.toString()).div(new Decimal(10).pow(18)));
    const step = fc.constantFrom('1', '0.1', '0.001', '0.00001', '0.000000001', '0.25').map((s) => new Decimal(s));
    fc.assert(
      fc.property(decimal, step, (quantity, stepSize) => {
        const floored = floorToStep(quantity, stepSize);
        expect(floored.lte(quantity)).toBe(true);
        expect(quantity.minus(floored).lt(stepSize)).toBe(true);
        expect(floored.mod(stepSize).isZero()).toBe(true);
      }),
    );
  });

  it('keeps 18-decimal token amounts exact', () => {
    const amount = new Decimal('1234567.123456789012345678');
    expect(amount.times(new Decimal('98000.12')).div(new Decimal('98000.12')).toFixed()).toBe('1234567.123456789012345678');
  });
});
