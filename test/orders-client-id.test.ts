// Client order ids: the same run and leg always give the same id, in the form each venue accepts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLIENT_ID_RULES, type ClientIdFormat, clientIdFormatFor, clientOrderId, idFormatsFor } from '../src/execution-planner.js';

const FORMATS = Object.keys(CLIENT_ID_RULES) as ClientIdFormat[];

describe('client order id rules, one per venue', () => {
  it.each([
    ['binance', /^kit-[0-9a-f]{32}$/, 36],
    ['bybit', /^kit-[0-9a-f]{32}$/, 36],
    ['okx', /^kit[0-9a-f]{29}$/, 32],
    ['default', /^kit[0-9a-f]{29}$/, 32],
    ['coinbase', /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 36],
    ['kraken', /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 36],
  ] as const)('%s: the documented pattern and length', (format, shape, length) => {
    const id = clientOrderId('run-2026-11-23T14:00:00Z', 't1', format);
    expect(id).toMatch(shape);
    expect(id).toHaveLength(length);
    expect(id).toMatch(CLIENT_ID_RULES[format].pattern);
  });

  it('binance accepts its own alphabet only: ^[.A-Z:/a-z0-9_-]{1,36}$', () => {
    expect(CLIENT_ID_RULES.binance.pattern.test('a'.repeat(36))).toBe(true);
    expect(CLIENT_ID_RULES.binance.pattern.test('a'.repeat(37))).toBe(false);
    expect(CLIENT_ID_RULES.binance.pattern.test('kit id')).toBe(false);
  });

  it('okx wants letters and digits only, at most 32, starting with a letter', () => {
    expect(CLIENT_ID_RULES.okx.pattern.test('kit-1')).toBe(false);
    expect(CLIENT_ID_RULES.okx.pattern.test('1kit')).toBe(false);
    expect(CLIENT_ID_RULES.okx.pattern.test(`k${'0'.repeat(32)}`)).toBe(false);
  });

  it('kraken userref is a signed 32-bit integer', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (run, leg) => {
        const ref = Number(clientOrderId(run, leg, 'kraken-userref'));
        expect(Number.isInteger(ref) && ref >= -(2 ** 31) && ref < 2 ** 31).toBe(true);
      }),
    );
  });

  it('every format: any run id and leg give a valid, deterministic id; different legs differ', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FORMATS), fc.string(), fc.string(), fc.string(), (format, run, leg, other) => {
        const id = clientOrderId(run, leg, format);
        expect(id).toMatch(CLIENT_ID_RULES[format].pattern);
        expect(clientOrderId(run, leg, format)).toBe(id);
        if (other !== leg) expect(clientOrderId(run, other, format)).not.toBe(id);
      }),
    );
  });

  it('the run is part of the id: the same leg in another run is another order', () => {
    expect(clientOrderId('run-a', 't1')).not.toBe(clientOrderId('run-b', 't1'));
    // The separator keeps ("ab", "c") and ("a", "bc") apart.
    expect(clientOrderId('ab', 'c')).not.toBe(clientOrderId('a', 'bc'));
  });

  it('picks the rule by exchange name, the default for anything else', () => {
    expect(clientIdFormatFor('Binance')).toBe('binance');
    expect(clientIdFormatFor('okx')).toBe('okx');
    expect(clientIdFormatFor(undefined)).toBe('default');
    expect(clientIdFormatFor('mt5')).toBe('default');
    expect(clientIdFormatFor('kraken-userref')).toBe('default');
  });

  it("gives each configured venue its rule: a ccxt venue its exchange's, MT5 its 31-character comment, others the default", () => {
    const formats = idFormatsFor({ k: { adapter: 'ccxt', exchange: 'kraken' }, c: { adapter: 'ccxt', exchange: 'coinbase' }, m: { adapter: 'mt5' }, p: { adapter: 'paper' }, i: { adapter: 'ibkr' } });
    expect(Object.fromEntries(formats)).toEqual({ k: 'kraken', c: 'coinbase', m: 'mt5', p: 'default', i: 'default' });
    const mt5 = clientOrderId('r1', 't1', 'mt5');
    expect([mt5.length, CLIENT_ID_RULES.mt5.pattern.test(mt5)]).toEqual([31, true]);
  });
});
