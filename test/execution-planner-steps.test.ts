// The execution planner's steps, each on its own: cash pools, sizing (step flooring, limit
// prices, minimums), sells, buys, transfers. The whole planner is in execution-planner.test.ts.
import { describe, expect, it } from 'vitest';
import {
  available,
  belowMinimum,
  buyAsset,
  buyWith,
  fundShortfall,
  indexMarkets,
  isListedOn,
  largestFirst,
  limitPriceFor,
  move,
  openFunds,
  planContext,
  planVenueTrades,
  poolsOf,
  sellAsset,
  sellCandidates,
  sizeOrder,
  transfersFor,
  worstCost,
  worstProceeds,
  type PlanContext,
  type VenueInfo,
  type VenuePlanInput,
} from '../src/execution-planner.js';
import { Decimal } from '../src/money.js';
import type { MarketRules } from '../src/ports.js';

const d = (value: string | number) => new Decimal(value);
function market(base: string, quote: string, fee = '0.001', extra: Partial<MarketRules> = {}): MarketRules {
  return { symbol: `${base}/${quote}`, base, quote, amountStep: d('0.0001'), priceStep: d('0.01'), minAmount: d(0), minNotional: d('5'), takerFee: d(fee), makerFee: d(fee), ...extra };
}
const venue = (id: string, kind: VenueInfo['kind'], markets: MarketRules[], tradable = true): VenueInfo => ({ id, label: id[0]!.toUpperCase() + id.slice(1), kind, tradable, markets });
const h = (v: string, asset: string, quantity: string) => ({ venue: v, asset, quantity: d(quantity) });
const intent = (delta: string) => ({ delta: d(delta), reason: 'test' });

const VENUES = [
  venue('binance', 'cex', [market('BTC', 'USDC'), market('ETH', 'USDC')]),
  venue('uniswap', 'dex', [market('ETH', 'USDC', '0.003'), market('BTC', 'USDC', '0.003')]),
  venue('kraken', 'cex', [market('BTC', 'USDC', '0.002')]),
  venue('cold', 'wallet', [], false),
];
const BASE: VenuePlanInput = {
  intents: new Map(),
  holdings: [h('binance', 'BTC', '0.3'), h('binance', 'USDC', '1000'), h('uniswap', 'ETH', '2'), h('uniswap', 'USDC', '3000'), h('cold', 'BTC', '1'), h('cold', 'USDC', '500')],
  prices: new Map([['BTC', d('100000')], ['ETH', d('2500')], ['USDC', d('1')]]),
  venues: VENUES,
  cashAssets: ['USDC'],
  reserveValue: d(0),
  minTradeValue: d(100),
  preferDex: false,
  slippage: d('0.005'),
  useLimitOrders: true,
  currency: 'USD',
};
const MARKETS = indexMarkets(VENUES);
const contextOf = (input: Partial<VenuePlanInput> = {}): PlanContext => planContext({ ...BASE, ...input }, MARKETS);
const fundsOf = (input: Partial<VenuePlanInput> = {}) => {
  const context = contextOf(input);
  return openFunds(MARKETS, { holdings: input.holdings ?? BASE.holdings, cashAssets: ['USDC'], priceOf: context.priceOf, reserveValue: input.reserveValue ?? d(0) });
};
const listing = (venueId: string, base: string) => MARKETS.listings.get(base)!.find((l) => l.venue.id === venueId)!;

describe('market index', () => {
  it('lists only tradable venues, and knows the highest fee', () => {
    expect(MARKETS.listings.get('BTC')!.map((l) => l.venue.id)).toEqual(['binance', 'uniswap', 'kraken']);
    expect(isListedOn(MARKETS, 'cold', 'BTC')).toBe(false);
    expect(isListedOn(MARKETS, 'kraken', 'ETH')).toBe(false);
    expect(MARKETS.costRate.toFixed()).toBe('0.003');
  });

  it('gives the same plan whether the caller passes the index or not', () => {
    const input = { ...BASE, intents: new Map([['BTC', intent('-10000')], ['ETH', intent('8000')]]) };
    expect(planVenueTrades({ ...input, markets: MARKETS })).toEqual(planVenueTrades(input));
  });
});

describe('cash pools', () => {
  it('holds what each tradable venue has; a wallet holds nothing spendable, but its cash counts toward the reserve', () => {
    const funds = fundsOf({ reserveValue: d(1200) });
    expect(available(funds, 'binance', 'BTC').toFixed()).toBe('0.3');
    expect(available(funds, 'cold', 'BTC').toFixed()).toBe('0');
    expect(available(funds, 'kraken', 'USDC').toFixed()).toBe('0');
    // 1,000 + 3,000 + 500 of USDC, less the 1,200 reserve.
    expect(funds.spendable.toFixed()).toBe('3300');
  });

  it('moves return new funds and leave the old ones as they were', () => {
    const funds = fundsOf();
    const moved = move(funds, 'binance', 'USDC', d(-400), d(-400));
    expect(available(moved, 'binance', 'USDC').toFixed()).toBe('600');
    expect(available(funds, 'binance', 'USDC').toFixed()).toBe('1000');
    expect(funds.spendable.toFixed()).toBe('4500');
  });

  it('lists the pools of an asset that hold something, largest first', () => {
    const funds = move(fundsOf(), 'kraken', 'USDC', d(1000));
    expect(poolsOf(funds, 'USDC').map((p) => `${p.venue} ${p.available.toFixed()}`)).toEqual(['uniswap 3000', 'binance 1000', 'kraken 1000']);
  });
});

describe('sizing', () => {
  const rules = contextOf();

  it('floors the amount to the step, never up past what was asked', () => {
    const sized = sizeOrder(rules, listing('binance', 'BTC'), 'sell', d('0.123456'), 'test');
    expect(sized.order!.quantity.toFixed()).toBe('0.1234');
    expect(sized.order!.value.toFixed()).toBe('12340');
  });

  it('puts the limit price on the grid: up for a buy, down for a sell', () => {
    const m = market('ETH', 'USDC', '0.001', { priceStep: d('0.1') });
    expect(limitPriceFor(m, 'buy', d('2500.03'), d('0.005')).toFixed()).toBe('2512.6');
    expect(limitPriceFor(m, 'sell', d('2500.03'), d('0.005')).toFixed()).toBe('2487.5');
    expect(sizeOrder({ ...rules, useLimitOrders: false }, listing('binance', 'ETH'), 'buy', d(1), 'test').order!.limitPrice).toBeUndefined();
  });

  it('says which minimum an order misses', () => {
    const l = { venue: VENUES[0]!, market: market('BTC', 'USDC', '0.001', { minAmount: d('0.01'), minNotional: d(2000) }) };
    const check = (quantity: string, notional: string) => belowMinimum(l, d(quantity), d(notional), d(notional), { minTradeValue: d(100), currency: 'EUR' });
    expect(check('0', '0')).toBe("rounds to 0 at Binance's amount step 0.0001");
    expect(check('0.0005', '50')).toBe('below min_trade_value €100');
    expect(check('0.005', '500')).toBe("below Binance's minimum amount 0.01 BTC");
    expect(check('0.015', '1500')).toBe("below Binance's minimum order value 2000 USDC");
    expect(check('0.03', '3000')).toBeUndefined();
  });

  it('reports a skipped order as info in the portfolio currency, and a missing price as a warning', () => {
    const skipped = sizeOrder({ ...rules, currency: 'EUR' }, listing('binance', 'BTC'), 'buy', d('0.0005'), 'test');
    expect(skipped.diagnostic).toMatchObject({ severity: 'info', code: 'plan.skipped', venue: 'binance' });
    expect(skipped.diagnostic!.message).toBe('skipped: 0.0005 BTC (€50.00) below min_trade_value €100 (buy on Binance)');
    const noPrice = sizeOrder({ ...rules, priceOf: (asset) => (asset === 'USDC' ? d(1) : undefined) }, listing('binance', 'BTC'), 'buy', d(1), 'test');
    expect(noPrice.diagnostic).toMatchObject({ severity: 'warning', code: 'plan.no_price', message: 'No price for BTC; BTC/USDC on binance is not traded.' });
  });

  it('counts a buy at its limit price plus fee, and a sale at its limit price less fee', () => {
    const order = sizeOrder(rules, listing('binance', 'ETH'), 'buy', d(4), 'test').order!;
    expect(worstCost(order).toFixed()).toBe('10060.05');
    const sale = sizeOrder(rules, listing('binance', 'BTC'), 'sell', d('0.1'), 'test').order!;
    expect(worstProceeds(sale).toFixed()).toBe('9940.05');
  });
});

describe('sells', () => {
  it('sells from the tax-optimizer order first, then CEX before DEX and the lower fee', () => {
    const holdings = [h('binance', 'BTC', '1'), h('uniswap', 'BTC', '1'), h('kraken', 'BTC', '1'), h('cold', 'BTC', '5')];
    expect(sellCandidates(contextOf({ holdings }), 'BTC').map((l) => l.venue.id)).toEqual(['binance', 'kraken', 'uniswap']);
    const taxFirst = contextOf({ holdings, sellVenueOrder: new Map([['BTC', ['uniswap']]]) });
    expect(sellCandidates(taxFirst, 'BTC').map((l) => l.venue.id)).toEqual(['uniswap', 'binance', 'kraken']);
  });

  it('adds the worst-case proceeds to the venue quote pool and to what may be spent', () => {
    const funds = fundsOf();
    const sold = sellAsset(contextOf(), { funds, nextId: 7 }, 'BTC', intent('-10000'));
    expect(sold.trades.map((t) => `${t.id} ${t.side} ${t.quantity.toFixed()} ${t.venue}`)).toEqual(['t7 sell 0.1 binance']);
    expect(available(sold.funds, 'binance', 'BTC').toFixed()).toBe('0.2');
    expect(available(sold.funds, 'binance', 'USDC').toFixed()).toBe('10940.05');
    expect(sold.funds.spendable.toFixed()).toBe('14440.05');
    expect(sold.nextId).toBe(8);
  });

  it('continues on the next venue only while what is left is worth a trade', () => {
    const holdings = [h('binance', 'BTC', '0.1'), h('kraken', 'BTC', '0.1')];
    const worth = sellAsset(contextOf({ holdings }), { funds: fundsOf({ holdings }), nextId: 1 }, 'BTC', intent('-15000'));
    expect(worth.trades.map((t) => `${t.venue} ${t.quantity.toFixed()}`)).toEqual(['binance 0.1', 'kraken 0.05']);
    const dust = sellAsset(contextOf({ holdings }), { funds: fundsOf({ holdings }), nextId: 1 }, 'BTC', intent('-10050'));
    expect(dust.trades.map((t) => `${t.venue} ${t.quantity.toFixed()}`)).toEqual(['binance 0.1']);
  });

  it('reports an asset no venue that holds it can trade', () => {
    const sold = sellAsset(contextOf({ holdings: [h('cold', 'BTC', '1')] }), { funds: fundsOf(), nextId: 1 }, 'BTC', intent('-10000'));
    expect(sold.trades).toEqual([]);
    expect(sold.diagnostics.map((x) => x.code)).toEqual(['constraint.not_sellable']);
  });
});

describe('buys', () => {
  it('never spends more than the venue pool or the cash above the reserve', () => {
    const l = listing('binance', 'ETH');
    const pool = buyWith(contextOf(), { funds: fundsOf(), nextId: 1 }, l, d(5000), 'test');
    expect(worstCost(pool.trade!).lte(1000)).toBe(true);
    const reserved = buyWith(contextOf(), { funds: { ...fundsOf(), spendable: d(500) }, nextId: 1 }, l, d(5000), 'test');
    expect(reserved.trade!.value.lte(500)).toBe(true);
    expect(available(reserved.funds, 'binance', 'USDC').toFixed()).toBe(d(1000).minus(worstCost(reserved.trade!)).toFixed());
  });

  it('plans nothing, and changes nothing, when the budget is under min_trade_value', () => {
    const funds = { ...fundsOf(), spendable: d(50) };
    const bought = buyWith(contextOf(), { funds, nextId: 3 }, listing('binance', 'ETH'), d(5000), 'test');
    expect(bought.trade).toBeUndefined();
    expect(bought.funds).toBe(funds);
    expect(bought.nextId).toBe(3);
  });

  it('spreads a buy over the venues with cash and leaves the rest as a shortfall', () => {
    const bought = buyAsset(contextOf(), { funds: fundsOf(), nextId: 1 }, 'ETH', intent('6000'));
    expect(bought.trades.map((t) => t.venue)).toEqual(['binance', 'uniswap']);
    expect(bought.shortfall?.asset).toBe('ETH');
    expect(bought.shortfall!.value.gt(1900)).toBe(true);
  });

  it('only reports a buy under min_trade_value, sized on the preferred venue', () => {
    const bought = buyAsset(contextOf(), { funds: fundsOf(), nextId: 1 }, 'ETH', intent('50'));
    expect(bought.trades).toEqual([]);
    expect(bought.shortfall).toBeUndefined();
    expect(bought.diagnostics.map((x) => `${x.code} ${x.venue}`)).toEqual(['plan.skipped binance']);
  });
});

describe('transfers', () => {
  const shortfall = { asset: 'BTC', value: d(5000), reason: 'test' };

  it('moves the quote asset from the venues with the most spare, numbering on from earlier transfers', () => {
    const funds = move(fundsOf(), 'kraken', 'USDC', d(2500));
    const moved = transfersFor(contextOf(), funds, listing('binance', 'BTC'), shortfall, 2);
    // 5,000 x 1.005 x 1.001 = 5,030.025 USDC: uniswap's 3,000, then the rest from kraken.
    expect(moved.transfers.map((t) => `${t.id} ${t.from}->${t.to} ${t.amount.toFixed()}`)).toEqual(['x3 uniswap->binance 3000', 'x4 kraken->binance 2030.025']);
    expect(available(moved.funds, 'binance', 'USDC').toFixed()).toBe('6030.025');
    expect(available(moved.funds, 'uniswap', 'USDC').toFixed()).toBe('0');
    expect(available(funds, 'uniswap', 'USDC').toFixed()).toBe('3000');
  });

  it('proposes no transfer worth less than min_trade_value', () => {
    const funds = move(fundsOf(), 'kraken', 'USDC', d(50));
    const moved = transfersFor(contextOf(), funds, listing('binance', 'BTC'), shortfall, 0);
    expect(moved.transfers.map((t) => t.from)).toEqual(['uniswap']);
  });

  it('folds a local buy on the same market into the funded one: one order per market, after the transfer', () => {
    const context = contextOf();
    const local = buyWith(context, { funds: fundsOf(), nextId: 1 }, listing('binance', 'BTC'), d(900), 'test');
    expect(local.trade).toBeDefined();
    const funded = fundShortfall(context, { funds: local.funds, nextId: 2 }, { asset: 'BTC', value: d(2000), reason: 'test' }, [local.trade!], 0);
    expect(funded.folded).toBe('t1');
    expect(funded.trades).toHaveLength(1);
    expect(funded.trades[0]).toMatchObject({ id: 't2', venue: 'binance', waitsFor: 'x1' });
    expect(funded.trades[0]!.value.gt(local.trade!.value.plus(1900))).toBe(true);
  });

  it('reports what no transfer can fund, in the portfolio currency', () => {
    const context = contextOf({ currency: 'EUR', prices: new Map([['BTC', d('100000')], ['ETH', d('2500')], ['USDC', d('1')]]) });
    const funds = { pools: new Map(), spendable: d(0) };
    const funded = fundShortfall(context, { funds, nextId: 1 }, shortfall, [], 0);
    expect(funded.transfers).toEqual([]);
    expect(funded.diagnostics.map((x) => x.message)).toEqual([
      '€5,000.00 of the BTC buy is not planned: no venue listing BTC has the USDC for it, and no other venue holds spare USDC to move (the cash reserve is reached).',
    ]);
  });
});

describe('intent order', () => {
  it('takes the largest change first, then by asset', () => {
    const ordered = largestFirst(new Map([['B', intent('100')], ['A', intent('-100')], ['C', intent('500')]]));
    expect(ordered.map(([asset]) => asset)).toEqual(['C', 'A', 'B']);
  });
});
