// US rules as scenarios: trades in, disposals and open lots out. Each test is named after the
// rule and its source; numbers from fixtures/tax-examples.json are loaded from it and restated
// inline, the Pub 550 examples missing from the file are built from Pub 550's text (as quoted in
// the bbreslauer / adlr wash-sale-calculator fixtures).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, sum } from '../src/money.js';
import type { Disposal, LotMethod, OpenLot, TaxOptions, TaxResult, TaxTrade } from '../src/tax/types.js';
import { computeUs } from '../src/tax/us.js';
import { findExample, taxExamples } from './helpers/tax-examples.js';

const d = (value: string | number) => new Decimal(value);
const day = (text: string) => new Date(text.length === 10 ? `${text}T00:00:00Z` : text);
const iso = (date: Date) => date.toISOString().slice(0, 10);
const US: TaxOptions = { method: 'fifo', washSaleDays: 30, washSaleScope: 'securities' };

function trade(id: string, date: string, side: 'buy' | 'sell', quantity: string | number, total: string | number, extra: Partial<TaxTrade> = {}): TaxTrade {
  return { id, date: day(date), side, asset: 'X', assetClass: 'security', quantity: d(quantity), total: d(total), fee: d(0), venue: 'broker', ...extra };
}
const lot = (result: TaxResult, lotId: string): OpenLot[] => result.openLots.filter((open) => open.lotId === lotId);
const text = (value: Decimal) => value.toFixed();

// ---- the shared examples file ----

interface ExampleTrade {
  date?: string;
  side: 'buy' | 'sell';
  symbol?: string;
  qty: number;
  total?: number;
  price?: number;
  lotId?: string;
}
interface Example {
  id: string;
  assetClass: string;
  input: { trades?: ExampleTrade[] };
}
const examples = taxExamples<Example>();

/** The case's trades as TaxTrades; rows without a date (GEN-ROTKI-02's spend) come a second after the previous row. */
function exampleTrades(example: Example, asset: string): TaxTrade[] {
  let last = new Date(0);
  return (example.input.trades ?? []).map((row, index) => {
    const date = row.date ? day(row.date) : new Date(last.getTime() + 1000);
    last = date;
    const quantity = d(row.qty);
    return {
      id: row.lotId ?? `${example.id.split('-').slice(0, 3).join('-')}#${index + 1}`,
      date,
      side: row.side,
      asset: row.symbol ?? asset,
      assetClass: example.assetClass === 'crypto' ? 'crypto' : 'security',
      quantity,
      total: row.total !== undefined ? d(row.total) : quantity.times(row.price ?? 0),
      fee: d(0),
      venue: 'broker',
    };
  });
}

/** `it` with the case's trades; it fails, not skips, when the case or its trades are missing. */
function withExample(prefix: string, name: string, body: (example: Example) => void): void {
  it(name, () => {
    const example = findExample(examples, prefix);
    if (!example.input.trades) throw new Error(`tax example ${prefix} has no trades`);
    body(example);
  });
}

// ---- wash sales ----

describe('US wash sales (IRC §1091, Treas. Reg. §1.1091-1, IRS Pub 550)', () => {
  withExample('US-WS-01', 'US-WS-01 Pub 550 basic: $250 loss disallowed, replacement basis $800 + $250 = $1,050, holding period tacked', (example) => {
    // Buy 100 X for $1,000 (2014-05-01); sell for $750 (2014-07-01); buy 100 X for $800 (2014-07-05).
    const result = computeUs(exampleTrades(example, 'X'), US);
    const [sale] = result.disposals;
    expect(result.disposals).toHaveLength(1);
    expect(text(sale!.gain)).toBe('-250');
    expect(text(sale!.washSale!.disallowed)).toBe('250');
    expect(result.openLots).toHaveLength(1);
    expect(text(result.openLots[0]!.cost)).toBe('1050');
    // bbreslauer convention: 2014-07-05 moved back by the 61 days the sold shares were held.
    expect(iso(result.openLots[0]!.holdingStart)).toBe('2014-05-05');
    expect(iso(result.openLots[0]!.acquiredAt)).toBe('2014-07-05');
  });

  it('US-WS-02 Pub 550 (2013 ed.) fewer shares bought than sold: 75 of 100 replaced, $750 of $1,000 disallowed, split $500/$250, bases $3,250/$1,375', () => {
    const result = computeUs(
      [
        trade('SEP', '2013-09-26', 'buy', 100, 5000),
        trade('DEC19', '2013-12-19', 'buy', 50, 2750),
        trade('DEC27', '2013-12-27', 'buy', 25, 1125),
        trade('S', '2014-01-09', 'sell', 100, 4000),
      ],
      US,
    );
    const [sale] = result.disposals;
    expect(text(sale!.gain)).toBe('-1000');
    expect(sale!.matches.map((m) => m.lotId)).toEqual(['SEP']);
    expect(text(sale!.washSale!.disallowed)).toBe('750');
    expect(sale!.washSale!.replacements.map((r) => [r.lotId, text(r.quantity), text(r.basisAdded)])).toEqual([
      ['DEC19', '50', '500'],
      ['DEC27', '25', '250'],
    ]);
    // The replacements were bought before the sale and are adjusted in place.
    expect(lot(result, 'DEC19').map((l) => [text(l.quantity), text(l.cost), iso(l.holdingStart)])).toEqual([['50', '3250', '2013-09-05']]);
    expect(lot(result, 'DEC27').map((l) => [text(l.quantity), text(l.cost), iso(l.holdingStart)])).toEqual([['25', '1375', '2013-09-13']]);
  });

  it('US-WS-03 Pub 550 (2013 ed.) more shares bought than sold: the Feb-11 and Feb-12 lots take $500 each, Feb-13 and Feb-14 are untouched', () => {
    const result = computeUs(
      [
        trade('SEP', '2013-09-26', 'buy', 100, 5000),
        trade('S', '2014-02-06', 'sell', 100, 4000),
        trade('FEB11', '2014-02-11', 'buy', 50, 1000),
        trade('FEB12', '2014-02-12', 'buy', 50, 1000),
        trade('FEB13', '2014-02-13', 'buy', 50, 1000),
        trade('FEB14', '2014-02-14', 'buy', 50, 1000),
      ],
      US,
    );
    expect(text(result.disposals[0]!.washSale!.disallowed)).toBe('1000');
    // Bought after the sale: adjusted when the buy is replayed, held since 133 days before.
    expect(result.openLots.map((l) => [l.lotId, text(l.cost), iso(l.holdingStart)])).toEqual([
      ['FEB11', '1500', '2013-10-01'],
      ['FEB12', '1500', '2013-10-02'],
      ['FEB13', '1000', '2014-02-13'],
      ['FEB14', '1000', '2014-02-14'],
    ]);
  });

  it('US-WS-04 Pub 550 / Rev. Rul. 70-231 same-day blocks: the $33/share loss on the $158 block is disallowed, the $2,500 and $3,000 gains are not reduced', () => {
    const result = computeUs(
      [
        trade('B158', '2008-01-05', 'buy', 100, 15800),
        trade('B100', '2008-01-06', 'buy', 100, 10000),
        trade('B95', '2008-01-07', 'buy', 100, 9500),
        trade('S', '2013-12-27', 'sell', 300, 37500),
        trade('R', '2014-01-09', 'buy', 250, 25000),
      ],
      US,
    );
    expect(result.disposals).toHaveLength(1); // all three blocks are long-term
    const [sale] = result.disposals;
    expect(sale!.matches.map((m) => [m.lotId, text(m.cost)])).toEqual([
      ['B158', '15800'],
      ['B100', '10000'],
      ['B95', '9500'],
    ]);
    expect(text(sale!.gain)).toBe('2200'); // 37,500 - 35,300, before the disallowance
    expect(text(sale!.washSale!.disallowed)).toBe('3300');
    expect(text(sale!.gain.plus(sale!.washSale!.disallowed))).toBe('5500'); // = 2,500 + 3,000: no netting
    // 100 of the 250 replacement shares carry the loss (bbreslauer: basis 13,300, held from 2008-01-18).
    expect(lot(result, 'R').map((l) => [text(l.quantity), text(l.cost), iso(l.holdingStart)])).toEqual([
      ['100', '13300', '2008-01-18'],
      ['150', '15000', '2014-01-09'],
    ]);
  });

  it('US-WS-07 same-lot exception (Rev. Rul. 56-602; bbreslauer no_wash_replacement_same_lot): unsold shares of the loss lot are not replacements', () => {
    const sameLot = computeUs([trade('L', '2012-05-20', 'buy', 20, 400), trade('S', '2012-06-01', 'sell', 10, 100)], US);
    expect(text(sameLot.disposals[0]!.gain)).toBe('-100');
    expect(sameLot.disposals[0]!.washSale).toBeUndefined();
    expect(text(lot(sameLot, 'L')[0]!.cost)).toBe('200');
    // The same shares bought as two lots on the same day: the other lot does wash the loss.
    const twoLots = computeUs([trade('L1', '2012-05-20', 'buy', 10, 200), trade('L2', '2012-05-20', 'buy', 10, 200), trade('S', '2012-06-01', 'sell', 10, 100)], US);
    expect(text(twoLots.disposals[0]!.washSale!.disallowed)).toBe('100');
    expect(text(lot(twoLots, 'L2')[0]!.cost)).toBe('300');
  });

  it('US-WS-08 intraday buy-sell-buy-sell (Fairmark, bbreslauer fairmark_sameday_1): the first loss moves into the second block', () => {
    const result = computeUs(
      [
        trade('B1', '2014-05-01T14:00:00Z', 'buy', 100, 1000),
        trade('S1', '2014-05-01T14:10:00Z', 'sell', 100, 900),
        trade('B2', '2014-05-01T14:20:00Z', 'buy', 100, 800),
        trade('S2', '2014-05-01T14:30:00Z', 'sell', 100, 900),
      ],
      US,
    );
    expect(result.disposals.map((s) => [s.tradeId, text(s.cost), text(s.gain), s.washSale ? text(s.washSale.disallowed) : '-'])).toEqual([
      ['S1', '1000', '-100', '100'],
      ['S2', '900', '0', '-'],
    ]);
  });

  it('window (§1.1091-1(a)): a buy 30 calendar days after or before the loss sale washes it, day 31 does not', () => {
    const after = (buyDate: string) => computeUs([trade('L', '2023-06-01', 'buy', 10, 1000), trade('S', '2024-03-01', 'sell', 10, 800), trade('R', buyDate, 'buy', 10, 700)], US);
    expect(text(after('2024-03-31').disposals[0]!.washSale!.disallowed)).toBe('200'); // day 30
    expect(after('2024-04-01').disposals[0]!.washSale).toBeUndefined(); // day 31
    const before = (buyDate: string) => computeUs([trade('L', '2023-06-01', 'buy', 10, 1000), trade('R', buyDate, 'buy', 10, 700), trade('S', '2024-03-01', 'sell', 10, 800)], US);
    expect(text(before('2024-01-31').disposals[0]!.washSale!.disallowed)).toBe('200'); // 30 days before (2024 is a leap year)
    expect(before('2024-01-30').disposals[0]!.washSale).toBeUndefined(); // 31 days before
  });

  it('order (§1.1091-1(b)): each replacement share washes one loss only, the earliest loss first', () => {
    const result = computeUs(
      [
        trade('L1', '2012-01-01', 'buy', 10, 200),
        trade('L2', '2012-01-02', 'buy', 10, 200),
        trade('S1', '2012-06-01', 'sell', 10, 100),
        trade('S2', '2012-06-02', 'sell', 10, 100),
        trade('R', '2012-06-10', 'buy', 10, 100),
      ],
      US,
    );
    expect(result.disposals.map((s) => [s.tradeId, s.washSale ? text(s.washSale.disallowed) : 'allowed'])).toEqual([
      ['S1', '100'],
      ['S2', 'allowed'],
    ]);
    expect(text(lot(result, 'R')[0]!.cost)).toBe('200');
  });

  it('a replacement bought before the sale but sold before it is not a replacement (bbreslauer no_wash_replacement_sold_before_loss)', () => {
    const result = computeUs(
      [trade('A', '2012-05-20', 'buy', 10, 200), trade('B', '2012-05-25', 'buy', 10, 1000), trade('SB', '2012-05-29', 'sell', 10, 1200, { lotRef: 'B' }), trade('SA', '2012-06-01', 'sell', 10, 100)],
      { ...US, method: 'specific' },
    );
    expect(result.disposals.map((s) => [s.tradeId, text(s.gain), s.washSale ? 'washed' : 'allowed'])).toEqual([
      ['SB', '200', 'allowed'],
      ['SA', '-100', 'allowed'],
    ]);
  });

  withExample('US-CRYPTO-01', "US-CRYPTO-01 (IRC §1091 'stock or securities'; Notice 2014-21): no wash sale for crypto under scope 'securities', washed under 'all'", (example) => {
    // Buy 1 BTC for $1,000; sell for $750; rebuy within 30 days for $800.
    const trades = exampleTrades(example, 'BTC');
    const property = computeUs(trades, US);
    expect(property.disposals[0]!.washSale).toBeUndefined();
    expect(text(property.disposals[0]!.gain)).toBe('-250'); // deductible
    expect(text(property.openLots[0]!.cost)).toBe('800');
    const all = computeUs(trades, { ...US, washSaleScope: 'all' });
    expect(text(all.disposals[0]!.washSale!.disallowed)).toBe('250');
    expect(text(all.openLots[0]!.cost)).toBe('1050');
  });
});

// ---- lot selection ----

describe('US lot selection (Treas. Reg. §1.1012-1(c))', () => {
  withExample('US-LOT-01', 'US-LOT-01 Motley Fool Wizzbang: FIFO gain $17,000; specific ID of the FEB lot -$3,000; LIFO and HIFO -$3,000', (example) => {
    // JAN 1,000 @ $15, FEB 1,000 @ $35, sell 1,000 @ $32 (2000-04-12), commissions ignored.
    const trades = exampleTrades(example, 'WIZZ');
    const gainWith = (method: LotMethod, lotRef?: string) => {
      const result = computeUs(
        trades.map((t) => (t.side === 'sell' ? { ...t, lotRef } : t)),
        { ...US, method },
      );
      expect(result.disposals).toHaveLength(1);
      expect(result.disposals[0]!.term).toBe('short');
      return [result.disposals[0]!.matches.map((m) => m.lotId).join(','), text(result.disposals[0]!.gain)];
    };
    expect(gainWith('fifo')).toEqual(['JAN', '17000']);
    expect(gainWith('specific', 'FEB')).toEqual(['FEB', '-3000']);
    expect(gainWith('lifo')).toEqual(['FEB', '-3000']);
    expect(gainWith('hifo')).toEqual(['FEB', '-3000']);
  });

  withExample('GEN-ROTKI-02', 'GEN-ROTKI-02 rotki test_accounting_lifo_order: spending 3 ETH takes them from L2; L2 2 and L1 2 remain, L2 next', (example) => {
    // L1 2 @ 1 (2021-03-01T00:00:00Z), L2 5 @ 1 (+10 s), spend 3 (LIFO).
    const trades = exampleTrades(example, 'ETH');
    const result = computeUs(trades, { ...US, method: 'lifo' });
    expect(result.disposals[0]!.matches.map((m) => [m.lotId, text(m.quantity), m.rule])).toEqual([['L2', '3', 'lifo']]);
    expect(Object.fromEntries(result.openLots.map((l) => [l.lotId, text(l.quantity)]))).toEqual({ L1: '2', L2: '2' });
    const next = computeUs([...trades, { ...trades[2]!, id: 'next', date: day('2021-03-01T00:01:00Z') }], { ...US, method: 'lifo' });
    expect(next.disposals[1]!.matches.map((m) => [m.lotId, text(m.quantity)])).toEqual([
      ['L2', '2'],
      ['L1', '1'],
    ]);
  });

  // Issue #8: ties follow acquisition time, then the recorded order, never the lot id's spelling.
  it('HIFO ranks by adjusted unit basis (fees included), ties broken by acquisition time, then recorded order, not the lot id', () => {
    const result = computeUs(
      [trade('b', '2024-01-01', 'buy', 1, 100, { fee: d(5) }), trade('a', '2024-01-02', 'buy', 1, 100, { fee: d(5) }), trade('c', '2024-01-03', 'buy', 1, 104), trade('S', '2024-02-01', 'sell', 2, 300)],
      { ...US, method: 'hifo' },
    );
    expect(result.disposals[0]!.matches.map((m) => m.lotId)).toEqual(['b', 'a']);
    // Same instant, same basis: the buy the history lists first goes first (HIFO), last (LIFO).
    const sameDay = [trade('z', '2024-01-01', 'buy', 1, 100), trade('a', '2024-01-01', 'buy', 1, 100), trade('S', '2024-02-01', 'sell', 1, 150)];
    expect(computeUs(sameDay, { ...US, method: 'hifo' }).disposals[0]!.matches.map((m) => m.lotId)).toEqual(['z']);
    expect(computeUs(sameDay, { ...US, method: 'lifo' }).disposals[0]!.matches.map((m) => m.lotId)).toEqual(['a']);
  });

  it('specific identification without a lotRef (or with an unknown one) falls back to FIFO, the legal default, and says so; a lotRef under FIFO is followed (Treas. Reg. §1.1012-1(c))', () => {
    const buys = [trade('JAN', '2000-01-10', 'buy', 1000, 15000), trade('FEB', '2000-02-25', 'buy', 1000, 35000)];
    const none = computeUs([...buys, trade('S', '2000-04-12', 'sell', 1000, 32000)], { ...US, method: 'specific' });
    expect(none.disposals[0]!.matches.map((m) => [m.lotId, m.rule])).toEqual([['JAN', 'fifo']]);
    expect(none.problems).toEqual([{ tradeId: 'S', message: expect.stringContaining('No lotRef under specific identification: matched FIFO') }]);
    const unknown = computeUs([...buys, trade('S', '2000-04-12', 'sell', 1000, 32000, { lotRef: 'MAR' })], { ...US, method: 'specific' });
    expect(unknown.disposals[0]!.matches.map((m) => m.lotId)).toEqual(['JAN']);
    expect(unknown.problems[0]!.message).toContain('lotRef "MAR" names no open X lot');
    const short = computeUs([...buys, trade('S', '2000-04-12', 'sell', 1500, 48000, { lotRef: 'FEB' })], { ...US, method: 'specific' });
    expect(short.disposals[0]!.matches.map((m) => [m.lotId, text(m.quantity), m.rule])).toEqual([
      ['FEB', '1000', 'specific'],
      ['JAN', '500', 'fifo'],
    ]);
    expect(short.problems[0]!.message).toContain('lotRef "FEB" held only 1000 X: the other 500 matched FIFO');
    const ignored = computeUs([...buys, trade('S', '2000-04-12', 'sell', 1000, 32000, { lotRef: 'FEB' })], US);
    expect(ignored.disposals[0]!.matches.map((m) => [m.lotId, m.rule])).toEqual([['FEB', 'specific']]);
    expect(ignored.problems).toEqual([]);
  });

  it("'average' is not a US method for stock or crypto: FIFO, with one note", () => {
    const result = computeUs(
      [trade('JAN', '2000-01-10', 'buy', 10, 150), trade('FEB', '2000-02-25', 'buy', 10, 350), trade('S1', '2000-04-12', 'sell', 5, 160), trade('S2', '2000-04-13', 'sell', 5, 160)],
      { ...US, method: 'average' },
    );
    expect(result.disposals.map((s) => s.matches.map((m) => [m.lotId, m.rule]))).toEqual([[['JAN', 'fifo']], [['JAN', 'fifo']]]);
    expect(result.problems).toEqual([{ tradeId: 'S1', message: expect.stringContaining("'average' is not a US lot method") }]);
  });

  it('lots are pooled across venues by default; perVenue matches a sell to its own venue (2025 per-wallet rule, Rev. Proc. 2024-28)', () => {
    const trades = [
      trade('A', '2025-01-01', 'buy', 1, 100, { venue: 'coinbase', asset: 'BTC', assetClass: 'crypto' }),
      trade('B', '2025-02-01', 'buy', 1, 200, { venue: 'ledger', asset: 'BTC', assetClass: 'crypto' }),
      trade('S', '2025-03-01', 'sell', 1, 300, { venue: 'ledger', asset: 'BTC', assetClass: 'crypto' }),
    ];
    expect(computeUs(trades, US).disposals[0]!.matches.map((m) => m.lotId)).toEqual(['A']);
    expect(computeUs(trades, { ...US, perVenue: true }).disposals[0]!.matches.map((m) => m.lotId)).toEqual(['B']);
  });

  it('keeps input order for trades at the same instant and sorts the rest by date', () => {
    const at = '2024-01-01T10:00:00Z';
    const sellFirst = computeUs([trade('S', at, 'sell', 1, 100), trade('B', at, 'buy', 1, 90)], US);
    expect(sellFirst.disposals).toHaveLength(0);
    expect(sellFirst.problems[0]!.tradeId).toBe('S');
    const buyFirst = computeUs([trade('S', '2024-01-02', 'sell', 1, 100), trade('B', at, 'buy', 1, 90)], US);
    expect(text(buyFirst.disposals[0]!.gain)).toBe('10');
  });
});

// ---- terms, fees, oversells ----

describe('US terms, fees and oversells', () => {
  it('US-HP-01 anniversary split inside one sale: the lot bought a year and a day earlier is long, the other short; one Disposal per term, proceeds pro rata, parts sum exactly', () => {
    const trades = [trade('A', '2023-03-15', 'buy', 1, 300), trade('B', '2023-06-01', 'buy', 2, 500)];
    const onAnniversary = computeUs([...trades, trade('S', '2024-03-15', 'sell', 3, 1000)], US);
    expect(onAnniversary.disposals.map((s) => s.term)).toEqual(['short']);
    const dayAfter = computeUs([...trades, trade('S', '2024-03-16', 'sell', 3, 1000)], US);
    const [long, short] = dayAfter.disposals as [Disposal, Disposal];
    expect([long.tradeId, long.term, text(long.quantity), long.holdingDays]).toEqual(['S', 'long', '1', 367]);
    expect([short.tradeId, short.term, text(short.quantity), short.holdingDays]).toEqual(['S', 'short', '2', 289]);
    expect(long.proceeds.toSignificantDigits(10).toFixed()).toBe('333.3333333');
    expect(text(long.proceeds.plus(short.proceeds))).toBe('1000');
    expect(text(short.cost)).toBe('500');
  });

  it("fees: a buy's fee adds to its cost, a sell's fee reduces its proceeds (also on a part sale)", () => {
    const result = computeUs([trade('B', '2024-01-01', 'buy', 10, 1000, { fee: d(10) }), trade('S', '2024-02-01', 'sell', 4, 480, { fee: d(2) })], US);
    const [sale] = result.disposals;
    expect([text(sale!.proceeds), text(sale!.cost), text(sale!.gain)]).toEqual(['478', '404', '74']);
    expect(text(result.openLots[0]!.cost)).toBe('606');
  });

  it('oversell: matches what is held, reports the excess, never invents cost', () => {
    const result = computeUs([trade('B', '2024-01-01', 'buy', 1, 100, { asset: 'BTC', assetClass: 'crypto' }), trade('S', '2024-02-01', 'sell', '1.5', 300, { asset: 'BTC', assetClass: 'crypto' })], US);
    expect(result.disposals.map((s) => [text(s.quantity), text(s.proceeds), text(s.cost)])).toEqual([['1', '200', '100']]);
    expect(result.problems).toEqual([{ tradeId: 'S', message: expect.stringContaining('only 1 held, 0.5 left unmatched (proceeds 100 not reported') }]);
    const nothing = computeUs([trade('S', '2024-02-01', 'sell', 1, 300)], US);
    expect(nothing.disposals).toEqual([]);
    expect(nothing.problems[0]!.message).toContain('only 0 held');
  });
});

// ---- properties ----

const ASSETS = ['BTC', 'ETH'] as const;
/** One trade of a random history; a short span of days makes wash sales frequent. */
const stepWithin = (days: number) =>
  fc.record({
    side: fc.constantFrom('buy' as const, 'sell' as const),
    asset: fc.constantFrom(...ASSETS),
    day: fc.integer({ min: 0, max: days }),
    units: fc.integer({ min: 1, max: 5_000 }),
    share: fc.integer({ min: 1, max: 100 }),
    cents: fc.integer({ min: 1, max: 10_000_000 }),
    feeCents: fc.integer({ min: 0, max: 5_000 }),
    lotPick: fc.nat(),
  });
const step = stepWithin(800);

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

/** A history that never sells more than it holds: a sell takes `share`% of what is held (8 decimals, rounded down). */
function history(steps: Step[], assetClass: 'crypto' | 'security'): TaxTrade[] {
  const held = new Map<string, Decimal>();
  const buys: TaxTrade[] = [];
  const trades: TaxTrade[] = [];
  [...steps]
    .sort((a, b) => a.day - b.day)
    .forEach((s, i) => {
      const date = new Date(Date.UTC(2022, 0, 1 + s.day, 12));
      const base = { id: `t${i}`, date, asset: s.asset, assetClass, fee: d(s.feeCents).div(100), venue: 'v' };
      const have = held.get(s.asset) ?? d(0);
      if (s.side === 'buy') {
        const quantity = d(s.units).div(1000);
        const t: TaxTrade = { ...base, side: 'buy', quantity, total: d(s.cents).div(100) };
        held.set(s.asset, have.plus(quantity));
        buys.push(t);
        trades.push(t);
      } else {
        const quantity = have.times(s.share).div(100).toDecimalPlaces(8, Decimal.ROUND_DOWN);
        if (quantity.lte(0)) return;
        const candidates = buys.filter((b) => b.asset === s.asset);
        const lotRef = candidates.length ? candidates[s.lotPick % candidates.length]!.id : undefined;
        held.set(s.asset, have.minus(quantity));
        trades.push({ ...base, side: 'sell', quantity, total: d(s.cents).div(100), lotRef });
      }
    });
  return trades;
}

const matchesOf = (result: TaxResult) => result.disposals.flatMap((s) => s.matches);
const methods = fc.constantFrom<LotMethod>('fifo', 'lifo', 'hifo', 'specific', 'average');

describe('US properties (fast-check)', () => {
  it('quantities are conserved per asset and no lot is used beyond its quantity', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), methods, (steps, method) => {
        const trades = history(steps, 'crypto');
        const result = computeUs(trades, { ...US, method });
        expect(result.problems.filter((p) => p.message.includes('unmatched'))).toEqual([]);
        for (const asset of ASSETS) {
          const bought = sum(trades.filter((t) => t.asset === asset && t.side === 'buy').map((t) => t.quantity));
          const sold = sum(result.disposals.filter((s) => s.asset === asset).map((s) => s.quantity));
          const open = sum(result.openLots.filter((l) => l.asset === asset).map((l) => l.quantity));
          expect(text(sold.plus(open))).toBe(text(bought));
          expect(text(sold)).toBe(text(sum(trades.filter((t) => t.asset === asset && t.side === 'sell').map((t) => t.quantity))));
        }
        for (const buy of trades.filter((t) => t.side === 'buy')) {
          const used = sum(matchesOf(result).filter((m) => m.lotId === buy.id).map((m) => m.quantity));
          const open = sum(lot(result, buy.id).map((l) => l.quantity));
          expect(used.lte(buy.quantity)).toBe(true);
          expect(text(used.plus(open))).toBe(text(buy.quantity));
        }
      }),
    );
  });

  it("total basis is conserved (matched cost + open cost = cost of the buys) when no wash sale applies (crypto, scope 'securities')", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), methods, (steps, method) => {
        const trades = history(steps, 'crypto');
        const result = computeUs(trades, { ...US, method });
        const bought = sum(trades.filter((t) => t.side === 'buy').map((t) => t.total.plus(t.fee)));
        const matched = sum(matchesOf(result).map((m) => m.cost));
        const open = sum(result.openLots.map((l) => l.cost));
        expect(result.disposals.every((s) => s.washSale === undefined)).toBe(true);
        expect(text(matched.plus(open))).toBe(text(bought));
        for (const s of result.disposals) expect(text(s.cost)).toBe(text(sum(s.matches.map((m) => m.cost))));
      }),
    );
  });

  it('with wash sales, basis is conserved up to the disallowed losses, and the parts of each sale sum to its net proceeds', () => {
    fc.assert(
      fc.property(fc.array(stepWithin(120), { maxLength: 40 }), methods, (steps, method) => {
        const trades = history(steps, 'security');
        const result = computeUs(trades, { ...US, method });
        const bought = sum(trades.filter((t) => t.side === 'buy').map((t) => t.total.plus(t.fee)));
        const disallowed = sum(result.disposals.map((s) => s.washSale?.disallowed ?? d(0)));
        const matched = sum(matchesOf(result).map((m) => m.cost));
        const open = sum(result.openLots.map((l) => l.cost));
        expect(text(matched.plus(open))).toBe(text(bought.plus(disallowed)));
        for (const s of result.disposals) {
          expect(s.washSale === undefined || s.washSale.disallowed.gt(0)).toBe(true);
          if (s.washSale) expect(text(sum(s.washSale.replacements.map((r) => r.basisAdded)))).toBe(text(s.washSale.disallowed));
        }
        for (const sell of trades.filter((t) => t.side === 'sell')) {
          const parts = result.disposals.filter((s) => s.tradeId === sell.id);
          expect(text(sum(parts.map((s) => s.proceeds)))).toBe(text(sell.total.minus(sell.fee)));
          expect(new Set(parts.map((s) => s.term)).size).toBe(parts.length);
        }
      }),
    );
  });

  it('HIFO never realises more gain than FIFO on the same single sell', () => {
    fc.assert(
      fc.property(fc.array(step.map((s) => ({ ...s, side: 'buy' as const, asset: 'BTC' as const })), { minLength: 1, maxLength: 20 }), fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 10_000_000 }), (buys, share, cents) => {
        const trades = history(buys, 'crypto');
        const held = sum(trades.map((t) => t.quantity));
        const quantity = held.times(share).div(100).toDecimalPlaces(8, Decimal.ROUND_DOWN);
        if (quantity.lte(0)) return;
        const sale: TaxTrade = { id: 'sale', date: day('2025-06-01'), side: 'sell', asset: 'BTC', assetClass: 'crypto', quantity, total: d(cents).div(100), fee: d(0), venue: 'v' };
        const gain = (method: LotMethod) => sum(computeUs([...trades, sale], { ...US, method }).disposals.map((s) => s.gain));
        expect(gain('hifo').lte(gain('fifo'))).toBe(true);
      }),
    );
  });
});
