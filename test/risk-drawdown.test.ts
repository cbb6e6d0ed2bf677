import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, sum } from '../src/money.js';
import { applyDrawdownShift, assessDrawdown } from '../src/risk/drawdown.js';

const d = (value: string | number) => new Decimal(value);
const at = (iso: string) => new Date(iso);
const targets = (entries: Record<string, string>) => new Map(Object.entries(entries).map(([asset, value]) => [asset, d(value)]));
const shown = (map: ReadonlyMap<string, Decimal>) => Object.fromEntries([...map].map(([asset, value]) => [asset, value.toFixed()]));
const NOW = at('2026-11-23T14:00:00Z');
const PEAK = { value: d('123456'), at: at('2026-10-01T09:00:00Z') };

describe('assessDrawdown', () => {
  it('starts a high-water mark at the first value seen', () => {
    const result = assessDrawdown({ value: d('100000'), now: NOW, reduceAt: d('0.2'), shift: d('0.5') });
    expect(result.highWater).toEqual({ value: d('100000'), at: NOW });
    expect(result.drawdown.toFixed()).toBe('0');
    expect(result).toMatchObject({ active: false, diagnostics: [] });
  });

  it('moves the mark up to a new high, dated now', () => {
    const result = assessDrawdown({ value: d('130000'), now: NOW, previous: PEAK, reduceAt: d('0.2'), shift: d('0.5') });
    expect(result.highWater).toEqual({ value: d('130000'), at: NOW });
    expect(result.drawdown.toFixed()).toBe('0');
  });

  it('keeps the old mark and its date at an equal value', () => {
    expect(assessDrawdown({ value: d('123456'), now: NOW, previous: PEAK, shift: d('0.5') }).highWater).toBe(PEAK);
  });

  it('measures the drawdown below the mark, and stays quiet under the threshold', () => {
    const result = assessDrawdown({ value: d('111110.4'), now: NOW, previous: PEAK, reduceAt: d('0.2'), shift: d('0.5') });
    expect(result.drawdown.toFixed()).toBe('0.1');
    expect(result).toMatchObject({ highWater: PEAK, active: false, diagnostics: [] });
  });

  it('is active exactly at drawdown_reduce_at, with a warning a user can read', () => {
    const result = assessDrawdown({ value: d('98764.8'), now: NOW, previous: PEAK, reduceAt: d('0.2'), shift: d('0.5') });
    expect(result.drawdown.toFixed()).toBe('0.2');
    expect(result.active).toBe(true);
    expect(result.diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'risk.drawdown_active',
        message: 'Drawdown protection active: the portfolio is 20.0% below its high-water mark $123,456.00 of 2026-10-01; risk targets are shifted 50% toward cash.',
      },
    ]);
  });

  it("words the seed's example", () => {
    const result = assessDrawdown({ value: d('94567.296'), now: NOW, previous: PEAK, reduceAt: d('0.2'), shift: d('0.125') });
    expect(result.diagnostics[0]?.message).toBe(
      'Drawdown protection active: the portfolio is 23.4% below its high-water mark $123,456.00 of 2026-10-01; risk targets are shifted 12.5% toward cash.',
    );
  });

  it('shows the high-water mark in the portfolio currency', () => {
    const result = assessDrawdown({ value: d('98764.8'), now: NOW, previous: PEAK, reduceAt: d('0.2'), shift: d('0.5'), currency: 'EUR' });
    expect(result.diagnostics[0]?.message).toContain('high-water mark €123,456.00 of 2026-10-01');
  });

  it('is never active without drawdown_reduce_at', () => {
    expect(assessDrawdown({ value: d('1000'), now: NOW, previous: PEAK, shift: d('0.5') })).toMatchObject({ active: false, diagnostics: [] });
  });

  it('reads a value of zero as a full drawdown, and a zero mark as none', () => {
    const wiped = assessDrawdown({ value: d(0), now: NOW, previous: PEAK, reduceAt: d('0.2'), shift: d('0.5') });
    expect([wiped.drawdown.toFixed(), wiped.active]).toEqual(['1', true]);
    const empty = assessDrawdown({ value: d(0), now: NOW, reduceAt: d('0.2'), shift: d('0.5') });
    expect([empty.drawdown.toFixed(), empty.active, empty.highWater.value.toFixed()]).toEqual(['0', false, '0']);
  });
});

describe('applyDrawdownShift', () => {
  const BASE = targets({ BTC: '0.4', ETH: '0.25', USDC: '0.15', SPY: '0.2' });

  it('moves the shifted share of every risk target to cash, keeping the order', () => {
    const shifted = applyDrawdownShift(BASE, 'USDC', d('0.5'));
    expect(shown(shifted)).toEqual({ BTC: '0.2', ETH: '0.125', USDC: '0.575', SPY: '0.1' });
    expect([...shifted.keys()]).toEqual(['BTC', 'ETH', 'USDC', 'SPY']);
  });

  it('changes nothing with shift 0', () => {
    expect(shown(applyDrawdownShift(BASE, 'USDC', d(0)))).toEqual(shown(BASE));
  });

  it('puts everything in cash with shift 1', () => {
    expect(shown(applyDrawdownShift(BASE, 'USDC', d(1)))).toEqual({ BTC: '0', ETH: '0', USDC: '1', SPY: '0' });
  });

  it('creates the cash bucket at the end when the targets have none', () => {
    const shifted = applyDrawdownShift(targets({ BTC: '0.6', ETH: '0.4' }), 'CASH', d('0.25'));
    expect(shown(shifted)).toEqual({ BTC: '0.45', ETH: '0.3', CASH: '0.25' });
    expect([...shifted.keys()]).toEqual(['BTC', 'ETH', 'CASH']);
    expect(applyDrawdownShift(targets({ BTC: '1' }), 'CASH', d(0)).has('CASH')).toBe(false);
  });

  it('refuses a shift outside 0..1', () => {
    expect(() => applyDrawdownShift(BASE, 'USDC', d('1.5'))).toThrow(/between 0 and 1; got 1.5/);
  });

  it('keeps the sum exactly 1 for any shift, targets with many decimals included', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 4, maxLength: 4 }), fc.integer({ min: 0, max: 10_000 }), (parts, shiftBp) => {
        const total = parts.reduce((acc, part) => acc + part, 0) || 1;
        const input = new Map(['BTC', 'ETH', 'SOL'].map((asset, i) => [asset, d(parts[i]!).div(total).toDecimalPlaces(20)]));
        input.set('USDC', d(1).minus(sum(input.values())));
        const shifted = applyDrawdownShift(input, 'USDC', d(shiftBp).div(10_000));
        expect(sum(shifted.values()).eq(1)).toBe(true);
        expect(shifted.get('USDC')!.gte(input.get('USDC')!)).toBe(true);
      }),
    );
  });
});
