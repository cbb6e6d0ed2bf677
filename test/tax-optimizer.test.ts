// Laws of a plan's lot selection (estimateSellTaxes), on random lots: quantities are conserved,
// no lot is used twice or beyond what it holds, HIFO never realises more gain than FIFO, and
// specific identification never costs more tax than either.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, sum } from '../src/money.js';
import { defaultRates, estimateSellTaxes, type SellTaxInput } from '../src/tax-optimizer.js';
import type { OpenLot } from '../src/tax/types.js';

const d = (value: string | number) => new Decimal(value);
const NOW = new Date('2026-11-23T14:00:00Z');

const lotsArb = fc
  .array(fc.record({ day: fc.integer({ min: 0, max: 2000 }), qty: fc.integer({ min: 1, max: 10_000 }), cost: fc.integer({ min: 1, max: 200_000 }) }), { minLength: 1, maxLength: 30 })
  .map((rows) =>
    rows.map((row, index): OpenLot => {
      const at = new Date(Date.UTC(2021, 0, 1 + row.day));
      const quantity = d(row.qty).div(100);
      return { lotId: `l${String(index).padStart(2, '0')}`, asset: 'BTC', venue: 'v', acquiredAt: at, holdingStart: at, quantity, cost: quantity.times(row.cost) };
    }),
  );

const input = (lots: OpenLot[], method: SellTaxInput['method']): SellTaxInput => ({ jurisdiction: 'US', method, now: NOW, lots, assetClass: () => 'crypto', rates: (c) => defaultRates('US', c) });
const sale = (quantity: Decimal) => [{ id: 's', venue: 'v', asset: 'BTC', quantity, value: quantity.times(100_000), feeValue: d(0) }];

describe('estimateSellTaxes, as laws', () => {
  it('uses exactly the quantity sold when the lots hold it, no lot twice and none beyond its quantity', () => {
    fc.assert(
      fc.property(lotsArb, fc.double({ min: 0.01, max: 1, noNaN: true }), fc.constantFrom('fifo', 'lifo', 'hifo', 'specific') as fc.Arbitrary<SellTaxInput['method']>, (lots, share, method) => {
        const held = sum(lots.map((lot) => lot.quantity));
        const quantity = held.times(share.toFixed(6)).toDecimalPlaces(2, Decimal.ROUND_DOWN);
        if (quantity.lte(0)) return;
        const tax = estimateSellTaxes(sale(quantity), input(lots, method)).get('s')!;
        expect(sum(tax.lots.map((use) => use.quantity)).eq(quantity)).toBe(true);
        expect(new Set(tax.lots.map((use) => use.lotId)).size).toBe(tax.lots.length);
        for (const use of tax.lots) expect(use.quantity.lte(lots.find((lot) => lot.lotId === use.lotId)!.quantity)).toBe(true);
        expect(tax.uncovered).toBe(false);
      }),
      { numRuns: 300, seed: 3 },
    );
  });

  it('HIFO never realises more gain than FIFO, and specific identification never costs more tax than either', () => {
    fc.assert(
      fc.property(lotsArb, fc.double({ min: 0.01, max: 1, noNaN: true }), (lots, share) => {
        const quantity = sum(lots.map((lot) => lot.quantity)).times(share.toFixed(6)).toDecimalPlaces(2, Decimal.ROUND_DOWN);
        if (quantity.lte(0)) return;
        const [fifo, hifo, specific] = (['fifo', 'hifo', 'specific'] as const).map((method) => estimateSellTaxes(sale(quantity), input(lots, method)).get('s')!);
        expect(hifo!.gain.lte(fifo!.gain)).toBe(true);
        expect(specific!.tax.lte(fifo!.tax.plus('1e-20'))).toBe(true);
        expect(specific!.tax.lte(hifo!.tax.plus('1e-20'))).toBe(true);
      }),
      { numRuns: 300, seed: 4 },
    );
  });

  it('breaks ties by recorded order (the order the engine lists the lots), never by the lot id, so the same lots always give the same selection', () => {
    const at = new Date('2025-01-01T00:00:00Z');
    const twins: OpenLot[] = ['z', 'y'].map((lotId) => ({ lotId, asset: 'BTC', venue: 'v', acquiredAt: at, holdingStart: at, quantity: d(1), cost: d(100) }));
    expect(estimateSellTaxes(sale(d(1)), input(twins, 'fifo')).get('s')!.lots.map((use) => use.lotId)).toEqual(['z']);
    expect(estimateSellTaxes(sale(d(1)), input(twins, 'lifo')).get('s')!.lots.map((use) => use.lotId)).toEqual(['y']);
  });
});
