// Report-level rules from issue #8, as scenarios named after their sources: DE Altbestand
// (Bestandsschutz, tax-rules.md §3.2), FR reports for any past year (Art. 150 VH bis CGI, BOFiP
// BOI-RPPM-PVBMI-70-20: the global value at each sale's date), currencies of the yearly amounts,
// DE crypto identification (BMF 6.3.2025), and sales left out making a report incomplete.
import { describe, expect, it } from 'vitest';
import { renderTaxReport, taxReportJson } from '../src/cli/render-tax-report.js';
import { Decimal } from '../src/money.js';
import { TaxCurrencyError } from '../src/tax/currency.js';
import { buildTaxReport, priceAtFromHistories, type TaxReportInput } from '../src/tax/report.js';
import type { AssetClass, TaxTrade } from '../src/tax/types.js';

const d = (value: string | number) => new Decimal(value);
function trade(id: string, date: string, side: 'buy' | 'sell', asset: string, quantity: number, total: number, extra: Partial<TaxTrade> = {}): TaxTrade {
  return { id, date: new Date(`${date}T00:00:00Z`), side, asset, assetClass: 'crypto', quantity: d(quantity), total: d(total), fee: d(0), venue: 'v', ...extra };
}
const input = (trades: TaxTrade[], extra: Partial<TaxReportInput>): TaxReportInput => ({
  trades,
  jurisdiction: 'DE',
  method: 'fifo',
  year: 2024,
  washSaleDays: 30,
  washSaleScope: 'securities',
  perVenue: true,
  eu: { yearlyExemption: d(0) },
  histories: new Map(),
  ...extra,
});

describe('DE Altbestand (§52 Abs.28 S.11 EStG, Bestandsschutz; tax-rules.md §3.2): exempt, first under FIFO, outside the taxable total', () => {
  const depot = { assetClass: 'security' as AssetClass, venue: 'depot' };
  const trades = [
    trade('alt', '2007-05-02', 'buy', 'SAP', 10, 500, depot),
    trade('neu', '2015-05-04', 'buy', 'SAP', 10, 900, depot),
    trade('s', '2024-06-03', 'sell', 'SAP', 15, 1800, depot),
  ];
  it('the 2007 shares go first and are exempt; the 2015 shares are taxed under §20', () => {
    const report = buildTaxReport(input(trades, {}));
    expect(report.disposals.map((x) => [x.term, x.matches.map((m) => `${m.lotId} ${m.quantity.toFixed()}`).join(), x.gain.toFixed()])).toEqual([
      ['exempt', 'alt 10', '700'],
      ['short', 'neu 5', '150'],
    ]);
    expect([report.totals.exempt.toFixed(), report.totals.taxable.toFixed()]).toEqual(['700', '150']);
    expect(report.totals.notes.some((note) => note.includes('Altbestand'))).toBe(true);
  });

  it('bought in December 2008 and sold within a year (in 2009): not exempt, the Bestandsschutz needs more than a year', () => {
    const report = buildTaxReport(input([trade('dec', '2008-12-15', 'buy', 'SAP', 1, 50, depot), trade('s', '2009-06-01', 'sell', 'SAP', 1, 80, depot)], { year: 2009 }));
    expect(report.disposals.map((x) => x.term)).toEqual(['short']);
  });
});

describe('DE crypto (BMF 6.3.2025: individual identification comes first) and securities (§20 Abs.4 S.7: FIFO whatever the instruction)', () => {
  const buys = (assetClass: AssetClass) => [trade('a', '2024-01-02', 'buy', 'BTC', 1, 1000, { assetClass }), trade('b', '2024-03-01', 'buy', 'BTC', 1, 3000, { assetClass })];
  it('crypto under fifo: the named lot is sold', () => {
    const report = buildTaxReport(input([...buys('crypto'), trade('s', '2024-06-03', 'sell', 'BTC', 1, 4000, { lotRef: 'b' })], {}));
    expect(report.disposals[0]!.matches.map((m) => `${m.rule} ${m.lotId}`)).toEqual(['specific b']);
  });
  it('securities: FIFO, the instruction overridden with a note', () => {
    const report = buildTaxReport(input([...buys('security'), trade('s', '2024-06-03', 'sell', 'BTC', 1, 4000, { assetClass: 'security', lotRef: 'b' })], {}));
    expect(report.disposals[0]!.matches.map((m) => `${m.rule} ${m.lotId}`)).toEqual(['fifo a']);
    expect(report.problems.map((p) => p.message)).toContainEqual(expect.stringContaining('Lot instruction "b" overridden'));
  });
});

describe('FR for any past year (Art. 150 VH bis CGI; BOFiP: the global value just before each sale, at its date)', () => {
  // FR-CRYPTO-01's figures: €1,500 of ETH and €10,000 of BTC bought; ETH sold for €2,000 when BTC is worth €18,000 (portfolio €20,000).
  const trades = [trade('eth', '2023-01-02', 'buy', 'ETH', 1, 1500), trade('btc', '2023-01-03', 'buy', 'BTC', 1, 10000), trade('s', '2023-06-01', 'sell', 'ETH', 1, 2000)];
  const closes = new Map([['BTC', [{ at: new Date('2023-05-31T00:00:00Z'), price: d(18000) }]]]);
  const fr = (extra: Partial<TaxReportInput>) => buildTaxReport(input(trades, { jurisdiction: 'FR', year: 2023, ...extra }));

  it('a 2023 report uses the price history at the sale: gain 2,000 - 11,500 x 2,000 / 20,000 = 850', () => {
    const report = fr({ priceAt: priceAtFromHistories(closes) });
    expect(report.disposals.map((x) => [x.cost.toFixed(), x.gain.toFixed()])).toEqual([['1150', '850']]);
    expect(report.incomplete).toEqual([]);
  });

  it('the histories field alone gives the same (closes at the sale date, not a window before now)', () => {
    expect(fr({ histories: closes }).disposals.map((x) => x.gain.toFixed())).toEqual(['850']);
  });

  it('a sale without a price for something held is not skipped silently: the report is incomplete, typed, and says which asset', () => {
    const report = fr({});
    expect(report.disposals).toEqual([]);
    expect(report.incomplete).toEqual([{ tradeId: 's', reason: 'no-price', message: expect.stringContaining('No price for BTC on 2023-06-01') }]);
    expect(taxReportJson(report, 'EUR')).toMatchObject({ complete: false, incomplete: [{ trade_id: 's', reason: 'no-price' }] });
    expect(renderTaxReport(report, { currency: 'EUR', sourceNote: '' })).toContain('⛔ Incomplete: 1 sale (s)');
  });

  it('a close older than a week before the sale is not its price', () => {
    const stale = new Map([['BTC', [{ at: new Date('2023-05-20T00:00:00Z'), price: d(18000) }]]]);
    expect(fr({ histories: stale }).incomplete.map((x) => x.reason)).toEqual(['no-price']);
  });

  it('the human report does not call the FR pool a Section 104 pool', () => {
    const text = renderTaxReport(fr({ histories: closes }), { currency: 'EUR', sourceNote: '' });
    expect(text).not.toContain('Section 104');
    expect(text).toContain('Acquisition-cost pool of the whole portfolio (Art. 150 VH bis CGI)');
  });
});

describe('currencies: the UK exempt amount (GBP), the DE Freigrenze and the FR €305 (EUR) are never applied to figures in another currency', () => {
  const trades = [trade('b', '2024-05-01', 'buy', 'BTC', 1, 1000), trade('s', '2024-06-01', 'sell', 'BTC', 1, 1500)];
  for (const [jurisdiction, expected] of [['UK', 'GBP'], ['DE', 'EUR'], ['FR', 'EUR'], ['US', 'USD']] as const) {
    it(`${jurisdiction} with a ledger in ${expected === 'USD' ? 'EUR' : 'USD'}: refused, naming both currencies and what to do`, () => {
      const actual = expected === 'USD' ? 'EUR' : 'USD';
      const run = () => buildTaxReport(input(trades, { jurisdiction, currency: actual }));
      expect(run).toThrow(TaxCurrencyError);
      expect(run).toThrow(new RegExp(`needs figures in ${expected}, but the ledger's trades are in ${actual}.*Set currency: ${expected}`));
    });
  }
  it('the same currency, or the EU profile (its exemption is configured in the reporting currency): no refusal', () => {
    expect(buildTaxReport(input(trades, { jurisdiction: 'DE', currency: 'eur' })).disposals).toHaveLength(1);
    expect(buildTaxReport(input(trades, { jurisdiction: 'EU', currency: 'CHF' })).disposals).toHaveLength(1);
  });
});

describe('a sale that cannot be matched to lots makes the report incomplete', () => {
  it('US: more sold than held is listed in `incomplete` (the CLI exits 3)', () => {
    const report = buildTaxReport(input([trade('b', '2024-05-01', 'buy', 'BTC', 1, 1000), trade('s', '2024-06-01', 'sell', 'BTC', 2, 3000)], { jurisdiction: 'US' }));
    expect(report.incomplete.map((x) => [x.tradeId, x.reason])).toEqual([['s', 'unmatched']]);
  });
  it('a sale after the period does not make an earlier year incomplete', () => {
    const report = buildTaxReport(input([trade('b', '2024-05-01', 'buy', 'BTC', 1, 1000), trade('s', '2025-06-01', 'sell', 'BTC', 2, 3000)], { jurisdiction: 'US' }));
    expect(report.incomplete).toEqual([]);
  });
});

// Issue #8: the human report of 300k open lots crashed ("Maximum call stack size exceeded").
describe('the human report renders any number of open lots', () => {
  it('300,000 open lots: the first 50, then how many more and where to read them all', () => {
    const report = buildTaxReport(input([trade('b', '2024-05-01', 'buy', 'BTC', 1, 1000)], { jurisdiction: 'US' }));
    const lot = report.openLots[0]!;
    const many = { ...report, openLots: Array.from({ length: 300_000 }, (_, i) => ({ ...lot, lotId: `b${i}` })) };
    const lines = renderTaxReport(many, { currency: 'USD', sourceNote: '' }).split('\n');
    expect(lines.filter((line) => /│ b\d+ +│$/.test(line))).toHaveLength(50);
    expect(lines).toContain('… and 299,950 more rows; use --json or --csv for every row.');
  });
});
