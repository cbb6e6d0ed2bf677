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
