import { describe, expect, it } from 'vitest';
import { planVenueTrades, type VenueInfo, type VenuePlanInput } from '../src/execution-planner.js';
import { Decimal } from '../src/money.js';
import type { MarketRules } from '../src/ports.js';

const d = (value: string | number) => new Decimal(value);
function market(base: string, quote: string, fee = '0.001', extra: Partial<MarketRules> = {}): MarketRules {
  return { symbol: `${base}/${quote}`, base, quote, amountStep: d('0.0001'), priceStep: d('0.01'), minAmount: d(0), minNotional: d('5'), takerFee: d(fee), makerFee: d(fee), ...extra };
}
const venue = (id: string, kind: VenueInfo['kind'], markets: MarketRules[], tradable = true): VenueInfo => ({ id, label: id[0]!.toUpperCase() + id.slice(1), kind, tradable, markets });
const h = (v: string, asset: string, quantity: string) => ({ venue: v, asset, quantity: d(quantity) });
const intents = (entries: Record<string, string>) => new Map(Object.entries(entries).map(([asset, delta]) => [asset, { delta: d(delta), reason: 'test' }]));

const BASE: VenuePlanInput = {
  intents: new Map(),
  holdings: [h('binance', 'BTC', '0.3'), h('binance', 'USDC', '1000'), h('uniswap', 'ETH', '2'), h('uniswap', 'USDC', '3000'), h('cold', 'BTC', '1')],
  prices: new Map([['BTC', d('100000')], ['ETH', d('2500')], ['USDC', d('1')]]),
  venues: [
    venue('binance', 'cex', [market('BTC', 'USDC'), market('ETH', 'USDC')]),
    venue('uniswap', 'dex', [market('ETH', 'USDC', '0.003'), market('BTC', 'USDC', '0.003')]),
    venue('cold', 'wallet', [], false),
  ],
  cashAssets: ['USDC'],
  reserveValue: d(0),
  minTradeValue: d(100),
  preferDex: false,
  slippage: d('0.005'),
  useLimitOrders: true,
  currency: 'USD',
};

const summary = (plan: ReturnType<typeof planVenueTrades>) => plan.trades.map((t) => `${t.side} ${t.quantity.toFixed()} ${t.asset} on ${t.venue}${t.waitsFor ? ` after ${t.waitsFor}` : ''}`);

describe('planVenueTrades', () => {
  it('sells where the asset is held on a venue that can trade it, never from cold storage', () => {
    const plan = planVenueTrades({ ...BASE, intents: intents({ BTC: '-50000' }) });
    expect(summary(plan)).toEqual(['sell 0.3 BTC on binance']);
    expect(plan.diagnostics).toEqual([]);
  });

  it('funds a buy with the proceeds of a sell on the same venue, at its limit price plus fee', () => {
    const plan = planVenueTrades({ ...BASE, intents: intents({ BTC: '-10000', ETH: '10000' }) });
    expect(summary(plan)).toEqual(['sell 0.1 BTC on binance', 'buy 4 ETH on binance']);
    const [sell, buy] = plan.trades;
    expect(buy!.limitPrice!.toFixed()).toBe('2512.5');
    expect(sell!.limitPrice!.toFixed()).toBe('99500');
    // Worst case: 0.1 x 99,500 x 0.999 + 1,000 = 10,940.05 USDC; the buy costs at most 4 x 2512.5 x 1.001.
    expect(buy!.quantity.times(buy!.limitPrice!).times('1.001').lte(d('10940.05'))).toBe(true);
  });

  it('routes to the DEX only with prefer_dex', () => {
    expect(summary(planVenueTrades({ ...BASE, intents: intents({ ETH: '900' }) }))).toEqual(['buy 0.36 ETH on binance']);
    expect(summary(planVenueTrades({ ...BASE, preferDex: true, intents: intents({ ETH: '900' }) }))).toEqual(['buy 0.36 ETH on uniswap']);
  });

  it('splits a buy over venues that list the market when one has too little cash', () => {
    expect(summary(planVenueTrades({ ...BASE, intents: intents({ ETH: '2000' }) }))).toEqual(['buy 0.3976 ETH on binance', 'buy 0.4024 ETH on uniswap']);
  });

  it('proposes a manual transfer when the cash is on another venue, and the buy waits for it', () => {
    const plan = planVenueTrades({
      ...BASE,
      holdings: [h('binance', 'USDC', '50'), h('uniswap', 'USDC', '5000')],
      venues: [venue('binance', 'cex', [market('BTC', 'USDC')]), venue('uniswap', 'dex', [market('ETH', 'USDC', '0.003')])],
      intents: intents({ BTC: '3000' }),
    });
    expect(plan.transfers.map((t) => `${t.id}: ${t.amount.toFixed()} ${t.asset} ${t.from} -> ${t.to}`)).toEqual(['x1: 3018.015 USDC uniswap -> binance']);
    expect(summary(plan)).toEqual(['buy 0.03 BTC on binance after x1']);
  });

  it('never plans a buy its venue cannot fund, and says what is left out', () => {
    const plan = planVenueTrades({
      ...BASE,
      holdings: [h('binance', 'USDC', '1000'), h('mt5', 'USD', '9000')],
      venues: [venue('binance', 'cex', [market('BTC', 'USDC')]), venue('mt5', 'mt5', [market('SPY', 'USD')])],
      cashAssets: ['USDC', 'USD'],
      intents: intents({ BTC: '5000' }),
    });
    expect(summary(plan)).toEqual(['buy 0.0099 BTC on binance']);
    expect(plan.trades[0]!.quantity.times(plan.trades[0]!.limitPrice!).times('1.001').lte(1000)).toBe(true);
    expect(plan.diagnostics.map((x) => x.message)).toEqual([
      '$4,010.00 of the BTC buy is not planned: no venue listing BTC has the USDC for it, and no other venue holds spare USDC to move.',
    ]);
  });

  it('keeps the cash reserve', () => {
    const plan = planVenueTrades({ ...BASE, reserveValue: d('3500'), intents: intents({ ETH: '4000' }) });
    const spent = plan.trades.reduce((acc, t) => acc.plus(t.quantity.times(t.limitPrice!).times('1.001')), d(0));
    expect(spent.lte(500)).toBe(true);
  });

  it("drops a trade under min_trade_value or a venue's minimum, with the reason", () => {
    const plan = planVenueTrades({ ...BASE, intents: intents({ ETH: '99', BTC: '-40' }) });
    expect(plan.trades).toEqual([]);
    expect(plan.diagnostics.map((x) => x.message)).toEqual([
      'skipped: 0.0004 BTC ($40.00) below min_trade_value $100 (sell on Binance)',
      'skipped: 0.0396 ETH ($99.00) below min_trade_value $100 (buy on Binance)',
    ]);
    const tiny = planVenueTrades({ ...BASE, minTradeValue: d(0), venues: [venue('binance', 'cex', [market('ETH', 'USDC', '0.001', { minNotional: d('10') })])], intents: intents({ ETH: '8' }) });
    expect(tiny.diagnostics[0]!.message).toBe("skipped: 0.0032 ETH ($8.00) below Binance's minimum order value 10 USDC (buy on Binance)");
  });

  it('applies the plan: base and quote move, fees are paid', () => {
    const plan = planVenueTrades({ ...BASE, intents: intents({ BTC: '-10000' }) });
    const after = new Map(plan.holdingsAfter.map((x) => [`${x.venue}:${x.asset}`, x.quantity.toFixed()]));
    expect(after.get('binance:BTC')).toBe('0.2');
    expect(after.get('binance:USDC')).toBe('10990');
    expect(after.get('cold:BTC')).toBe('1');
  });
});
