// US rules from issue #8 as scenarios, each named after the rule and its source: a named lot wins
// over the default method (Treas. Reg. §1.1012-1(c)), ties follow the recorded order, per-lot
// figures carry their own wash sale (Rev. Rul. 70-231; IRS Pub 550), identical groups wash.
import { describe, expect, it } from 'vitest';
import { taxReportCsv, taxReportJson } from '../src/cli/render-tax-report.js';
import { Decimal } from '../src/money.js';
import { buildTaxReport, type TaxReportInput } from '../src/tax/report.js';
import type { LotMethod, TaxOptions, TaxTrade } from '../src/tax/types.js';
import { computeUs } from '../src/tax/us.js';

const d = (value: string | number) => new Decimal(value);
const US: TaxOptions = { method: 'fifo', washSaleDays: 30, washSaleScope: 'securities' };
function trade(id: string, date: string, side: 'buy' | 'sell', quantity: number, total: number, extra: Partial<TaxTrade> = {}): TaxTrade {
  return { id, date: new Date(date.length === 10 ? `${date}T00:00:00Z` : date), side, asset: 'X', assetClass: 'security', quantity: d(quantity), total: d(total), fee: d(0), venue: 'broker', ...extra };
}
const used = (trades: TaxTrade[], method: LotMethod) => computeUs(trades, { ...US, method }).disposals.flatMap((x) => x.matches.map((m) => `${m.rule} ${m.lotId} ${m.quantity.toFixed()}`));

describe('Treas. Reg. §1.1012-1(c): a sale that names its lot uses it, whatever lot_selection is', () => {
  // US-LOT-01 (Motley Fool): JAN 1,000 @ $15, FEB 1,000 @ $35, 1,000 sold @ $32 naming FEB: a $3,000 loss.
  const trades = [trade('JAN', '2000-01-10', 'buy', 1000, 15000), trade('FEB', '2000-02-25', 'buy', 1000, 35000), trade('S', '2000-04-12', 'sell', 1000, 32000, { lotRef: 'FEB' })];
  for (const method of ['fifo', 'lifo', 'hifo', 'specific', 'average'] as const) {
    it(`${method}: the FEB lot is sold, a $3,000 loss, no note`, () => {
      const result = computeUs(trades, { ...US, method });
      expect(result.disposals.map((x) => [x.matches.map((m) => `${m.rule} ${m.lotId}`).join(), x.gain.toFixed()])).toEqual([['specific FEB', '-3000']]);
      expect(result.problems.filter((p) => p.message.includes('lotRef'))).toEqual([]);
    });
  }

  it('a named lot that holds too little: the rest by the configured method (LIFO here), said so', () => {
    const result = computeUs([trade('A', '2000-01-10', 'buy', 10, 100), trade('B', '2000-02-10', 'buy', 10, 200), trade('C', '2000-03-10', 'buy', 10, 300), trade('S', '2000-04-12', 'sell', 15, 600, { lotRef: 'A' })], { ...US, method: 'lifo' });
    expect(result.disposals[0]!.matches.map((m) => `${m.rule} ${m.lotId} ${m.quantity.toFixed()}`)).toEqual(['specific A 10', 'lifo C 5']);
    expect(result.problems).toEqual([{ tradeId: 'S', message: 'lotRef "A" held only 10 X: the other 5 matched LIFO, the configured lot_selection.' }]);
  });
});

describe('ties follow the recorded order (acquisition time, then the order the history lists the trades), never the lot id', () => {
  // The ids are spelled against the recorded order: "zeta" is listed first, "alpha" second.
  const sameInstant = [trade('zeta', '2024-03-01', 'buy', 1, 100), trade('alpha', '2024-03-01', 'buy', 1, 100), trade('S', '2024-06-01', 'sell', 1, 150)];
  it('two buys at one instant: FIFO takes the first listed, LIFO the later listed', () => {
    expect(used(sameInstant, 'fifo')).toEqual(['fifo zeta 1']);
    expect(used(sameInstant, 'lifo')).toEqual(['lifo alpha 1']);
    expect(used(sameInstant, 'hifo')).toEqual(['hifo zeta 1']);
    expect(used(sameInstant, 'specific')).toEqual(['fifo zeta 1']);
  });

  it('two buys on one date at different times: LIFO takes the later one first', () => {
    const timed = [trade('zeta', '2024-03-01T15:00:00Z', 'buy', 1, 100), trade('alpha', '2024-03-01T09:00:00Z', 'buy', 1, 100), trade('S', '2024-06-01', 'sell', 1, 150)];
    expect(used(timed, 'lifo')).toEqual(['lifo zeta 1']);
    expect(used(timed, 'fifo')).toEqual(['fifo alpha 1']);
  });

  it('open lots are listed in recorded order too', () => {
    const result = computeUs(sameInstant.slice(0, 2), US);
    expect(result.openLots.map((lot) => lot.lotId)).toEqual(['zeta', 'alpha']);
  });
});

const input = (trades: TaxTrade[], extra: Partial<TaxReportInput> = {}): TaxReportInput => ({
  trades,
  jurisdiction: 'US',
  method: 'fifo',
  year: 2013,
  washSaleDays: 30,
  washSaleScope: 'securities',
  perVenue: false,
  eu: { yearlyExemption: d(0) },
  histories: new Map(),
  ...extra,
});

describe('Rev. Rul. 70-231 / IRS Pub 550 (one sale of three blocks): per-lot figures carry their own wash sale', () => {
  // US-WS-04: 100 @ $158, 100 @ $100, 100 @ $95 sold together for $37,500; 250 bought back 13 days later.
  const trades = [
    trade('B158', '2008-01-05', 'buy', 100, 15800),
    trade('B100', '2008-01-06', 'buy', 100, 10000),
    trade('B95', '2008-01-07', 'buy', 100, 9500),
    trade('S', '2013-12-27', 'sell', 300, 37500),
    trade('R', '2014-01-09', 'buy', 250, 25000),
  ];
  const report = buildTaxReport(input(trades));

  it('--csv: the $3,300 disallowed loss sits on the $158 block alone; the others keep their $2,500 and $3,000 gains', () => {
    expect(taxReportCsv(report).split('\n').slice(1)).toEqual([
      'S,X,100,15800,12500,0,2183,true,2008-01-05,2013-12-27,B158',
      'S,X,100,10000,12500,2500,2182,true,2008-01-06,2013-12-27,B100',
      'S,X,100,9500,12500,3000,2181,true,2008-01-07,2013-12-27,B95',
    ]);
  });

  it('--json matches carry proceeds, gain and recognised_gain per lot, line for line with --csv', () => {
    const json = taxReportJson(report, 'USD');
    const matches = json.disposals[0]!.matches;
    expect(matches.map((m) => [m.lot_id, m.proceeds, m.gain, m.recognised_gain])).toEqual([
      ['B158', '12500', '-3300', '0'],
      ['B100', '12500', '2500', '2500'],
      ['B95', '12500', '3000', '3000'],
    ]);
    const csvRows = taxReportCsv(report).split('\n').slice(1).map((row) => row.split(','));
    expect(csvRows.map((row) => [row[10], row[4], row[5]])).toEqual(matches.map((m) => [m.lot_id, m.proceeds, m.recognised_gain]));
    expect(json.disposals[0]!.recognised_gain).toBe('5500');
  });
});

describe('tax.identical_groups in the report (IRC §1091 "substantially identical"): a buy of one washes a loss on another', () => {
  const trades = [trade('spy', '2024-01-02', 'buy', 10, 5000, { asset: 'SPY' }), trade('S', '2024-03-01', 'sell', 10, 4000, { asset: 'SPY' }), trade('voo', '2024-03-10', 'buy', 10, 4100, { asset: 'VOO' })];
  it('without the group the $1,000 loss stands; with SPY and VOO grouped it is disallowed and added to the VOO lot', () => {
    expect(buildTaxReport(input(trades, { year: 2024 })).totals.disallowed.toFixed()).toBe('0');
    const grouped = buildTaxReport(input(trades, { year: 2024, identicalGroups: [['SPY', 'VOO']] }));
    expect(grouped.totals.disallowed.toFixed()).toBe('1000');
    expect(grouped.openLots.map((lot) => [lot.lotId, lot.asset, lot.cost.toFixed(), lot.holdingStart.toISOString().slice(0, 10)])).toEqual([['voo', 'VOO', '5100', '2024-01-11']]);
  });
});
