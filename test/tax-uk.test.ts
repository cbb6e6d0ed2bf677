// UK matching (same day, next 30 days, Section 104 pool) as scenarios named after the HMRC rule or
// example that gives the numbers, then the laws every result obeys (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, parseDecimal, sum, ZERO } from '../src/money.js';
import type { TaxOptions, TaxResult, TaxTrade } from '../src/tax/types.js';
import { computeUk, hmrcRoundedCost } from '../src/tax/uk.js';
import { findExample, taxExamples } from './helpers/tax-examples.js';

const OPTIONS: TaxOptions = { method: 'fifo', washSaleDays: 30, washSaleScope: 'securities' };
const d = (value: string | number) => new Decimal(value);

function trade(id: string, iso: string, side: 'buy' | 'sell', quantity: string | number, total: string | number, extra: Partial<TaxTrade> = {}): TaxTrade {
  return { id, date: new Date(iso), side, asset: 'X', assetClass: 'crypto', quantity: d(quantity), total: d(total), fee: ZERO, venue: 'exchange', ...extra };
}

/** The Section 104 holding of `asset` at the end, as text (undefined when empty). */
function pool(result: TaxResult, asset = 'X') {
  const holding = result.pools.find((p) => p.asset === asset);
  return holding && { quantity: holding.quantity.toFixed(), cost: holding.cost.toFixed() };
}

function parts(result: TaxResult, index = 0) {
  return result.disposals[index]?.matches.map((m) => ({ rule: m.rule, lotId: m.lotId, quantity: m.quantity.toFixed(), cost: m.cost.toFixed() }));
}

// ---- the UK cases of fixtures/tax-examples.json ----

interface ExampleCase {
  id: string;
  input: { trades: { date: string; side: 'buy' | 'sell'; asset: string; qty: number; total: number }[] };
  expected: {
    disposals: { qty: number; proceeds: number; allowableCost: number; gain: number; unrounded?: { allowableCost: number; gain: number } }[];
    poolAfter: { qty: number; cost: number; unroundedCost?: number };
  };
}

const examples = taxExamples<ExampleCase>();

/** Dates in the json are UK wall-clock times without a zone; these are all well clear of midnight, so UTC keeps the UK day. */
function exampleTrades(example: ExampleCase): TaxTrade[] {
  return example.input.trades.map((row, index) => ({
    id: `${example.id}#${index}`,
    date: new Date(row.date.length === 10 ? `${row.date}T12:00:00Z` : `${row.date}:00Z`),
    side: row.side,
    asset: row.asset,
    assetClass: 'crypto',
    quantity: parseDecimal(row.qty),
    total: parseDecimal(row.total),
    fee: ZERO,
    venue: 'exchange',
  }));
}

/** An `it` fed by the case `id`; it fails, not skips, when the case is missing. */
function itExample(id: string, name: string, body: (example: ExampleCase) => void): void {
  it(name, () => body(findExample(examples, id)));
}

describe('HMRC Cryptoassets Manual worked examples (fixtures/tax-examples.json)', () => {
  itExample('UK-CRYPTO22251-s104-basic', 'CRYPTO22251 Section 104 pool: 50 of 150 tokens at average cost 42,000, gain 258,000, pool 100 at 84,000', (example) => {
    const result = computeUk(exampleTrades(example), OPTIONS);
    const [expected] = example.expected.disposals;
    // 100 for 1,000 + 50 for 125,000 = 150 for 126,000; selling 50 takes 126,000 x 50/150 = 42,000.
    expect(expected).toMatchObject({ qty: 50, proceeds: 300000, allowableCost: 42000, gain: 258000 });
    expect(result.disposals).toHaveLength(1);
    const [disposal] = result.disposals;
    expect(disposal?.quantity.toFixed()).toBe(String(expected?.qty));
    expect(disposal?.proceeds.toFixed()).toBe(String(expected?.proceeds));
    expect(disposal?.cost.toFixed()).toBe(String(expected?.allowableCost));
    expect(disposal?.gain.toFixed()).toBe(String(expected?.gain));
    expect(parts(result)).toEqual([{ rule: 'section-104', lotId: 'pool', quantity: '50', cost: '42000' }]);
    expect(pool(result, 'A')).toEqual({ quantity: '100', cost: '84000' });
    expect(example.expected.poolAfter).toEqual({ qty: 100, cost: 84000 });
    expect(result.problems).toEqual([]);
  });

  itExample('UK-CRYPTO22252-same-day', 'CRYPTO22252 same day: both sales of 23 June (one before the buy) match the 1,600 bought that day; cost 937.50 (HMRC 938), gain 462.50 (HMRC 462)', (example) => {
    const result = computeUk(exampleTrades(example), OPTIONS);
    const [expected] = example.expected.disposals;
    expect(expected).toMatchObject({ qty: 1500, proceeds: 1400, allowableCost: 938, gain: 462, unrounded: { allowableCost: 937.5, gain: 462.5 } });
    expect(result.disposals).toHaveLength(1);
    const [disposal] = result.disposals;
    // 800 + 600 = 1,400 for 1,500 tokens; 1,000 x 1,500/1,600 = 937.50.
    expect(disposal?.quantity.toFixed()).toBe('1500');
    expect(disposal?.proceeds.toFixed()).toBe(String(expected?.proceeds));
    expect(disposal?.cost.toFixed()).toBe(String(expected?.unrounded?.allowableCost));
    expect(disposal?.gain.toFixed()).toBe(String(expected?.unrounded?.gain));
    expect(hmrcRoundedCost(disposal?.cost ?? ZERO).toFixed()).toBe(String(expected?.allowableCost));
    expect(disposal?.proceeds.minus(hmrcRoundedCost(disposal.cost)).toFixed()).toBe(String(expected?.gain));
    expect(disposal?.tradeId).toBe(`${example.id}#1+${example.id}#3`);
    expect(parts(result)).toEqual([{ rule: 'same-day', lotId: `${example.id}#2`, quantity: '1500', cost: '937.5' }]);
    // The 100 tokens left over join the pool at 62.50 (HMRC: 1,000 - 938 = 62): 5,100 at 562.50 (HMRC 562).
    expect(pool(result, 'B')).toEqual({ quantity: '5100', cost: String(example.expected.poolAfter.unroundedCost) });
    expect(example.expected.poolAfter).toMatchObject({ qty: 5100, cost: 562 });
  });
});

// ---- rules and examples from ../shared/tax-rules.md section 2 ----

describe('UK matching rules (TCGA 1992 ss.104-106A, ../shared/tax-rules.md section 2)', () => {
  it('CRYPTO22253 next 30 days: a 31 March sale is not matched with a 1 May purchase (day 31), but would be with 30 April (day 30)', () => {
    // Dates from the rules file; amounts illustrative. Pool 1,000 tokens for 1,000; sell 100 for 500.
    const before = [trade('b0', '2021-01-04T12:00:00Z', 'buy', 1000, 1000), trade('s1', '2021-03-31T12:00:00Z', 'sell', 100, 500)];
    const day31 = computeUk([...before, trade('b1', '2021-05-01T12:00:00Z', 'buy', 100, 800)], OPTIONS);
    expect(parts(day31)).toEqual([{ rule: 'section-104', lotId: 'pool', quantity: '100', cost: '100' }]);
    expect(day31.disposals[0]?.gain.toFixed()).toBe('400');
    expect(pool(day31)).toEqual({ quantity: '1000', cost: '1700' });

    const day30 = computeUk([...before, trade('b1', '2021-04-30T12:00:00Z', 'buy', 100, 800)], OPTIONS);
    expect(parts(day30)).toEqual([{ rule: 'bed-and-breakfast', lotId: 'b1', quantity: '100', cost: '800' }]);
    expect(day30.disposals[0]?.gain.toFixed()).toBe('-300');
    expect(pool(day30)).toEqual({ quantity: '1000', cost: '1000' });
  });

  it('HS284 Example 3 (Lobster plc): pool 1,500 at 6,280; gains 329 and 300 (HMRC rounding); pool 800 at 3,349, then 400 at 1,674', () => {
    // The rules file gives only the results. The trades (dates, amounts, dealing costs) are the
    // transcription of the HS284 Example 3 (2024) PDF in tacgomes/investir's tests; the first sale
    // (700 at 4.80 less 100) matches cgtcalculator.com's run of the same example.
    const shares = { asset: 'LOBSTER', assetClass: 'security' as const };
    const result = computeUk(
      [
        trade('buy-2015', '2015-04-01T12:00:00Z', 'buy', 1000, 4000, { ...shares, fee: d(150) }),
        trade('buy-2018', '2018-09-01T12:00:00Z', 'buy', 500, 2050, { ...shares, fee: d(80) }),
        trade('sell-2023', '2023-05-01T12:00:00Z', 'sell', 700, 3360, { ...shares, fee: d(100) }),
        trade('sell-2024', '2024-02-01T12:00:00Z', 'sell', 400, 2080, { ...shares, fee: d(105) }),
      ],
      OPTIONS,
    );
    const [first, second] = result.disposals;
    // 4,150 + 2,130 = 6,280 for 1,500. First sale: 3,360 - 100 = 3,260 less 6,280 x 700/1,500.
    expect(first?.proceeds.toFixed()).toBe('3260');
    expect(first?.cost.eq(d(6280).times(700).div(1500))).toBe(true);
    expect(first?.cost.toFixed(2)).toBe('2930.67');
    expect(first?.gain.toFixed(2)).toBe('329.33');
    const hmrcCost1 = hmrcRoundedCost(first?.cost ?? ZERO);
    expect(hmrcCost1.toFixed()).toBe('2931');
    expect(first?.proceeds.minus(hmrcCost1).toFixed()).toBe('329');
    const hmrcPool1 = d(6280).minus(hmrcCost1);
    expect(hmrcPool1.toFixed()).toBe('3349');
    // Second sale: 2,080 - 105 = 1,975 less half the pool (exact 1,674.67; HMRC half of 3,349 = 1,674.50 -> 1,675).
    expect(second?.proceeds.toFixed()).toBe('1975');
    expect(second?.cost.toFixed(2)).toBe('1674.67');
    expect(second?.gain.toFixed(2)).toBe('300.33');
    const hmrcCost2 = hmrcRoundedCost(hmrcPool1.times(400).div(800));
    expect(hmrcCost2.toFixed()).toBe('1675');
    expect(second?.proceeds.minus(hmrcCost2).toFixed()).toBe('300');
    expect(hmrcPool1.minus(hmrcCost2).toFixed()).toBe('1674');
    expect(hmrcRoundedCost(second?.cost ?? ZERO).toFixed()).toBe('1675');
    const end = result.pools[0];
    expect(end?.quantity.toFixed()).toBe('400');
    expect(end?.cost.toFixed(2)).toBe('1674.67');
    expect(end?.cost.plus(first?.cost ?? ZERO).plus(second?.cost ?? ZERO).toFixed()).toBe('6280');
    expect(first?.assetClass).toBe('security');
  });

  it('s.106A(5) next 30 days before the pool: the repurchase cost is used, and that repurchase never enters the pool', () => {
    // Illustrative. Pool 10 at 100 (10 each); sell 5 on 1 Mar, buy 5 on 10 Mar for 120, sell 2 on 15 Mar.
    const result = computeUk(
      [
        trade('b0', '2024-01-02T12:00:00Z', 'buy', 10, 100),
        trade('s1', '2024-03-01T12:00:00Z', 'sell', 5, 150),
        trade('b1', '2024-03-10T12:00:00Z', 'buy', 5, 120),
        trade('s2', '2024-03-15T12:00:00Z', 'sell', 2, 60),
      ],
      OPTIONS,
    );
    expect(parts(result, 0)).toEqual([{ rule: 'bed-and-breakfast', lotId: 'b1', quantity: '5', cost: '120' }]);
    expect(result.disposals[0]?.gain.toFixed()).toBe('30');
    // The 15 Mar sale comes from the pool of 10 at 100 alone (2 x 10 = 20), not 15 at 220.
    expect(parts(result, 1)).toEqual([{ rule: 'section-104', lotId: 'pool', quantity: '2', cost: '20' }]);
    expect(pool(result)).toEqual({ quantity: '8', cost: '80' });
  });

  it('s.106A(5) next 30 days: sales are matched in date order, each with the earliest later purchases; what is left enters the pool', () => {
    const result = computeUk(
      [
        trade('b0', '2024-01-02T12:00:00Z', 'buy', 10, 100),
        trade('s1', '2024-03-01T12:00:00Z', 'sell', 3, 60),
        trade('s2', '2024-03-05T12:00:00Z', 'sell', 3, 60),
        trade('b1', '2024-03-10T12:00:00Z', 'buy', 4, 40),
        trade('b2', '2024-03-20T12:00:00Z', 'buy', 4, 80),
      ],
      OPTIONS,
    );
    expect(parts(result, 0)).toEqual([{ rule: 'bed-and-breakfast', lotId: 'b1', quantity: '3', cost: '30' }]);
    expect(parts(result, 1)).toEqual([
      { rule: 'bed-and-breakfast', lotId: 'b1', quantity: '1', cost: '10' },
      { rule: 'bed-and-breakfast', lotId: 'b2', quantity: '2', cost: '40' },
    ]);
    expect(pool(result)).toEqual({ quantity: '12', cost: '140' });
  });

  it('s.105(1) before s.106A: a purchase is matched with a sale on its own day before an earlier sale in the 30-day window', () => {
    // Shape of tacgomes/investir's same-day-priority test. Pool 10 at 100.
    const result = computeUk(
      [
        trade('b0', '2018-01-01T12:00:00Z', 'buy', 10, 100),
        trade('s1', '2019-01-20T12:00:00Z', 'sell', 5, 150),
        trade('b1', '2019-01-25T10:00:00Z', 'buy', 5, 150),
        trade('s2', '2019-01-25T14:00:00Z', 'sell', 5, 170),
        trade('b2', '2019-01-27T12:00:00Z', 'buy', 5, 300),
      ],
      OPTIONS,
    );
    expect(parts(result, 0)).toEqual([{ rule: 'bed-and-breakfast', lotId: 'b2', quantity: '5', cost: '300' }]);
    expect(result.disposals[0]?.gain.toFixed()).toBe('-150');
    expect(parts(result, 1)).toEqual([{ rule: 'same-day', lotId: 'b1', quantity: '5', cost: '150' }]);
    expect(result.disposals[1]?.gain.toFixed()).toBe('20');
    expect(pool(result)).toEqual({ quantity: '10', cost: '100' });
  });

  it('same day means the UK calendar day (BittyTax, scani): a buy at 23:00 UTC on 30 June (BST) is on 1 July', () => {
    const trades = [
      trade('b0', '2024-01-02T12:00:00Z', 'buy', 10, 100),
      trade('b1', '2024-06-30T23:00:00Z', 'buy', 1, 30),
      trade('s1', '2024-07-01T08:00:00Z', 'sell', 1, 40),
    ];
    const london = computeUk(trades, OPTIONS);
    expect(parts(london)).toEqual([{ rule: 'same-day', lotId: 'b1', quantity: '1', cost: '30' }]);
    expect(pool(london)).toEqual({ quantity: '10', cost: '100' });
    // Counted in UTC the buy is on 30 June and joins the pool (11 for 130) before the sale.
    const utc = computeUk(trades, { ...OPTIONS, timeZone: 'UTC' });
    expect(parts(utc)).toEqual([{ rule: 'section-104', lotId: 'pool', quantity: '1', cost: d(130).div(11).toFixed() }]);
    // In winter (GMT) 23:00 UTC on 30 December stays on 30 December.
    const winter = computeUk([trade('b1', '2024-12-30T23:00:00Z', 'buy', 1, 30), trade('s1', '2024-12-31T08:00:00Z', 'sell', 1, 40)], OPTIONS);
    expect(parts(winter)).toEqual([{ rule: 'section-104', lotId: 'pool', quantity: '1', cost: '30' }]);
  });

  it('HS284 dealing costs: buy fees add to the pool cost, sell fees reduce the proceeds', () => {
    const result = computeUk(
      [trade('b1', '2024-03-01T12:00:00Z', 'buy', 10, 1000, { fee: d(10) }), trade('s1', '2024-06-03T12:00:00Z', 'sell', 4, 600, { fee: d(6) })],
      OPTIONS,
    );
    const [disposal] = result.disposals;
    expect(disposal?.proceeds.toFixed()).toBe('594');
    expect(disposal?.cost.toFixed()).toBe('404');
    expect(disposal?.gain.toFixed()).toBe('190');
    expect(pool(result)).toEqual({ quantity: '6', cost: '606' });
  });

  it('individuals pool per asset across venues: a buy on one exchange and a sale on another share one Section 104 holding', () => {
    const result = computeUk(
      [
        trade('b1', '2024-01-02T12:00:00Z', 'buy', 2, 200, { venue: 'kraken' }),
        trade('b2', '2024-01-03T12:00:00Z', 'buy', 2, 400, { venue: 'coinbase' }),
        trade('e1', '2024-01-03T12:00:00Z', 'buy', 5, 50, { asset: 'ETH' }),
        trade('s1', '2024-03-01T12:00:00Z', 'sell', 1, 500, { venue: 'coinbase' }),
      ],
      OPTIONS,
    );
    expect(parts(result)).toEqual([{ rule: 'section-104', lotId: 'pool', quantity: '1', cost: '150' }]);
    expect(result.pools.map((p) => [p.asset, p.venue, p.quantity.toFixed(), p.cost.toFixed()])).toEqual([
      ['ETH', undefined, '5', '50'],
      ['X', undefined, '3', '450'],
    ]);
  });

  it('oversell: what is held is matched, the rest is reported with its proceeds, not given a zero cost', () => {
    const result = computeUk([trade('b1', '2024-01-10T12:00:00Z', 'buy', 1, 20000, { asset: 'BTC' }), trade('s1', '2024-03-01T12:00:00Z', 'sell', 3, 90000, { asset: 'BTC' })], OPTIONS);
    const [disposal] = result.disposals;
    expect(disposal?.quantity.toFixed()).toBe('1');
    expect(disposal?.proceeds.toFixed()).toBe('30000');
    expect(disposal?.gain.toFixed()).toBe('10000');
    expect(result.pools).toEqual([]);
    expect(result.problems).toEqual([
      {
        tradeId: 's1',
        message:
          'Sold 3 BTC on 2024-03-01 (UK day) but only 1 could be matched: no acquisition that day or in the next 30 days and no Section 104 holding covers the other 2. ' +
          'Their proceeds (60000) are left out of the disposal; import the missing acquisitions.',
      },
    ]);
  });

  it('s.106A(5) also covers a sale made before any holding: a purchase in the next 30 days is its cost, and nothing is oversold', () => {
    const result = computeUk([trade('s1', '2024-03-01T12:00:00Z', 'sell', 2, 100), trade('b1', '2024-03-15T12:00:00Z', 'buy', 2, 90)], OPTIONS);
    expect(parts(result)).toEqual([{ rule: 'bed-and-breakfast', lotId: 'b1', quantity: '2', cost: '90' }]);
    expect(result.problems).toEqual([]);
    expect(result.pools).toEqual([]);
  });

  it('the lot method is ignored: a non-FIFO choice gives the same matches and one note that UK rules apply', () => {
    const trades = [trade('b1', '2024-01-02T12:00:00Z', 'buy', 2, 100), trade('b2', '2024-02-02T12:00:00Z', 'buy', 2, 300), trade('s1', '2024-03-01T12:00:00Z', 'sell', 1, 200)];
    const fifo = computeUk(trades, OPTIONS);
    const hifo = computeUk(trades, { ...OPTIONS, method: 'hifo' });
    expect(fifo.problems).toEqual([]);
    expect(hifo.problems).toHaveLength(1);
    expect(hifo.problems[0]?.message).toContain('UK matching rules apply regardless');
    expect(parts(hifo)).toEqual(parts(fifo));
    expect(hifo.openLots).toEqual([]);
  });

  it.each([
    ['CRYPTO22252 cost', '937.5', '938'],
    ['CRYPTO22254 Section 104 cost', '62.5', '63'],
    ['CRYPTO22256 cost', '313636.36', '313637'],
    ['a whole-pound cost', '42000', '42000'],
    ['a penny over a pound', '100.01', '101'],
  ])('hmrcRoundedCost rounds allowable cost up to the pound (%s: %s -> %s)', (_name, cost, rounded) => {
    expect(hmrcRoundedCost(d(cost)).toFixed()).toBe(rounded);
  });
});

// ---- laws ----

const RUNS = { numRuns: 200, seed: 1992104 };
const START = Date.UTC(2024, 2, 15); // spans the switch to BST on 31 March

/** 4 to 30 trades in two assets over 30 days, at distinct minutes (several a day, often within 30 days). */
const tradesArb = fc
  .uniqueArray(
    fc.record({
      minute: fc.integer({ min: 0, max: 30 * 24 * 60 }),
      asset: fc.constantFrom('BTC', 'ETH'),
      side: fc.constantFrom<'buy' | 'sell'>('buy', 'buy', 'sell'),
      hundredths: fc.integer({ min: 1, max: 5000 }),
      pence: fc.integer({ min: 0, max: 10_000_000 }),
      feePence: fc.integer({ min: 0, max: 500 }),
    }),
    { selector: (row) => row.minute, minLength: 4, maxLength: 30 },
  )
  .map((rows) =>
    rows.map(
      (row, index): TaxTrade => ({
        id: `t${index}`,
        date: new Date(START + row.minute * 60_000),
        side: row.side,
        asset: row.asset,
        assetClass: 'crypto',
        quantity: d(row.hundredths).div(100),
        total: d(row.pence).div(100),
        fee: d(row.feePence).div(100),
        venue: index % 2 ? 'a' : 'b',
      }),
    ),
  );

const TINY = d('1e-20');
const close = (a: Decimal, b: Decimal) => a.minus(b).abs().lte(TINY);
const assets = (trades: readonly TaxTrade[]) => [...new Set(trades.map((t) => t.asset))];
const acquired = (trades: readonly TaxTrade[], asset: string) => trades.filter((t) => t.asset === asset && t.side === 'buy');

describe('laws of the UK result', () => {
  it('quantity is conserved per asset: disposed + pool = acquired (always; and disposed = sold when nothing is oversold)', () => {
    fc.assert(
      fc.property(tradesArb, (trades) => {
        const result = computeUk(trades, OPTIONS);
        for (const asset of assets(trades)) {
          const disposed = sum(result.disposals.filter((x) => x.asset === asset).map((x) => x.quantity));
          const inPool = result.pools.find((p) => p.asset === asset)?.quantity ?? ZERO;
          expect(disposed.plus(inPool).toFixed()).toBe(sum(acquired(trades, asset).map((t) => t.quantity)).toFixed());
          const oversold = result.problems.some((p) => p.message.includes(` ${asset} on `));
          if (!oversold) expect(disposed.toFixed()).toBe(sum(trades.filter((t) => t.asset === asset && t.side === 'sell').map((t) => t.quantity)).toFixed());
        }
        for (const disposal of result.disposals) expect(sum(disposal.matches.map((m) => m.quantity)).eq(disposal.quantity)).toBe(true);
      }),
      RUNS,
    );
  });

  it('cost is conserved per asset: matched cost + pool cost = total acquisition cost, fees included', () => {
    fc.assert(
      fc.property(tradesArb, (trades) => {
        const result = computeUk(trades, OPTIONS);
        for (const asset of assets(trades)) {
          const matched = sum(result.disposals.filter((x) => x.asset === asset).map((x) => x.cost));
          const inPool = result.pools.find((p) => p.asset === asset)?.cost ?? ZERO;
          const total = sum(acquired(trades, asset).map((t) => t.total.plus(t.fee)));
          expect(close(matched.plus(inPool), total), `${asset}: ${matched.plus(inPool).toFixed()} vs ${total.toFixed()}`).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it("the pool's average cost changes only when an acquisition enters it", () => {
    // Read from the result alone: a day's purchases enter the pool unless matched (same day or next
    // 30 days, by lotId); between two such entries every section-104 part, and the final pool, has one unit cost.
    const dayOf = (date: Date) => Math.floor(date.getTime() / 86_400_000);
    fc.assert(
      fc.property(tradesArb, (trades) => {
        const result = computeUk(trades, { ...OPTIONS, timeZone: 'UTC' });
        for (const asset of assets(trades)) {
          const entries = new Map<number, Decimal>();
          const lotDay = new Map<string, number>();
          for (const buy of acquired(trades, asset).sort((a, b) => a.date.getTime() - b.date.getTime())) {
            const day = dayOf(buy.date);
            entries.set(day, (entries.get(day) ?? ZERO).plus(buy.quantity));
            const lot = [...lotDay].find(([, lotAt]) => lotAt === day)?.[0];
            if (lot) lotDay.delete(lot);
            lotDay.set(lot ? `${lot}+${buy.id}` : buy.id, day);
          }
          const sales = result.disposals.filter((x) => x.asset === asset);
          for (const part of sales.flatMap((x) => x.matches)) {
            const day = lotDay.get(part.lotId);
            if (day !== undefined) entries.set(day, (entries.get(day) ?? ZERO).minus(part.quantity));
          }
          const entryDays = [...entries].filter(([, quantity]) => quantity.gt(0)).map(([day]) => day);
          let unitCost: Decimal | undefined;
          let lastDay = -Infinity;
          const check = (day: number, cost: Decimal, quantity: Decimal) => {
            const entered = entryDays.some((entry) => entry > lastDay && entry <= day);
            const unit = cost.div(quantity);
            if (unitCost && !entered) expect(close(unit, unitCost), `unit cost ${unit.toFixed()} vs ${unitCost.toFixed()}`).toBe(true);
            unitCost = unit;
            lastDay = day;
          };
          for (const sale of sales) {
            for (const part of sale.matches.filter((m) => m.rule === 'section-104')) check(dayOf(sale.date), part.cost, part.quantity);
          }
          const end = result.pools.find((p) => p.asset === asset);
          if (end) check(Infinity, end.cost, end.quantity);
        }
      }),
      RUNS,
    );
  });

  it('the result does not depend on the order the trades are given in', () => {
    const text = (result: TaxResult) => JSON.stringify(result, (_key, value: unknown) => (value instanceof Decimal ? value.toFixed() : value));
    fc.assert(
      fc.property(
        tradesArb.chain((trades) => fc.tuple(fc.constant(trades), fc.shuffledSubarray(trades, { minLength: trades.length, maxLength: trades.length }))),
        ([trades, shuffled]) => {
          expect(text(computeUk(shuffled, OPTIONS))).toBe(text(computeUk(trades, OPTIONS)));
        },
      ),
      RUNS,
    );
  });
});
