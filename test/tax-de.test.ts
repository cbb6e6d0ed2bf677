// Germany: §23 EStG crypto (one-year exemption, Freigrenze, per-wallet lots, FIFO/LIFO/average) and
// §20 EStG securities (FIFO per depot, 26.375%, share-loss pot). Each `it` names its source; inputs
// come from fixtures/tax-examples.json where it has the case, with the key numbers restated here.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itExample, taxExamples } from './helpers/tax-examples.js';
import { walletTradesArb } from './helpers/wallet-trades.js';
import { Decimal, parseDecimal } from '../src/money.js';
import { computeDe } from '../src/tax/de.js';
import { isMoreThanYears } from '../src/tax/holding-period.js';
import { deCapitalIncomeFromDisposals, deCryptoNetGain, deCryptoTaxable, deFreigrenze, deSecuritiesTax } from '../src/tax/thresholds.js';
import type { AssetClass, LotMethod, TaxOptions, TaxResult, TaxTrade } from '../src/tax/types.js';

const d = (value: string | number) => new Decimal(value);
const at = (date: string) => new Date(date.length === 10 ? `${date}T00:00:00Z` : date);
const options = (method: LotMethod = 'fifo'): TaxOptions => ({ method, washSaleDays: 30, washSaleScope: 'securities' });
const str = (values: readonly Decimal[]) => values.map((value) => value.toFixed());

function trade(id: string, date: string, side: 'buy' | 'sell', quantity: string | number, total: string | number, extra: Partial<TaxTrade> = {}): TaxTrade {
  return { id, date: at(date), side, asset: 'BTC', assetClass: 'crypto', quantity: d(quantity), total: d(total), fee: d(0), venue: 'kraken', ...extra };
}

// ---- the shared worked examples ----
interface JsonTrade {
  date: string;
  side: 'buy' | 'sell';
  asset?: string;
  qty?: number;
  total?: number;
  price?: number;
}
interface Example {
  id: string;
  input: { trades?: JsonTrade[]; cases?: Record<string, number>[]; extraCases?: { year: number; totalNetPvgGain: number }[] };
  expected: Record<string, unknown>;
}
const EXAMPLES = taxExamples<Example>();

const itCase = (id: string, name: string, body: (example: Example) => void) => itExample(EXAMPLES, id, name, body);

/** JSON trades as TaxTrades: a missing qty is 1, a missing total is qty x price. */
function jsonTrades(example: Example): TaxTrade[] {
  return (example.input.trades ?? []).map((row, i) => {
    const quantity = parseDecimal(row.qty ?? 1);
    const total = row.total !== undefined ? parseDecimal(row.total) : quantity.times(parseDecimal(row.price ?? 0));
    return { id: `t${i + 1}`, date: at(row.date), side: row.side, asset: row.asset ?? 'BTC', assetClass: 'crypto', quantity, total, fee: d(0), venue: 'wallet' };
  });
}

describe('computeDe: crypto, §23 EStG', () => {
  itCase('DE-CRYPTO-01', 'a sale within one year is taxable (Haufe, Amalie: buy ETH 1.1. for €1,000, sell 30.9. for €2,200, gain €1,200)', (example) => {
    const { disposals, problems } = computeDe(jsonTrades(example), options());
    expect(problems).toEqual([]);
    expect(disposals).toHaveLength(1);
    expect(disposals[0]!.term).toBe('short');
    expect(disposals[0]!.gain.toFixed()).toBe('1200');
    expect(disposals[0]!.gain.eq(parseDecimal(example.expected.gain as number))).toBe(true);
  });

  it('DE-CRYPTO-02: a sale ON the anniversary is taxable, the day after is exempt (tax-rules.md 3.1: §23 with §108 AO, §§187(1), 188(2) BGB)', () => {
    const termOf = (bought: string, sold: string) =>
      computeDe([trade('b', bought, 'buy', 1, 100), trade('s', sold, 'sell', 1, 150)], options()).disposals.map((x) => x.term);
    expect(termOf('2020-10-13', '2021-10-13')).toEqual(['short']);
    expect(termOf('2020-10-13', '2021-10-14')).toEqual(['exempt']);
    expect(termOf('2024-01-01', '2025-01-01')).toEqual(['short']);
    expect(termOf('2024-01-01', '2025-01-02')).toEqual(['exempt']);
    // Time of day does not matter: the dates do (UTC).
    expect(termOf('2024-01-01T23:59:59Z', '2025-01-01T23:59:59Z')).toEqual(['short']);
    expect(termOf('2024-01-01T23:59:59Z', '2025-01-02T00:00:00Z')).toEqual(['exempt']);
  });

  it('DE-CRYPTO-02, §188(3) BGB: bought on 29 February, the year ends on 28 February', () => {
    expect(isMoreThanYears(at('2020-02-29'), at('2021-02-28'), 1, 'same-date')).toBe(false);
    expect(isMoreThanYears(at('2020-02-29'), at('2021-03-01'), 1, 'same-date')).toBe(true);
    // §188(2) same date: bought 28.2.2023, the year ends 28.2.2024 (not 29.2.).
    expect(isMoreThanYears(at('2023-02-28'), at('2024-02-28'), 1, 'same-date')).toBe(false);
    expect(isMoreThanYears(at('2023-02-28'), at('2024-02-29'), 1, 'same-date')).toBe(true);
  });

  itCase('DE-CRYPTO-03', 'Freigrenze §23 Abs.3 S.5: a €400 gain in 2024 is tax-free (Haufe, Amalie 3)', (example) => {
    const { disposals } = computeDe(jsonTrades(example), options());
    const net = deCryptoNetGain(disposals, 2024);
    expect(net.toFixed()).toBe('400');
    expect(deCryptoTaxable(net, 2024).toFixed()).toBe('0');
    expect(deCryptoTaxable(net, 2024).eq(parseDecimal(example.expected.taxableAmount as number))).toBe(true);
  });

  itCase('DE-CRYPTO-03', 'Freigrenze all or nothing: 999.99 -> 0, 1,000 -> 1,000 (2024); 599.99 -> 0, 600 -> 600 (2023) (iww.de, Wachstumschancengesetz)', (example) => {
    const cases = example.input.extraCases ?? [];
    const taxable = cases.map((c) => deCryptoTaxable(parseDecimal(c.totalNetPvgGain), c.year));
    expect(str(taxable)).toEqual(['0', '1000', '0', '600']);
    expect(taxable.map((x) => x.toNumber())).toEqual(example.expected.extraCasesTaxable);
    expect(str([deFreigrenze(2018), deFreigrenze(2023), deFreigrenze(2024), deFreigrenze(2030)])).toEqual(['600', '600', '1000', '1000']);
    expect(deCryptoTaxable(d(1500), 2024).toFixed()).toBe('1500');
    expect(deCryptoTaxable(d(-2500), 2024).toFixed()).toBe('0'); // a net loss is never taxable
  });

  itCase('DE-CRYPTO-04', 'FIFO with mixed holding: 2 BTC held >1 year exempt (gain €1,300), 1 BTC taxable (gain €500, under the 2018 Freigrenze of €600) (coin.ink)', (example) => {
    // Buy 2 @ 250 on 2017-08-15, 2 @ 400 on 2017-12-21; sell 3 @ 900 on 2018-11-26.
    const result = computeDe(jsonTrades(example), options());
    expect(result.disposals.map((x) => [x.term, x.quantity.toFixed(), x.proceeds.toFixed(), x.cost.toFixed(), x.gain.toFixed()])).toEqual([
      ['exempt', '2', '1800', '500', '1300'],
      ['short', '1', '900', '400', '500'],
    ]);
    expect(result.disposals.map((x) => x.matches.map((m) => [m.rule, m.lotId]))).toEqual([[['fifo', 't1']], [['fifo', 't2']]]);
    expect(result.openLots.map((lot) => [lot.lotId, lot.quantity.toFixed(), lot.cost.toFixed()])).toEqual([['t2', '1', '400']]);
    expect(deCryptoTaxable(deCryptoNetGain(result.disposals, 2018), 2018).toFixed()).toBe('0');
  });

  it('lots are kept per wallet (BMF 6.3.2025): the same asset in two wallets is matched separately', () => {
    const trades = [
      trade('old', '2022-01-01', 'buy', 1, 10000, { venue: 'kraken' }),
      trade('new', '2024-03-01', 'buy', 1, 60000, { venue: 'ledger' }),
      trade('sell', '2024-06-01', 'sell', 1, 65000, { venue: 'ledger' }),
      trade('over', '2024-06-02', 'sell', 1, 65000, { venue: 'ledger' }),
    ];
    const result = computeDe(trades, options());
    // FIFO across wallets would take the exempt 2022 lot; per wallet the sale is taxable.
    expect(result.disposals.map((x) => [x.venue, x.term, x.matches[0]!.lotId, x.gain.toFixed()])).toEqual([['ledger', 'short', 'new', '5000']]);
    expect(result.problems).toEqual([{ tradeId: 'over', message: expect.stringContaining('Cannot sell 1 BTC on "ledger": it holds 0 BTC') }]);
    expect(result.openLots.map((lot) => [lot.venue, lot.lotId])).toEqual([['kraken', 'old']]);
  });

  it('fees: a buy fee adds to the cost, a sell fee comes off the proceeds (split pro rata by term)', () => {
    const trades = [
      trade('a', '2023-01-01', 'buy', 1, 1000, { fee: d(10) }),
      trade('b', '2024-01-01', 'buy', 1, 2000, { fee: d(20) }),
      trade('s', '2024-06-01', 'sell', 2, 6000, { fee: d(30) }),
    ];
    const { disposals } = computeDe(trades, options());
    expect(disposals.map((x) => [x.term, x.proceeds.toFixed(), x.cost.toFixed(), x.gain.toFixed()])).toEqual([
      ['exempt', '2985', '1010', '1975'],
      ['short', '2985', '2020', '965'],
    ]);
  });

  itCase('DE-CRYPTO-04', 'LIFO per wallet, if applied consistently (FG Nürnberg 22.1.2025, 3 K 760/22; derived from the coin.ink lots)', (example) => {
    const { disposals, openLots } = computeDe(jsonTrades(example), options('lifo'));
    // Newest first: 2 @ 400 (held < 1 year, gain 1,000) then 1 @ 250 (held > 1 year, gain 650).
    expect(disposals.map((x) => [x.term, x.quantity.toFixed(), x.cost.toFixed(), x.gain.toFixed(), x.matches[0]!.rule])).toEqual([
      ['short', '2', '800', '1000', 'lifo'],
      ['exempt', '1', '250', '650', 'lifo'],
    ]);
    expect(openLots.map((lot) => [lot.lotId, lot.quantity.toFixed(), lot.cost.toFixed()])).toEqual([['t1', '1', '250']]);
  });

  itCase('DE-CRYPTO-04', 'average cost for the value, FIFO for the holding period (BMF 6.3.2025; derived from the coin.ink lots)', (example) => {
    const { disposals, openLots, pools } = computeDe(jsonTrades(example), options('average'));
    // Average (500 + 800) / 4 = 325 per BTC; FIFO says 2 exempt (Aug lot) and 1 taxable (Dec lot).
    expect(disposals.map((x) => [x.term, x.quantity.toFixed(), x.cost.toFixed(), x.gain.toFixed(), x.matches[0]!.rule])).toEqual([
      ['exempt', '2', '650', '1150', 'average'],
      ['short', '1', '325', '575', 'average'],
    ]);
    expect(openLots.map((lot) => [lot.lotId, lot.quantity.toFixed(), lot.cost.toFixed()])).toEqual([['t2', '1', '325']]);
    expect(pools.map((p) => [p.asset, p.venue, p.quantity.toFixed(), p.cost.toFixed()])).toEqual([['BTC', 'wallet', '1', '325']]);
  });

  it("individual identification comes first when the sell names its lot (BMF 6.3.2025) with method 'specific'", () => {
    const trades = [trade('a', '2023-01-01', 'buy', 1, 1000), trade('b', '2024-03-01', 'buy', 1, 3000), trade('s', '2024-06-01', 'sell', 1, 4000, { lotRef: 'b' })];
    const { disposals, problems } = computeDe(trades, options('specific'));
    expect(disposals.map((x) => [x.term, x.gain.toFixed(), x.matches[0]!.rule, x.matches[0]!.lotId])).toEqual([['short', '1000', 'specific', 'b']]);
    expect(problems).toEqual([]);
  });

  it("'hifo' is not a German method (BMF 6.3.2025): crypto is matched FIFO, said once", () => {
    const trades = [trade('a', '2024-01-01', 'buy', 1, 1000), trade('b', '2024-02-01', 'buy', 1, 3000), trade('s1', '2024-06-01', 'sell', 1, 2000), trade('s2', '2024-06-02', 'sell', 1, 2000)];
    const { disposals, problems } = computeDe(trades, options('hifo'));
    expect(disposals.map((x) => x.matches[0]!.lotId)).toEqual(['a', 'b']);
    expect(problems).toEqual([{ tradeId: 's1', message: expect.stringContaining("'hifo' is not accepted for §23 EStG") }]);
  });

  it('forex is a §23 asset like crypto (exempt after a year) but FIFO by statute (§23 Abs.1 S.1 Nr.2 S.3 EStG)', () => {
    const fx = { asset: 'USD', assetClass: 'forex' as AssetClass };
    const trades = [trade('a', '2022-01-03', 'buy', 1000, 900, fx), trade('b', '2023-06-01', 'buy', 1000, 950, fx), trade('s', '2023-07-01', 'sell', 1500, 1400, fx)];
    const { disposals, problems } = computeDe(trades, options('lifo'));
    expect(disposals.map((x) => [x.term, x.quantity.toFixed(), x.matches[0]!.lotId])).toEqual([
      ['exempt', '1000', 'a'],
      ['short', '500', 'b'],
    ]);
    expect(problems.map((p) => p.message)).toEqual([expect.stringContaining('§23 Abs.1 S.1 Nr.2 S.3')]);
  });
});

describe('computeDe: securities, §20 EStG', () => {
  const sap = { asset: 'SAP', assetClass: 'security' as AssetClass, venue: 'depot-1' };

  it('DE-SEC-01: a customer instruction to sell a named lot does not override FIFO per depot (§20 Abs.4 S.7 EStG; Haufe)', () => {
    const trades = [
      trade('jan', '2023-01-10', 'buy', 10, 1000, sap),
      trade('jun', '2023-06-01', 'buy', 10, 1500, sap),
      trade('s', '2023-09-01', 'sell', 10, 1400, { ...sap, lotRef: 'jun' }),
    ];
    const { disposals, problems } = computeDe(trades, options('specific'));
    // The instruction would realise a loss of 100 on the June lot; FIFO realises a gain of 400 on January's.
    expect(disposals.map((x) => [x.term, x.gain.toFixed(), x.matches.map((m) => [m.rule, m.lotId])])).toEqual([['short', '400', [['fifo', 'jan']]]]);
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/Method 'specific' overridden: .*§20 Abs\.4 S\.7 EStG/),
      expect.stringMatching(/Lot instruction "jun" overridden: .*§20 Abs\.4 S\.7 EStG/),
    ]);
  });

  it('§20 EStG has no holding-period exemption: shares held five years are taxable; lots are per depot', () => {
    const trades = [
      trade('a', '2015-01-01', 'buy', 10, 1000, sap),
      trade('b', '2019-01-01', 'buy', 10, 2000, { ...sap, venue: 'depot-2' }),
      trade('s', '2020-06-01', 'sell', 10, 2500, { ...sap, venue: 'depot-2' }),
    ];
    const { disposals } = computeDe(trades, options());
    expect(disposals.map((x) => [x.term, x.venue, x.matches[0]!.lotId, x.gain.toFixed()])).toEqual([['short', 'depot-2', 'b', '500']]);
  });

  it('Altbestand (shares bought before 2009, Bestandsschutz; tax-rules.md §3.2): FIFO sells it first, exempt; the 2009 lot stays taxable', () => {
    const trades = [trade('alt', '2008-12-30', 'buy', 1, 50, sap), trade('neu', '2009-01-02', 'buy', 1, 50, sap), trade('s', '2024-05-02', 'sell', 2, 300, sap)];
    const { disposals, problems } = computeDe(trades, options());
    expect(disposals.map((x) => [x.term, x.matches.map((m) => m.lotId).join(), x.gain.toFixed()])).toEqual([
      ['exempt', 'alt', '100'],
      ['short', 'neu', '100'],
    ]);
    expect(problems).toEqual([]);
  });

  itCase('DE-SEC-02', 'Abgeltungsteuer 25% plus 5.5% Soli = 26.375% (dolc.de: €1,000 -> €263.75; kunnskap.de: €4,000 -> €1,055)', (example) => {
    const taxes = (example.input.cases ?? []).map((c) => deSecuritiesTax({ shareGains: parseDecimal(c.taxableGain ?? 0), shareLosses: d(0), otherIncome: d(0), otherLosses: d(0) }));
    expect(taxes.map((t) => str([t.kapESt, t.soli, t.total]))).toEqual([
      ['250', '13.75', '263.75'],
      ['1000', '55', '1055'],
    ]);
    expect(parseDecimal(example.expected.effectiveRate as number).eq(taxes[0]!.total.div(1000))).toBe(true);
  });

  it('share-loss pot (§20 Abs.6 S.4 EStG): share losses offset only share gains; other losses offset anything', () => {
    const zero = d(0);
    // Share loss 1,500 > share gain 1,000: the 500 left cannot touch the 800 of dividends.
    const pot = deSecuritiesTax({ shareGains: d(1000), shareLosses: d(1500), otherIncome: d(800), otherLosses: zero });
    expect(str([pot.taxBase, pot.total, pot.shareLossesLeft, pot.otherLossesLeft])).toEqual(['800', '211', '500', '0']);
    // A bond loss of 300 reduces the share gain of 1,000.
    const general = deSecuritiesTax({ shareGains: d(1000), shareLosses: zero, otherIncome: zero, otherLosses: d(300) });
    expect(str([general.taxBase, general.total, general.otherLossesLeft])).toEqual(['700', '184.625', '0']);
    // Carried share losses and the Sparer-Pauschbetrag (§20 Abs.9: €1,000 from 2023).
    const carried = deSecuritiesTax({ shareGains: d(3000), shareLosses: zero, otherIncome: d(200), otherLosses: d(2000), shareLossesCarried: d(500), allowance: d(1000) });
    expect(str([carried.taxBase, carried.shareLossesLeft, carried.otherLossesLeft])).toEqual(['0', '0', '0']);
    const left = deSecuritiesTax({ shareGains: d(100), shareLosses: zero, otherIncome: zero, otherLosses: d(300) });
    expect(str([left.taxBase, left.otherLossesLeft])).toEqual(['0', '200']);
  });

  it('a year of security disposals fills the pots by an isShare predicate (an ETF is not a share for §20 Abs.6 S.4)', () => {
    const etf = { ...sap, asset: 'VWCE' };
    const trades = [
      trade('a', '2024-01-02', 'buy', 10, 1000, sap),
      trade('b', '2024-01-02', 'buy', 10, 1000, etf),
      trade('s1', '2024-05-02', 'sell', 10, 700, sap),
      trade('s2', '2024-05-02', 'sell', 10, 1900, etf),
    ];
    const income = deCapitalIncomeFromDisposals(computeDe(trades, options()).disposals, 2024, (asset) => asset === 'SAP');
    expect(str([income.shareGains, income.shareLosses, income.otherIncome, income.otherLosses])).toEqual(['0', '300', '900', '0']);
    expect(deSecuritiesTax(income).shareLossesLeft.toFixed()).toBe('300');
  });
});

// ---- properties ----
const tradesArb = walletTradesArb({ BTC: 'crypto', ETH: 'crypto', SAP: 'security' }, 150);

/** Per lot, per wallet and per sell: nothing is created or lost, and no lot gives more than it held. */
function expectConserved(trades: readonly TaxTrade[], result: TaxResult): void {
  const byId = new Map(trades.map((t) => [t.id, t]));
  const sum = (values: Decimal[]) => values.reduce((acc, v) => acc.plus(v), d(0));
  const matches = result.disposals.flatMap((x) => x.matches.map((m) => ({ ...m, disposal: x })));
  for (const buy of trades.filter((t) => t.side === 'buy')) {
    const used = matches.filter((m) => m.lotId === buy.id);
    const open = result.openLots.filter((lot) => lot.lotId === buy.id);
    expect(used.every((m) => m.quantity.gt(0) && m.disposal.venue === buy.venue && m.disposal.asset === buy.asset)).toBe(true);
    expect(sum([...used.map((m) => m.quantity), ...open.map((lot) => lot.quantity)]).eq(buy.quantity)).toBe(true);
  }
  const wallets = new Set(trades.map((t) => `${t.venue}/${t.asset}`));
  for (const wallet of wallets) {
    const inWallet = <T extends { venue: string; asset: string }>(x: T) => `${x.venue}/${x.asset}` === wallet;
    const buys = trades.filter((t) => t.side === 'buy' && inWallet(t));
    const disposals = result.disposals.filter(inWallet);
    const open = result.openLots.filter(inWallet);
    expect(sum(buys.map((t) => t.quantity)).eq(sum([...disposals.map((x) => x.quantity), ...open.map((lot) => lot.quantity)]))).toBe(true);
    expect(sum(buys.map((t) => t.total.plus(t.fee))).eq(sum([...disposals.map((x) => x.cost), ...open.map((lot) => lot.cost)]))).toBe(true);
  }
  for (const sell of trades.filter((t) => t.side === 'sell')) {
    const parts = result.disposals.filter((x) => x.tradeId === sell.id);
    if (parts.length === 0) {
      expect(result.problems.some((p) => p.tradeId === sell.id)).toBe(true);
      continue;
    }
    expect(sum(parts.map((x) => x.quantity)).eq(sell.quantity)).toBe(true);
    expect(sum(parts.map((x) => x.proceeds)).eq(sell.total.minus(sell.fee))).toBe(true);
    expect(parts.every((x) => sum(x.matches.map((m) => m.quantity)).eq(x.quantity) && x.gain.eq(x.proceeds.minus(x.cost)))).toBe(true);
  }
  expect(result.disposals.every((x) => byId.get(x.tradeId)?.side === 'sell')).toBe(true);
}

describe('computeDe properties', () => {
  it('conserves quantity and cost per wallet, uses no lot beyond its quantity, and never exempts securities', () => {
    fc.assert(
      fc.property(tradesArb, fc.constantFrom<LotMethod>('fifo', 'lifo', 'hifo', 'average', 'specific'), (trades, method) => {
        const result = computeDe(trades, options(method));
        expectConserved(trades, result);
        expect(result.disposals.filter((x) => x.assetClass === 'security').every((x) => x.term === 'short' && x.matches.every((m) => m.rule === 'fifo'))).toBe(true);
      }),
      { seed: 20250306, numRuns: 300 },
    );
  });
});
