// The report's holdings at a past period's end come from the same replay as its disposals: they
// must be what a replay of the trades up to that end leaves.
import { describe, expect, it } from 'vitest';
import { taxTrades } from '../bench/tax.js';
import { Decimal } from '../src/money.js';
import { buildTaxReport, taxPeriod } from '../src/tax/report.js';
import { computeDe } from '../src/tax/de.js';
import { computeEu } from '../src/tax/eu.js';
import { computeUs } from '../src/tax/us.js';
import type { OpenLot, TaxResult, TaxTrade } from '../src/tax/types.js';

const show = (lots: readonly OpenLot[]) => lots.map((lot) => `${lot.lotId}|${lot.venue}|${lot.quantity.toFixed()}|${lot.cost.toFixed()}|${lot.holdingStart.toISOString()}`).sort();

describe('a past period in one replay', () => {
  const trades = taxTrades(3_000, 23);
  const end = taxPeriod('US', 2021).to;
  const before = trades.filter((trade) => trade.date < end);
  const options = { method: 'fifo' as const, washSaleDays: 30, washSaleScope: 'all' as const };
  const engines: [string, (t: readonly TaxTrade[], o: typeof options & { snapshotAt?: Date }) => TaxResult][] = [
    ['US', (t, o) => computeUs(t, { ...o, perVenue: true })],
    ['DE', computeDe],
    ['EU', (t, o) => computeEu(t, { ...o, method: 'average', exemptAfterYears: 2 })],
  ];
  for (const [name, compute] of engines) {
    it(`${name}: the snapshot at the period's end equals a replay of the trades before it`, () => {
      const snapshot = compute(trades, { ...options, snapshotAt: end }).snapshot!;
      const cut = compute(before, options);
      expect(show(snapshot.openLots)).toEqual(show(cut.openLots));
      expect(snapshot.pools.map((p) => `${p.asset}|${p.quantity.toFixed()}|${p.cost.toFixed()}`)).toEqual(cut.pools.map((p) => `${p.asset}|${p.quantity.toFixed()}|${p.cost.toFixed()}`));
    });
  }

  it('the report uses it', () => {
    const report = buildTaxReport({ trades, jurisdiction: 'US', method: 'fifo', year: 2021, washSaleDays: 30, washSaleScope: 'securities', perVenue: true, eu: { yearlyExemption: new Decimal(0) }, histories: new Map() });
    expect(show(report.openLots)).toEqual(show(computeUs(before, { method: 'fifo', washSaleDays: 30, washSaleScope: 'securities', perVenue: true }).openLots));
  });
});

describe('UK: the Section 104 pool at a tax year\'s end', () => {
  const d = (v: string | number) => new Decimal(v);
  const t = (id: string, day: string, side: 'buy' | 'sell', quantity: number, total: number): TaxTrade => ({ id, date: new Date(`${day}T12:00:00Z`), side, asset: 'XYZ', assetClass: 'security', quantity: d(quantity), total: d(total), fee: d(0), venue: 'broker' });

  it('is taken in the same replay and, with no sale near the end, equals a replay up to the end', async () => {
    const { computeUk } = await import('../src/tax/uk.js');
    const trades = [t('b1', '2024-05-01', 'buy', 100, 1000), t('s1', '2024-09-01', 'sell', 40, 600), t('b2', '2025-01-10', 'buy', 10, 200), t('s2', '2025-06-01', 'sell', 20, 500)];
    const end = taxPeriod('UK', 2024).to;
    const snapshot = computeUk(trades, { method: 'fifo', washSaleDays: 30, washSaleScope: 'securities', snapshotAt: end }).snapshot!;
    const cut = computeUk(trades.filter((x) => x.date < end), { method: 'fifo', washSaleDays: 30, washSaleScope: 'securities' });
    expect(snapshot.pools.map((p) => [p.quantity.toFixed(), p.cost.toFixed()])).toEqual(cut.pools.map((p) => [p.quantity.toFixed(), p.cost.toFixed()]));
    expect(snapshot.pools.map((p) => [p.quantity.toFixed(), p.cost.toFixed()])).toEqual([['70', '800']]);
  });

  it('knows that a sale just before the end was matched to a purchase just after it (30 days), not to the pool', async () => {
    const { computeUk } = await import('../src/tax/uk.js');
    const trades = [t('b1', '2024-05-01', 'buy', 100, 1000), t('s1', '2025-04-01', 'sell', 10, 50), t('b2', '2025-04-20', 'buy', 10, 60)];
    const report = buildTaxReport({ trades, jurisdiction: 'UK', method: 'fifo', year: 2024, washSaleDays: 30, washSaleScope: 'securities', perVenue: false, eu: { yearlyExemption: d(0) }, histories: new Map() });
    expect(report.disposals[0]!.matches.map((m) => m.rule)).toEqual(['bed-and-breakfast']);
    // At 5 April 2025 the pool still holds all 100: the 1 April sale belongs to the 20 April purchase.
    expect(report.pools.map((p) => [p.quantity.toFixed(), p.cost.toFixed()])).toEqual([['100', '1000']]);
  });
});
