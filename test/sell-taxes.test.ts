// The tax a plan's sales would realise: which lots, which term, at what rate.
import { describe, expect, it } from 'vitest';
import { Decimal } from '../src/money.js';
import { defaultRates, estimateSellTaxes, sellVenueOrder, washSaleWindows, type SellTaxInput } from '../src/tax-optimizer.js';
import type { OpenLot } from '../src/tax/types.js';

const d = (value: string | number) => new Decimal(value);
const NOW = new Date('2026-11-23T14:00:00Z');
function lot(lotId: string, acquired: string, quantity: string, cost: string, venue = 'binance', asset = 'BTC'): OpenLot {
  const at = new Date(`${acquired}T00:00:00Z`);
  return { lotId, asset, venue, acquiredAt: at, holdingStart: at, quantity: d(quantity), cost: d(cost) };
}
const LOTS = [lot('old-gain', '2024-02-10', '0.2', '8400'), lot('new-loss', '2026-01-15', '0.1', '10450'), lot('recent-gain', '2026-06-01', '0.1', '9000')];
const base: SellTaxInput = { jurisdiction: 'US', method: 'fifo', now: NOW, lots: LOTS, assetClass: () => 'crypto', rates: (c) => defaultRates('US', c) };
const sell = (quantity: string, venue = 'binance') => ({ id: 's', venue, asset: 'BTC', quantity: d(quantity), value: d(quantity).times(98000), feeValue: d(0) });
const summary = (input: SellTaxInput, quantity = '0.1') => {
  const tax = estimateSellTaxes([sell(quantity)], input).get('s')!;
  return { lots: tax.lots.map((u) => `${u.lotId}:${u.quantity.toFixed()}:${u.term}`), gain: tax.gain.toFixed(2), tax: tax.tax.toFixed(2) };
};

describe('estimateSellTaxes', () => {
  it('FIFO sells the oldest lot: a long-term gain at the long rate (US 15%)', () => {
    expect(summary(base)).toEqual({ lots: ['old-gain:0.1:long'], gain: '5600.00', tax: '840.00' });
  });

  it('HIFO sells the dearest lot: a short-term loss, a saving at the short rate (US 24%)', () => {
    expect(summary({ ...base, method: 'hifo' })).toEqual({ lots: ['new-loss:0.1:short'], gain: '-650.00', tax: '-156.00' });
  });

  it('specific identification picks the least tax per unit: the loss first, then the cheaper gain', () => {
    // A short-term gain of $8,000 a coin at 24% ($1,920) costs less than a long-term $56,000 at 15% ($8,400).
    expect(summary({ ...base, method: 'specific' }, '0.25')).toEqual({ lots: ['new-loss:0.1:short', 'recent-gain:0.1:short', 'old-gain:0.05:long'], gain: '2950.00', tax: '456.00' });
  });

  it('DE: crypto held over a year is exempt; securities are FIFO whatever the method', () => {
    expect(summary({ ...base, jurisdiction: 'DE', rates: (c) => defaultRates('DE', c) })).toEqual({ lots: ['old-gain:0.1:exempt'], gain: '5600.00', tax: '0.00' });
    const shares = summary({ ...base, jurisdiction: 'DE', method: 'hifo', assetClass: () => 'security', rates: (c) => defaultRates('DE', c) });
    expect(shares).toEqual({ lots: ['old-gain:0.1:short'], gain: '5600.00', tax: '1477.00' });
  });

  it('uses only lots on the selling venue, never one lot twice, and says what is not covered', () => {
    const taxes = estimateSellTaxes([{ ...sell('0.25'), id: 'a' }, { ...sell('0.2'), id: 'b' }, { ...sell('0.1', 'coinbase'), id: 'c' }], base);
    expect(taxes.get('a')!.lots.map((u) => `${u.lotId}:${u.quantity.toFixed()}`)).toEqual(['old-gain:0.2', 'new-loss:0.05']);
    expect(taxes.get('b')!.lots.map((u) => `${u.lotId}:${u.quantity.toFixed()}`)).toEqual(['new-loss:0.05', 'recent-gain:0.1']);
    expect(taxes.get('b')!.uncovered).toBe(true);
    expect(taxes.get('c')!.lots).toEqual([]);
  });
});

describe('washSaleWindows', () => {
  const now = new Date('2026-11-23T14:00:00Z');
  const at = (day: string) => new Date(`${day}T00:00:00Z`);
  const base = { now, days: 30, inScope: (asset: string) => asset !== 'BTC', identicalGroups: [['SPY', 'IVV']], disposals: [], buys: [], atLoss: new Set<string>() };

  it('blocks buying back (or a substantially identical asset) for 30 days after a loss sale, and says until when', () => {
    const { buys } = washSaleWindows({ ...base, disposals: [{ asset: 'SPY', date: at('2026-11-10'), gain: d(-50) }, { asset: 'VOO', date: at('2026-10-20'), gain: d(-10) }] });
    expect(Object.fromEntries(buys)).toEqual({
      SPY: 'SPY buy blocked until 2026-12-11: SPY was sold at a loss on 2026-11-10, and a purchase within 30 days would wash it.',
      IVV: 'IVV buy blocked until 2026-12-11: SPY was sold at a loss on 2026-11-10, and a purchase within 30 days would wash it.',
    });
  });

  it('blocks a loss sale for 30 days after a purchase; gains, out-of-scope assets and old buys are free', () => {
    const { sells } = washSaleWindows({ ...base, buys: [{ asset: 'SPY', date: at('2026-11-01') }, { asset: 'BTC', date: at('2026-11-20') }, { asset: 'QQQ', date: at('2026-09-01') }], atLoss: new Set(['SPY', 'BTC', 'QQQ']) });
    expect(Object.fromEntries(sells)).toEqual({ SPY: 'SPY sale blocked until 2026-12-02: it would realise a loss within 30 days of buying SPY on 2026-11-01 (a wash sale).' });
  });
});

describe('sellVenueOrder', () => {
  it('sells first where it costs the least tax: a loss before a long-term gain before a short-term gain', () => {
    const lots = [lot('g', '2024-01-01', '1', '50000', 'coinbase'), lot('l', '2026-03-01', '1', '120000', 'kraken'), lot('s', '2026-05-01', '1', '90000', 'binance')];
    const order = sellVenueOrder(lots, new Map([['BTC', d(98000)]]), { jurisdiction: 'US', method: 'fifo', now: NOW, assetClass: () => 'crypto', rates: (c) => defaultRates('US', c) });
    // kraken: -22,000 x 24%; binance: +8,000 x 24% = 1,920; coinbase: +48,000 x 15% = 7,200.
    expect(order.get('BTC')).toEqual(['kraken', 'binance', 'coinbase']);
  });

  it('the plan sells on the venue the tax order names, ahead of fees and kind', async () => {
    const { planVenueTrades } = await import('../src/execution-planner.js');
    const market = (base: string, fee: string) => ({ symbol: `${base}/USDC`, base, quote: 'USDC', amountStep: d('0.0001'), priceStep: d('0.01'), minAmount: d(0), minNotional: d(0), takerFee: d(fee), makerFee: d(fee) });
    const plan = planVenueTrades({
      intents: new Map([['BTC', { delta: d(-9800), reason: 'test' }]]),
      holdings: [{ venue: 'cheap', asset: 'BTC', quantity: d(1) }, { venue: 'taxwise', asset: 'BTC', quantity: d(1) }],
      prices: new Map([['BTC', d(98000)], ['USDC', d(1)]]),
      venues: [{ id: 'cheap', label: 'Cheap', kind: 'cex', tradable: true, markets: [market('BTC', '0.001')] }, { id: 'taxwise', label: 'Taxwise', kind: 'cex', tradable: true, markets: [market('BTC', '0.006')] }],
      cashAssets: ['USDC'],
      reserveValue: d(0),
      minTradeValue: d(10),
      preferDex: false,
      slippage: d('0.005'),
      useLimitOrders: true,
      currency: 'USD',
      sellVenueOrder: new Map([['BTC', ['taxwise', 'cheap']]]),
    });
    expect(plan.trades.map((t) => t.venue)).toEqual(['taxwise']);
  });
});

describe('estimateSellTaxes, France', () => {
  it('uses the whole-portfolio formula: cost = pool x price / portfolio value, and the pool shrinks', () => {
    // FR-CRYPTO-01: €16,000 of acquisitions, a €20,000 portfolio, a €2,000 sale: €1,600 of cost, €400 gain.
    const pool = { lotId: 'pool', asset: '*', venue: 'pool', acquiredAt: NOW, holdingStart: NOW, quantity: d(0), cost: d(16000) };
    const taxes = estimateSellTaxes(
      [{ id: 'a', venue: 'ex', asset: 'BTC', quantity: d('0.02'), value: d(2000), feeValue: d(0) }, { id: 'b', venue: 'ex', asset: 'ETH', quantity: d(1), value: d(2000), feeValue: d(0) }],
      { jurisdiction: 'FR', method: 'fifo', now: NOW, lots: [pool], assetClass: () => 'crypto', rates: (c) => defaultRates('FR', c), portfolioValue: d(20000) },
    );
    expect([taxes.get('a')!.cost.toFixed(), taxes.get('a')!.gain.toFixed(), taxes.get('a')!.tax.toFixed()]).toEqual(['1600', '400', '120']);
    // The next sale meets a €14,400 pool and an €18,000 portfolio.
    expect(taxes.get('b')!.cost.toFixed()).toBe('1600');
  });
});
