// The configurable EU profile: each lot method per venue and asset, and the optional exemption after
// N whole years. GEN-ROTKI-02 comes from fixtures/tax-examples.json (rotki's test_cost_basis.py).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itExample, taxExamples } from './helpers/tax-examples.js';
import { walletTradesArb } from './helpers/wallet-trades.js';
import { UsageError } from '../src/errors.js';
import { Decimal, parseDecimal } from '../src/money.js';
import { computeEu } from '../src/tax/eu.js';
import type { LotMethod, TaxOptions, TaxResult, TaxTrade } from '../src/tax/types.js';

const d = (value: string | number) => new Decimal(value);
const at = (date: string) => new Date(date.length === 10 ? `${date}T00:00:00Z` : date);
const options = (method: LotMethod, exemptAfterYears?: number): TaxOptions & { exemptAfterYears?: number } => ({
  method,
  washSaleDays: 30,
  washSaleScope: 'securities',
  exemptAfterYears,
});

function trade(id: string, date: string, side: 'buy' | 'sell', quantity: string | number, total: string | number, extra: Partial<TaxTrade> = {}): TaxTrade {
  return { id, date: at(date), side, asset: 'ETH', assetClass: 'crypto', quantity: d(quantity), total: d(total), fee: d(0), venue: 'bitpanda', ...extra };
}
const used = (result: TaxResult) => result.disposals.flatMap((x) => x.matches.map((m) => `${m.rule}:${m.lotId}:${m.quantity.toFixed()}:${m.cost.toFixed()}`));
const open = (result: TaxResult) => result.openLots.map((lot) => `${lot.lotId}:${lot.quantity.toFixed()}:${lot.cost.toFixed()}`);

// Three lots bought at 100, 300 and 200; the sale of 1.5 on 2024-06-01.
const LOTS = [trade('a', '2024-01-01', 'buy', 1, 100), trade('b', '2024-02-01', 'buy', 1, 300), trade('c', '2024-03-01', 'buy', 1, 200)];
const SALE = trade('s', '2024-06-01', 'sell', '1.5', 600);

interface Example {
  id: string;
  input: { trades?: { date?: string; side: 'buy' | 'sell'; qty: number; price?: number; lotId?: string }[] };
  expected: { remaining?: Record<string, number> };
}
const EXAMPLES = taxExamples<Example>();

const itCase = (id: string, name: string, body: (example: Example) => void) => itExample(EXAMPLES, id, name, body);

describe('computeEu: lot methods per venue and asset', () => {
  it('fifo takes the oldest lots first', () => {
    expect(used(computeEu([...LOTS, SALE], options('fifo')))).toEqual(['fifo:a:1:100', 'fifo:b:0.5:150']);
  });

  itCase('GEN-ROTKI-02', 'lifo takes the newest lot first: L1 2 @ 1, L2 5 @ 1 ten seconds later, spend 3 -> L2 2 and L1 2 left (rotki test_accounting_lifo_order)', (example) => {
    const rows = example.input.trades ?? [];
    let last = at('2021-03-01T00:00:00Z');
    const trades = rows.map((row, i): TaxTrade => {
      if (row.date) last = at(row.date);
      else last = new Date(last.getTime() + 10_000); // the sell has no date: 10 s after the last buy
      const quantity = parseDecimal(row.qty);
      return { id: row.lotId ?? `t${i}`, date: last, side: row.side, asset: 'ETH', assetClass: 'crypto', quantity, total: quantity.times(parseDecimal(row.price ?? 1)), fee: d(0), venue: 'rotki' };
    });
    const result = computeEu(trades, options('lifo'));
    const remaining = Object.fromEntries(result.openLots.map((lot) => [lot.lotId, lot.quantity.toNumber()]));
    expect(remaining).toEqual({ L1: 2, L2: 2 });
    expect(remaining).toEqual(example.expected.remaining);
    expect(used(result)).toEqual(['lifo:L2:3:3']);
  });

  it('lifo on the three lots takes c (the newest) then b', () => {
    expect(used(computeEu([...LOTS, SALE], options('lifo')))).toEqual(['lifo:c:1:200', 'lifo:b:0.5:150']);
  });

  it('hifo takes the highest unit cost first (ties by lot id)', () => {
    expect(used(computeEu([...LOTS, SALE], options('hifo')))).toEqual(['hifo:b:1:300', 'hifo:c:0.5:100']);
  });

  it('average prices every lot of the wallet at the average cost (600 / 3 = 200) and takes them FIFO; the pool is reported', () => {
    const result = computeEu([...LOTS, SALE], options('average'));
    expect(used(result)).toEqual(['average:a:1:200', 'average:b:0.5:100']);
    expect(open(result)).toEqual(['b:0.5:100', 'c:1:200']);
    expect(result.pools.map((p) => `${p.venue}/${p.asset}:${p.quantity.toFixed()}:${p.cost.toFixed()}`)).toEqual(['bitpanda/ETH:1.5:300']);
    // A later buy joins the average at the next sale: (300 + 1 x 600) / 2.5 = 360 per ETH.
    const later = computeEu([...LOTS, SALE, trade('d', '2024-07-01', 'buy', 1, 600), trade('s2', '2024-08-01', 'sell', '0.5', 400)], options('average'));
    expect(used(later).slice(2)).toEqual(['average:b:0.5:180']);
  });

  it("specific sells the lot named by lotRef, the rest FIFO; a missing lotRef means FIFO, an unknown one is reported", () => {
    const named = computeEu([...LOTS, { ...SALE, lotRef: 'c' }], options('specific'));
    expect(used(named)).toEqual(['specific:c:1:200', 'fifo:a:0.5:50']);
    expect(named.problems).toEqual([{ tradeId: 's', message: 'lotRef "c" held only 1 ETH: the other 0.5 matched FIFO.' }]);
    const unnamed = computeEu([...LOTS, SALE], options('specific'));
    expect([used(unnamed), unnamed.problems]).toEqual([['fifo:a:1:100', 'fifo:b:0.5:150'], []]);
    const unknown = computeEu([...LOTS, { ...SALE, lotRef: 'zz' }], options('specific'));
    expect(used(unknown)).toEqual(['fifo:a:1:100', 'fifo:b:0.5:150']);
    expect(unknown.problems[0]!.message).toBe('lotRef "zz" names no open ETH lot on "bitpanda": matched FIFO instead.');
  });

  it('a lotRef under another method is taken first (identification before the default, issue #8), the rest by that method; under average it is ignored and said so', () => {
    const result = computeEu([...LOTS, { ...SALE, lotRef: 'a' }], options('lifo'));
    expect(used(result)).toEqual(['specific:a:1:100', 'lifo:c:0.5:100']);
    expect(result.problems).toEqual([{ tradeId: 's', message: 'lotRef "a" held only 1 ETH: the other 0.5 matched LIFO.' }]);
    const average = computeEu([...LOTS, { ...SALE, lotRef: 'a' }], options('average'));
    expect(average.problems).toEqual([{ tradeId: 's', message: 'lotRef "a" ignored: the lot method is average, which has no individual lots.' }]);
  });

  it('wallets are separate: a lot on another venue is never used, and a sell beyond the wallet is refused', () => {
    const trades = [trade('x', '2024-01-01', 'buy', 5, 500, { venue: 'kraken' }), ...LOTS, trade('s', '2024-06-01', 'sell', 4, 2000)];
    const result = computeEu(trades, options('fifo'));
    expect(result.disposals).toEqual([]);
    expect(result.problems.map((p) => p.message)).toEqual([expect.stringContaining('Cannot sell 4 ETH on "bitpanda": it holds 3 ETH')]);
    expect(open(result)).toEqual(['x:5:500', 'a:1:100', 'b:1:300', 'c:1:200']);
  });
});

describe('computeEu: exemptAfterYears', () => {
  const termOf = (bought: string, sold: string, years?: number) =>
    computeEu([trade('b', bought, 'buy', 1, 100), trade('s', sold, 'sell', 1, 150)], options('fifo', years)).disposals.map((x) => x.term);

  it('exemptAfterYears 1 behaves like DE §23: the anniversary is taxable, the next day exempt (tax-rules.md 3.1)', () => {
    expect([termOf('2024-01-01', '2025-01-01', 1), termOf('2024-01-01', '2025-01-02', 1)]).toEqual([['short'], ['exempt']]);
  });

  it('exemptAfterYears 2: more than two whole years', () => {
    expect([termOf('2022-03-15', '2024-03-15', 2), termOf('2022-03-15', '2024-03-16', 2), termOf('2022-03-15', '2023-12-01', 2)]).toEqual([['short'], ['exempt'], ['short']]);
  });

  it('unset: nothing is ever exempt', () => {
    expect(termOf('2010-01-01', '2024-01-01')).toEqual(['short']);
  });

  it('a sale across the line is split into one disposal per term, proceeds pro rata', () => {
    const trades = [trade('old', '2022-01-01', 'buy', 1, 100), trade('new', '2023-12-01', 'buy', 2, 400), trade('s', '2024-02-01', 'sell', 3, 999)];
    const result = computeEu(trades, options('fifo', 1));
    expect(result.disposals.map((x) => [x.term, x.quantity.toFixed(), x.proceeds.toFixed(), x.cost.toFixed(), x.holdingDays])).toEqual([
      ['exempt', '1', '333', '100', 761],
      ['short', '2', '666', '400', 62],
    ]);
  });

  it('refuses an exemptAfterYears that is not a whole number of years above 0', () => {
    expect(() => computeEu([], options('fifo', 0.5))).toThrow(UsageError);
    expect(() => computeEu([], options('fifo', 0))).toThrow('exemptAfterYears must be a whole number of years above 0, got 0');
  });
});

// ---- properties ----
const tradesArb = walletTradesArb({ BTC: 'crypto', ETH: 'crypto' }, 200);

describe('computeEu properties', () => {
  it('every method: quantities conserved per venue and asset, no lot used beyond its quantity, exempt only after the years', () => {
    fc.assert(
      fc.property(tradesArb, fc.constantFrom<LotMethod>('fifo', 'lifo', 'hifo', 'average', 'specific'), fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }), (trades, method, years) => {
        const result = computeEu(trades, options(method, years));
        const sum = (values: Decimal[]) => values.reduce((acc, v) => acc.plus(v), d(0));
        const matches = result.disposals.flatMap((x) => x.matches.map((m) => ({ ...m, disposal: x })));
        for (const buy of trades.filter((t) => t.side === 'buy')) {
          const parts = matches.filter((m) => m.lotId === buy.id);
          expect(parts.every((m) => m.quantity.gt(0) && m.disposal.venue === buy.venue && m.disposal.asset === buy.asset)).toBe(true);
          const left = sum(result.openLots.filter((lot) => lot.lotId === buy.id).map((lot) => lot.quantity));
          expect(sum(parts.map((m) => m.quantity)).plus(left).eq(buy.quantity)).toBe(true);
        }
        for (const wallet of new Set(trades.map((t) => `${t.venue}/${t.asset}`))) {
          const inWallet = <T extends { venue: string; asset: string }>(x: T) => `${x.venue}/${x.asset}` === wallet;
          const bought = sum(trades.filter((t) => t.side === 'buy' && inWallet(t)).map((t) => t.quantity));
          const gone = sum(result.disposals.filter(inWallet).map((x) => x.quantity));
          expect(bought.eq(gone.plus(sum(result.openLots.filter(inWallet).map((lot) => lot.quantity))))).toBe(true);
        }
        for (const sell of trades.filter((t) => t.side === 'sell')) {
          const parts = result.disposals.filter((x) => x.tradeId === sell.id);
          if (parts.length === 0) expect(result.problems.some((p) => p.tradeId === sell.id && p.message.startsWith('Cannot sell'))).toBe(true);
          else expect(sum(parts.map((x) => x.quantity)).eq(sell.quantity) && sum(parts.map((x) => x.proceeds)).eq(sell.total.minus(sell.fee))).toBe(true);
        }
        if (years === undefined) expect(result.disposals.every((x) => x.term === 'short')).toBe(true);
        else expect(matches.every((m) => m.term !== 'exempt' || m.disposal.date.getTime() - m.acquiredAt!.getTime() > years * 365 * 86_400_000)).toBe(true);
      }),
      { seed: 2025, numRuns: 300 },
    );
  });
});
