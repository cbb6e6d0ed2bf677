// France, digital assets: the whole-portfolio formula of Art. 150 VH bis CGI (BOFiP
// BOI-RPPM-PVBMI-70-20) and the €305 exemption. Inputs from fixtures/tax-examples.json
// (FR-CRYPTO-01) where it has them, with the key numbers restated here.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itExample, taxExamples } from './helpers/tax-examples.js';
import { Decimal, parseDecimal } from '../src/money.js';
import { computeFr } from '../src/tax/fr.js';
import { frExempt } from '../src/tax/thresholds.js';
import type { TaxTrade } from '../src/tax/types.js';

const d = (value: string | number | Decimal) => new Decimal(value);
const at = (date: string) => new Date(`${date}T12:00:00Z`);

function trade(id: string, date: string, side: 'buy' | 'sell', asset: string, quantity: string | number, total: Decimal | number, extra: Partial<TaxTrade> = {}): TaxTrade {
  return { id, date: at(date), side, asset, assetClass: 'crypto', quantity: d(quantity), total: d(total), fee: d(0), venue: 'coinbase', ...extra };
}

function fr(trades: TaxTrade[], values: Record<string, Decimal | number>) {
  const portfolioValues = new Map(Object.entries(values).map(([id, value]) => [id, d(value)]));
  return computeFr(trades, { method: 'fifo', washSaleDays: 30, washSaleScope: 'securities', portfolioValues });
}
const row = (result: ReturnType<typeof fr>) => result.disposals.map((x) => [x.tradeId, x.proceeds.toFixed(), x.cost.toFixed(), x.gain.toFixed()]);
const poolCost = (result: ReturnType<typeof fr>) => result.pools.find((p) => p.asset === '*')!.cost.toFixed();

interface Example {
  id: string;
  input: { cases?: { totalAcquisitionCost: number; portfolioValue: number; salePrice: number }[] };
  expected: { cases?: { gain: number; costAllocated?: number }[] };
}
const EXAMPLES = taxExamples<Example>();

const itCase = (id: string, name: string, body: (example: Example) => void) => itExample(EXAMPLES, id, name, body);

/** Case `i` of the example as numbers: acquisition cost, portfolio value, sale price, expected gain and allocated cost. */
function frCase(example: Example, i: number) {
  const input = example.input.cases?.[i];
  const expected = example.expected.cases?.[i];
  if (!input || !expected) throw new Error(`FR-CRYPTO-01 has no case ${i}`);
  return {
    cost: parseDecimal(input.totalAcquisitionCost),
    value: parseDecimal(input.portfolioValue),
    price: parseDecimal(input.salePrice),
    gain: parseDecimal(expected.gain),
    allocated: expected.costAllocated === undefined ? undefined : parseDecimal(expected.costAllocated),
  };
}

describe('computeFr: Art. 150 VH bis CGI', () => {
  itCase('FR-CRYPTO-01', 'gain = price - acquisition cost x price / portfolio value: 2,000 - 11,500 x 2,000 / 20,000 = 850 (BOFiP formula; cryptobooks.tax)', (example) => {
    const c = frCase(example, 0);
    // 1 ETH bought for €1,500 and 1 BTC for €10,000 (€11,500); 1 ETH sold for €2,000 at a portfolio value of €20,000.
    const result = fr([trade('eth', '2023-01-01', 'buy', 'ETH', 1, 1500), trade('btc', '2023-01-02', 'buy', 'BTC', 1, c.cost.minus(1500)), trade('s', '2023-06-01', 'sell', 'ETH', 1, c.price)], { s: c.value });
    expect(row(result)).toEqual([['s', '2000', '1150', '850']]);
    expect(result.disposals[0]!.gain.eq(c.gain)).toBe(true);
    expect(result.disposals[0]!.matches).toEqual([{ rule: 'portfolio', lotId: 'pool', quantity: d(1), cost: d(1150), proceeds: d(2000), term: 'short' }]);
    expect(poolCost(result)).toBe('10350');
    expect(result.problems).toEqual([]);
  });

  itCase('FR-CRYPTO-01', 'two sales, the pool reduced by the cost allocated in between: 1,600 / 400, then 2,920 / 80 (Koinly public bug report example)', (example) => {
    const first = frCase(example, 1);
    const second = frCase(example, 2);
    // Pool 16,000; sale of 2,000 at 20,000 allocates 1,600 (gain 400), leaving 14,400. The source
    // states 14,600 at the second sale, which is not 16,000 - 1,600: a €200 purchase in between is
    // assumed here to reach it. Then 3,000 at 15,000 allocates 14,600 x 3,000 / 15,000 = 2,920 (gain 80).
    const trades = [
      trade('b1', '2023-01-01', 'buy', 'BTC', 1, first.cost),
      trade('s1', '2023-03-01', 'sell', 'BTC', '0.1', first.price),
      trade('b2', '2023-03-01', 'buy', 'ETH', 1, second.cost.minus(first.cost.minus(first.allocated!))),
      trade('s2', '2023-03-02', 'sell', 'BTC', '0.2', second.price),
    ];
    const result = fr(trades, { s1: first.value, s2: second.value });
    expect(row(result)).toEqual([
      ['s1', '2000', '1600', '400'],
      ['s2', '3000', '2920', '80'],
    ]);
    expect([result.disposals[0]!.gain, result.disposals[1]!.gain, result.disposals[1]!.cost].map((x) => x.toFixed())).toEqual([first.gain, second.gain, second.allocated!].map((x) => x.toFixed()));
    expect(poolCost(result)).toBe('11680');
  });

  it('FR-CRYPTO-01, derived: without a purchase in between, the second sale allocates 14,400 x 3,000 / 15,000 = 2,880 (gain 120)', () => {
    const trades = [trade('b1', '2023-01-01', 'buy', 'BTC', 1, 16000), trade('s1', '2023-03-01', 'sell', 'BTC', '0.1', 2000), trade('s2', '2023-03-02', 'sell', 'BTC', '0.2', 3000)];
    const result = fr(trades, { s1: 20000, s2: 15000 });
    expect(row(result)).toEqual([
      ['s1', '2000', '1600', '400'],
      ['s2', '3000', '2880', '120'],
    ]);
    expect(poolCost(result)).toBe('11520');
  });

  it('fees: a purchase fee joins the pool; a sale fee comes off the price but not off the price in the ratio (form 2086 lines 218 and 217)', () => {
    const trades = [trade('b', '2023-01-01', 'buy', 'BTC', 1, 9900, { fee: d(100) }), trade('s', '2023-06-01', 'sell', 'BTC', '0.5', 5000, { fee: d(50) })];
    const result = fr(trades, { s: 20000 });
    // Pool 10,000; cost 10,000 x 5,000 / 20,000 = 2,500; net price 4,950.
    expect(row(result)).toEqual([['s', '4950', '2500', '2450']]);
  });

  it('a sell without a portfolio value is reported and skipped; the pool is untouched', () => {
    const result = fr([trade('b', '2023-01-01', 'buy', 'BTC', 1, 1000), trade('s', '2023-06-01', 'sell', 'BTC', '0.5', 800)], {});
    expect(result.disposals).toEqual([]);
    expect(result.problems).toEqual([{ tradeId: 's', message: expect.stringContaining('No portfolio value for sell s') }]);
    expect(poolCost(result)).toBe('1000');
  });

  it('a sell of more than is held, or at a price above the portfolio value, is reported and skipped', () => {
    const trades = [trade('b', '2023-01-01', 'buy', 'BTC', 1, 1000), trade('over', '2023-06-01', 'sell', 'BTC', 2, 800), trade('dear', '2023-06-02', 'sell', 'BTC', '0.5', 800)];
    const result = fr(trades, { over: 2000, dear: 700 });
    expect(result.disposals).toEqual([]);
    expect(result.problems.map((p) => [p.tradeId, p.message.split(':')[0]])).toEqual([
      ['over', 'Cannot sell 2 BTC'],
      ['dear', 'Portfolio value 700 for sell dear is below its price 800'],
    ]);
  });

  it('securities (and forex) are not in scope for France: reported, not computed', () => {
    const result = fr([trade('b', '2023-01-01', 'buy', 'AIR', 1, 100, { assetClass: 'security' }), trade('s', '2023-06-01', 'sell', 'AIR', 1, 120, { assetClass: 'security' })], { s: 1000 });
    expect(result.disposals).toEqual([]);
    expect(result.problems.map((p) => p.tradeId)).toEqual(['b', 's']);
    expect(result.problems[0]!.message).toContain('not in scope for France');
  });

  it('€305 exemption (Art. 150 VH bis CGI): a year whose disposals total at most €305 is exempt', () => {
    expect([frExempt(d(0)), frExempt(d(305)), frExempt(d('305.01')), frExempt(d(2000))]).toEqual([true, true, false, false]);
  });
});

describe('computeFr properties', () => {
  const opArb = fc.record({
    buy: fc.boolean(),
    asset: fc.constantFrom('BTC', 'ETH'),
    qty: fc.integer({ min: 1, max: 1000 }),
    share: fc.integer({ min: 1, max: 100 }),
    price: fc.integer({ min: 1, max: 5_000_000 }),
    fee: fc.integer({ min: 0, max: 200 }),
    valueFactor: fc.integer({ min: 100, max: 1000 }), // portfolio value = price x factor / 100
    valued: fc.integer({ min: 0, max: 9 }).map((n) => n > 0), // 10% of sells have no value
  });

  it('the pool is never negative and the allocated costs never exceed the total acquisition cost', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 40, size: 'medium' }), (ops) => {
        const held = new Map<string, Decimal>();
        const values: Record<string, Decimal> = {};
        const trades = ops.map((op, i): TaxTrade => {
          const holding = held.get(op.asset) ?? d(0);
          const sell = !op.buy && holding.gt(0);
          const quantity = sell ? Decimal.max(holding.times(op.share).div(100).toDecimalPlaces(2, Decimal.ROUND_DOWN), d('0.01')) : d(op.qty).div(100);
          held.set(op.asset, sell ? holding.minus(quantity) : holding.plus(quantity));
          const total = d(op.price).div(100); // in cents, like real data; the ratio still has long decimals
          if (sell && op.valued) values[`t${i}`] = total.times(op.valueFactor).div(100);
          return { id: `t${i}`, date: new Date(Date.UTC(2023, 0, 1, i)), side: sell ? 'sell' : 'buy', asset: op.asset, assetClass: 'crypto', quantity, total, fee: d(op.fee).div(100), venue: 'v' };
        });
        const result = fr(trades, values);
        // Replay in order: the pool after each sale is what was bought so far minus what was allocated so far.
        let pool = d(0);
        for (const t of trades) {
          if (t.side === 'buy') pool = pool.plus(t.total).plus(t.fee);
          const sale = result.disposals.find((x) => x.tradeId === t.id);
          if (sale) {
            expect(sale.cost.gte(0) && sale.cost.lte(pool)).toBe(true);
            pool = pool.minus(sale.cost);
          }
          expect(pool.gte(0)).toBe(true);
        }
        const acquired = trades.filter((t) => t.side === 'buy').reduce((acc, t) => acc.plus(t.total).plus(t.fee), d(0));
        const allocated = result.disposals.reduce((acc, x) => acc.plus(x.cost), d(0));
        expect(allocated.lte(acquired)).toBe(true);
        expect(allocated.plus(result.pools[0]!.cost).eq(acquired)).toBe(true);
        const sells = trades.filter((t) => t.side === 'sell');
        expect(result.disposals.length + result.problems.length).toBe(sells.length);
      }),
      { seed: 150, numRuns: 300 },
    );
  });
});
