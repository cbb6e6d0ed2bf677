// From a plan's trades to orders: prices, splits, order on each venue, pending transfers, ids.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlannedTrade } from '../src/execution-planner.js';
import { Decimal } from '../src/money.js';
import { CLIENT_ID_RULES, type OrderSettings, planOrders, toOrderRequest } from '../src/execution-planner.js';
import type { MarketRules } from '../src/ports.js';

const d = (value: string | number) => new Decimal(value);
function market(base: string, quote: string, extra: Partial<MarketRules> = {}): MarketRules {
  return { symbol: `${base}/${quote}`, base, quote, amountStep: d('0.0001'), priceStep: d('0.01'), minAmount: d('0.0001'), minNotional: d('5'), takerFee: d('0.001'), makerFee: d('0.001'), ...extra };
}
function trade(id: string, venue: string, side: 'buy' | 'sell', asset: string, quantity: string, price: string, extra: Partial<PlannedTrade> = {}): PlannedTrade {
  const notional = d(quantity).times(price);
  return { id, venue, venueLabel: venue, market: `${asset}/USDC`, side, asset, quote: 'USDC', quantity: d(quantity), price: d(price), notional, value: notional, fee: notional.times('0.001'), feeValue: notional.times('0.001'), reason: 'test', ...extra };
}
const MARKETS = new Map([
  ['binance', [market('BTC', 'USDC'), market('ETH', 'USDC')]],
  ['kraken', [market('BTC', 'USDC', { amountStep: d('0.001'), minNotional: d('1000') })]],
]);
const SETTINGS: OrderSettings = { slippageTolerance: d('0.005'), useLimitOrders: true, splitLargeOrders: true, splitThreshold: d(10_000) };
const line = (o: ReturnType<typeof planOrders>['orders'][number]) => `${o.venue} ${o.side} ${o.quantity.toFixed()} ${o.base} ${o.type}${o.limitPrice ? ` @${o.limitPrice.toFixed()}` : ''} guard ${o.worstPrice.toFixed()} [${o.leg}]`;

describe('planOrders', () => {
  it('prices limit orders from the book and the tolerance, falls back to the plan price', () => {
    const books = new Map([['binance', new Map([['BTC/USDC', { bid: d('99990'), ask: d('100010') }]])]]);
    const plan = planOrders(MARKETS, { runId: 'r1', settings: SETTINGS, books, trades: [trade('t1', 'binance', 'buy', 'BTC', '0.05', '100000'), trade('t2', 'binance', 'sell', 'ETH', '1', '2512.345')] });
    expect(plan.orders.map(line)).toEqual([
      // 2512.345 x 0.995 = 2499.783275, rounded up for a sell.
      'binance sell 1 ETH limit @2499.79 guard 2499.79 [t2]',
      // 100010 x 1.005 = 100510.05.
      'binance buy 0.05 BTC limit @100510.05 guard 100510.05 [t1]',
    ]);
    expect(plan.diagnostics).toEqual([]);
  });

  it('without use_limit_orders: market orders carrying the worst acceptable price', () => {
    const plan = planOrders(MARKETS, { runId: 'r1', settings: { ...SETTINGS, useLimitOrders: false }, trades: [trade('t1', 'binance', 'sell', 'BTC', '0.05', '100000')] });
    expect(plan.orders.map(line)).toEqual(['binance sell 0.05 BTC market guard 99500 [t1]']);
    expect(toOrderRequest(plan.orders[0]!)).toMatchObject({ type: 'market', worstPrice: d('99500') });
    expect(toOrderRequest(plan.orders[0]!).limitPrice).toBeUndefined();
  });

  it('splits an order above split_threshold into children that sum to it', () => {
    const plan = planOrders(MARKETS, { runId: 'r1', settings: SETTINGS, trades: [trade('t1', 'binance', 'sell', 'BTC', '0.3501', '100000')] });
    // $35,010 over a $10k threshold: 4 children of 3501 steps dealt out 876, 875, 875, 875.
    expect(plan.orders.map((o) => [o.leg, o.quantity.toFixed(), o.part])).toEqual([
      ['t1/1', '0.0876', { index: 1, of: 4 }],
      ['t1/2', '0.0875', { index: 2, of: 4 }],
      ['t1/3', '0.0875', { index: 3, of: 4 }],
      ['t1/4', '0.0875', { index: 4, of: 4 }],
    ]);
    expect(new Set(plan.orders.map((o) => o.clientOrderId)).size).toBe(4);
    expect(planOrders(MARKETS, { runId: 'r1', settings: { ...SETTINGS, splitLargeOrders: false }, trades: [trade('t1', 'binance', 'sell', 'BTC', '0.3501', '100000')] }).orders).toHaveLength(1);
  });

  it('puts every sell before any buy on each venue, venues in plan order', () => {
    const trades = [
      trade('t1', 'binance', 'buy', 'ETH', '1', '2500'),
      trade('t2', 'kraken', 'sell', 'BTC', '0.02', '100000'),
      trade('t3', 'binance', 'sell', 'BTC', '0.01', '100000'),
      trade('t4', 'kraken', 'buy', 'BTC', '0.02', '100000'),
    ];
    expect(planOrders(MARKETS, { runId: 'r1', settings: SETTINGS, trades }).orders.map((o) => `${o.venue} ${o.leg}`)).toEqual(['binance t3', 'binance t1', 'kraken t2', 'kraken t4']);
  });

  it('keeps a buy that waits for a manual transfer pending, never as an order', () => {
    const plan = planOrders(MARKETS, { runId: 'r1', settings: SETTINGS, trades: [trade('t1', 'binance', 'buy', 'BTC', '0.05', '100000', { waitsFor: 'x1' })] });
    expect(plan.orders).toEqual([]);
    expect(plan.pending).toEqual([{ status: 'pending_transfer', tradeId: 't1', venue: 'binance', symbol: 'BTC/USDC', side: 'buy', quantity: d('0.05'), waitsFor: 'x1' }]);
  });

  it('reports legs it cannot send: a delisted market, a price below the grid, an order now under the minimum', () => {
    const books = new Map([['kraken', new Map([['BTC/USDC', { bid: d('10000') }]])]]);
    const plan = planOrders(MARKETS, {
      runId: 'r1',
      settings: SETTINGS,
      books,
      trades: [trade('t1', 'binance', 'buy', 'SOL', '1', '63'), trade('t2', 'kraken', 'sell', 'BTC', '0.011', '100000'), trade('t3', 'binance', 'buy', 'ETH', '1', '0.001')],
    });
    expect(plan.orders).toEqual([]);
    expect(plan.diagnostics.map((x) => x.code)).toEqual(['orders.no_market', 'orders.price_moved', 'orders.below_minimum', 'orders.no_price']);
    expect(plan.diagnostics[2]!.message).toBe('sell 0.011 BTC on kraken is below its minimum of 0.101 BTC at 9950 USDC; not sent.');
  });

  it('gives the same ids for the same plan, in each venue\'s form', () => {
    const trades = [trade('t1', 'binance', 'sell', 'BTC', '0.05', '100000'), trade('t2', 'kraken', 'sell', 'BTC', '0.05', '100000')];
    const idFormats = new Map([['binance', 'binance' as const], ['kraken', 'kraken' as const]]);
    const first = planOrders(MARKETS, { runId: 'r1', settings: SETTINGS, trades, idFormats }).orders;
    expect(planOrders(MARKETS, { runId: 'r1', settings: SETTINGS, trades, idFormats }).orders.map((o) => o.clientOrderId)).toEqual(first.map((o) => o.clientOrderId));
    expect(first[0]!.clientOrderId).toMatch(CLIENT_ID_RULES.binance.pattern);
    expect(first[1]!.clientOrderId).toMatch(CLIENT_ID_RULES.kraken.pattern);
    expect(planOrders(MARKETS, { runId: 'r2', settings: SETTINGS, trades, idFormats }).orders[0]!.clientOrderId).not.toBe(first[0]!.clientOrderId);
  });

  it('property: each trade\'s orders sum to it, each valid on its market, ids unique, sells first', () => {
    const arbTrade = fc.record({
      venue: fc.constantFrom('binance', 'kraken'),
      side: fc.constantFrom('buy' as const, 'sell' as const),
      steps: fc.integer({ min: 1, max: 50_000 }),
      price: fc.integer({ min: 1_000, max: 200_000 }),
      waits: fc.boolean(),
    });
    const settings = fc.record({
      slippageTolerance: fc.integer({ min: 0, max: 300 }).map((bp) => d(bp).div(10_000)),
      useLimitOrders: fc.boolean(),
      splitLargeOrders: fc.boolean(),
      splitThreshold: fc.integer({ min: 1_000, max: 50_000 }).map(d),
    });
    fc.assert(
      fc.property(fc.array(arbTrade, { maxLength: 8 }), settings, (specs, s) => {
        const trades = specs.map((spec, i) => {
          const rules = MARKETS.get(spec.venue)![0]!;
          return trade(`t${i + 1}`, spec.venue, spec.side, 'BTC', rules.amountStep.times(spec.steps).toFixed(), String(spec.price), spec.waits && spec.side === 'buy' ? { waitsFor: 'x1' } : {});
        });
        const plan = planOrders(MARKETS, { runId: 'run', settings: s, trades });
        expect(new Set(plan.orders.map((o) => o.clientOrderId)).size).toBe(plan.orders.length);
        for (const t of trades) {
          const mine = plan.orders.filter((o) => o.tradeId === t.id);
          if (t.waitsFor) expect(mine).toEqual([]);
          else if (mine.length > 0) expect(mine.reduce((a, o) => a.plus(o.quantity), d(0)).eq(t.quantity)).toBe(true);
          else expect(plan.diagnostics.some((x) => x.code === 'orders.below_minimum')).toBe(true);
          const rules = MARKETS.get(t.venue)![0]!;
          for (const o of mine) {
            const at = o.limitPrice ?? Decimal.min(o.referencePrice, o.worstPrice);
            expect(o.quantity.div(rules.amountStep).isInteger()).toBe(true);
            expect(o.quantity.gte(rules.minAmount) && o.quantity.times(at).gte(rules.minNotional)).toBe(true);
            expect(o.worstPrice.div(rules.priceStep).isInteger()).toBe(true);
          }
        }
        for (const venue of ['binance', 'kraken']) {
          const sides = plan.orders.filter((o) => o.venue === venue).map((o) => o.side);
          expect(sides.indexOf('buy') === -1 || sides.lastIndexOf('sell') < sides.indexOf('buy')).toBe(true);
        }
      }),
    );
  });
});
