import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, sum } from '../src/money.js';
import type { TaxLot } from '../src/ports.js';
import { consumeLots } from '../src/tax-optimizer.js';

const d = (value: string | number) => new Decimal(value);
function lot(id: string, acquired: string, quantity: string, unitCost: string): TaxLot {
  const acquiredAt = new Date(`${acquired}T00:00:00Z`);
  return { id, venue: 'binance', asset: 'BTC', assetClass: 'crypto', acquiredAt, quantity: d(quantity), remaining: d(quantity), unitCost: d(unitCost), basisAdjustment: d(0), holdingStart: acquiredAt };
}

// The demo's Binance BTC lots: one long-term gain, one short-term loss at $98,000.
const LOTS = [lot('a', '2024-02-10', '0.20', '42000'), lot('b', '2026-01-15', '0.10', '104500'), lot('c', '2025-06-01', '0.05', '61000')];
const used = (method: 'fifo' | 'lifo' | 'hifo', quantity: string) =>
  consumeLots(LOTS, method, d(quantity)).uses.map((use) => `${use.lot.id}:${use.quantity.toFixed()}`);

describe('consumeLots', () => {
  it('FIFO takes the oldest lots first', () => expect(used('fifo', '0.22')).toEqual(['a:0.2', 'c:0.02']));
  it('LIFO takes the newest lots first', () => expect(used('lifo', '0.12')).toEqual(['b:0.1', 'c:0.02']));
  it('HIFO takes the highest cost first (the loss lot here)', () => expect(used('hifo', '0.12')).toEqual(['b:0.1', 'c:0.02']));

  it('breaks ties by lot id', () => {
    const twins = [lot('z', '2025-01-01', '1', '100'), lot('y', '2025-01-01', '1', '100')];
    expect(consumeLots(twins, 'fifo', d('1')).uses.map((use) => use.lot.id)).toEqual(['y']);
  });

  it('refuses to sell more than the lots hold', () => {
    expect(() => consumeLots(LOTS, 'fifo', d('0.36'))).toThrow('asked for 0.36 but the lots hold 0.35');
  });

  const lotsArb = fc
    .array(fc.record({ day: fc.integer({ min: 0, max: 2000 }), qty: fc.integer({ min: 1, max: 10_000 }), cost: fc.integer({ min: 1, max: 100_000 }) }), { minLength: 1, maxLength: 30 })
    .map((rows) => rows.map((row, index) => lot(`l${index}`, new Date(Date.UTC(2020, 0, 1 + row.day)).toISOString().slice(0, 10), d(row.qty).div(100).toFixed(), String(row.cost))));

  it('conserves quantity, uses no lot twice or beyond what it holds, and HIFO never realises more gain than FIFO', () => {
    fc.assert(
      fc.property(lotsArb, fc.double({ min: 0.01, max: 1, noNaN: true }), (lots, share) => {
        const total = sum(lots.map((l) => l.remaining));
        const quantity = total.times(share.toFixed(6)).toDecimalPlaces(2, Decimal.ROUND_DOWN);
        if (quantity.lte(0)) return;
        const selections = (['fifo', 'lifo', 'hifo'] as const).map((method) => consumeLots(lots, method, quantity));
        for (const selection of selections) {
          expect(sum(selection.uses.map((use) => use.quantity)).eq(quantity)).toBe(true);
          expect(new Set(selection.uses.map((use) => use.lot.id)).size).toBe(selection.uses.length);
          expect(selection.uses.every((use) => use.quantity.gt(0) && use.quantity.lte(use.lot.remaining))).toBe(true);
        }
        const [fifo, , hifo] = selections;
        expect(hifo!.cost.gte(fifo!.cost)).toBe(true);
      }),
    );
  });
});
