// The venues-check use-case over venues that answer, fail, hang or were never built: each is one
// row, a slow venue is cut at the per-venue timeout while the others are already in, and a
// missing credential names its variable.
import { describe, expect, it } from 'vitest';
import { unbuiltVenue } from '../src/adapters/unbuilt-venue.js';
import { venueSchema } from '../src/config/schema.js';
import { UsageError, VenueError } from '../src/errors.js';
import { Decimal } from '../src/money.js';
import type { MarketRules, Venue } from '../src/ports.js';
import { allAnswered, checkVenues } from '../src/rebalancer/venues-check.js';
import { renderVenuesCheck, venuesCheckJson } from '../src/cli/render-venues-check.js';
import { planVenueTrades } from '../src/execution-planner.js';

const ALL = { trade: true, limitOrders: true, marketOrders: true, withdraw: false, priceHistory: true };
const NONE = { trade: false, limitOrders: false, marketOrders: false, withdraw: false, priceHistory: false };
const market = (base: string): MarketRules => ({ symbol: `${base}/USDC`, base, quote: 'USDC', amountStep: new Decimal('0.0001'), priceStep: new Decimal('0.01'), minAmount: new Decimal(0), minNotional: new Decimal(0), takerFee: new Decimal(0), makerFee: new Decimal(0) });

function venue(id: string, over: Partial<Venue>): Venue {
  return { id, label: id, kind: 'cex', capabilities: NONE, fetchBalances: async () => [], fetchPrices: async () => [], fetchMarkets: async () => [], ...over };
}

const exchange = venue('exchange', {
  capabilities: ALL,
  fetchBalances: async () => [{ asset: 'BTC', total: new Decimal('0.6'), free: new Decimal('0.5') }, { asset: 'DUST', total: new Decimal(0), free: new Decimal(0) }],
  fetchMarkets: async () => [market('BTC')],
});
const ledger = venue('ledger', { kind: 'wallet', fetchBalances: async () => [{ asset: 'ETH', total: new Decimal('1.500000000000000001'), free: new Decimal('1.500000000000000001') }] });
const down = venue('down', { fetchBalances: async () => Promise.reject(new VenueError('down', 'fetch balances', 'HTTP request failed. (fetch failed)', true)) });
const hanging = venue('hanging', { fetchBalances: () => new Promise(() => undefined) });
const config = venueSchema.parse({ kind: 'cex', adapter: 'ccxt', exchange: 'binance' });
const unbuilt = unbuiltVenue('binance', config, new UsageError('Venue "binance": environment variable not set for credentials secret (${BINANCE_SECRET}).', { details: 'Set them in the environment.' }));

let clock = 0;
const deps = (venues: Venue[]) => ({ venues, neededAssets: ['BTC', 'ETH'], cashAssets: ['USDC'], timeoutMs: 50, elapsed: () => clock });

describe('venues check', () => {
  it('reports every venue: holdings, target markets of tradable ones, capabilities', async () => {
    const checks = await checkVenues(deps([exchange, ledger]));
    expect(allAnswered(checks)).toBe(true);
    const json = venuesCheckJson(checks);
    expect(json.venues.map((v) => [v.venue, v.answered, v.holdings, v.markets, v.capabilities?.trade])).toEqual([
      ['exchange', true, [{ asset: 'BTC', quantity: '0.6' }], { listed: ['BTC'], missing: ['ETH'] }, true],
      ['ledger', true, [{ asset: 'ETH', quantity: '1.500000000000000001' }], null, false],
    ]);
    const text = renderVenuesCheck(checks, { timeoutMs: 50 });
    expect(text).toContain('missing ETH');
    expect(text).toContain('read-only');
    expect(text).toContain('All 2 venues answered.');
  });

  it('a down venue, a hanging one and an unbuilt one are rows beside the others; the variable to set is named', async () => {
    const started = Date.now();
    const checks = await checkVenues(deps([exchange, down, hanging, unbuilt]));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(allAnswered(checks)).toBe(false);
    const byId = Object.fromEntries(checks.map((check) => [check.id, check]));
    expect(byId['exchange']?.answered).toBe(true);
    expect(byId['down']?.error).toContain('HTTP request failed');
    expect(byId['hanging']?.error).toBe('Venue "hanging" failed to fetch balances: no answer within 50 ms');
    expect(byId['binance']).toMatchObject({ answered: false, capabilities: undefined, missingEnv: ['BINANCE_SECRET'] });
    const text = renderVenuesCheck(checks, { timeoutMs: 50 });
    expect(text).toContain('Set BINANCE_SECRET in the environment');
    expect(text).toContain('1 of 4 venues answered');
  });

  it('checks only the venue named, and refuses a name the config does not have', async () => {
    expect((await checkVenues(deps([exchange, ledger]), 'ledger')).map((check) => check.id)).toEqual(['ledger']);
    await expect(checkVenues(deps([exchange, ledger]), 'kraken')).rejects.toThrow('No venue named "kraken"; the config has exchange, ledger.');
  });

  it('latency is the time to the balances answer', async () => {
    clock = 0;
    const slow = venue('slow', { fetchBalances: async () => { clock += 300; return []; } });
    expect((await checkVenues(deps([slow])))[0]?.latencyMs).toBe(300);
  });
});

describe('venues check: target markets by the quote the planner can pay in', () => {
  const pair = (base: string, quote: string): MarketRules => ({ ...market(base), symbol: `${base}/${quote}`, quote, minNotional: new Decimal(5), takerFee: new Decimal('0.001'), makerFee: new Decimal('0.001') });
  const holds = (entries: Record<string, string>) => async () => Object.entries(entries).map(([asset, total]) => ({ asset, total: new Decimal(total), free: new Decimal(total) }));
  const kraken = venue('kraken', { capabilities: ALL, fetchBalances: holds({ USDT: '5000', BTC: '0.01' }), fetchMarkets: async () => [pair('BTC', 'USDT'), pair('ETH', 'USDT'), pair('ETH', 'BTC'), pair('SOL', 'EUR')] });
  const check = (v: Venue, cashAssets: string[], neededAssets = ['BTC', 'ETH', 'SOL']) => checkVenues({ venues: [v], neededAssets, cashAssets, timeoutMs: 50, elapsed: () => 0 });

  it('a target is covered only by a market quoted in a cash asset; the text says why one is not', async () => {
    const checks = await check(kraken, ['USDT', 'USDC']);
    expect(renderVenuesCheck(checks, { timeoutMs: 50 })).toContain('BTC/USDT, ETH/USDT; missing SOL (only SOL/EUR, EUR is not a cash asset)');
    const [json] = venuesCheckJson(checks).venues;
    expect(json!.markets).toEqual({ listed: ['BTC', 'ETH'], missing: ['SOL'] });
    expect(json!.target_markets).toEqual([
      { asset: 'BTC', covered: true, markets: ['BTC/USDT'], unheld_quote: null, not_cash_quoted: [] },
      { asset: 'ETH', covered: true, markets: ['ETH/USDT'], unheld_quote: null, not_cash_quoted: ['ETH/BTC'] },
      { asset: 'SOL', covered: false, markets: [], unheld_quote: null, not_cash_quoted: ['SOL/EUR'] },
    ]);
    expect(renderVenuesCheck(await check(kraken, ['USDT', 'EUR']), { timeoutMs: 50 })).toContain('BTC/USDT, ETH/USDT, SOL/EUR (no EUR held here yet)');
  });

  it('shows first the market whose cash the venue holds; several non-cash quotes, or none at all, are named', async () => {
    const bitstamp = venue('bitstamp', { capabilities: ALL, fetchBalances: holds({ EUR: '100' }), fetchMarkets: async () => [pair('BTC', 'USD'), pair('BTC', 'EUR'), pair('ETH', 'BTC'), pair('ETH', 'GBP')] });
    const text = renderVenuesCheck(await check(bitstamp, ['USD', 'EUR']), { timeoutMs: 50 });
    expect(text).toContain('BTC/EUR; missing ETH (only ETH/BTC, ETH/GBP; BTC, GBP are not cash assets), SOL');
  });

  it('"covered" is where the execution planner buys: with the same markets and cash it buys BTC and ETH there, and no SOL', async () => {
    const [checked] = await check(kraken, ['USDT']);
    const markets = await kraken.fetchMarkets();
    const plan = planVenueTrades({
      intents: new Map(['BTC', 'ETH', 'SOL'].map((asset) => [asset, { delta: new Decimal(1000), reason: 'target' }])),
      holdings: checked!.holdings.map((h) => ({ venue: 'kraken', asset: h.asset, quantity: h.quantity })),
      prices: new Map([['BTC', new Decimal(100000)], ['ETH', new Decimal(3000)], ['SOL', new Decimal(200)], ['USDT', new Decimal(1)], ['EUR', new Decimal('1.1')]]),
      venues: [{ id: 'kraken', label: 'Kraken', kind: 'cex', tradable: true, markets }],
      cashAssets: ['USDT'], reserveValue: new Decimal(0), minTradeValue: new Decimal(10), preferDex: false, slippage: new Decimal('0.005'), useLimitOrders: true, currency: 'USD',
    });
    expect(plan.trades.filter((t) => t.side === 'buy').map((t) => t.market)).toEqual(['BTC/USDT', 'ETH/USDT']);
    expect(checked!.markets).toMatchObject({ listed: ['BTC', 'ETH'], missing: ['SOL'] });
  });
});

describe('the planner trades only in markets quoted in a cash asset', () => {
  const rules = (symbol: string): MarketRules => {
    const [base, quote] = symbol.split('/') as [string, string];
    return { ...market(base), symbol, quote };
  };
  it('spends no held EUR on SOL/EUR when EUR is not cash, and sells no ETH into ETH/BTC; it says why', () => {
    const plan = planVenueTrades({
      intents: new Map([
        ['SOL', { delta: new Decimal(1000), reason: 'target' }],
        ['ETH', { delta: new Decimal(-1000), reason: 'target' }],
      ]),
      holdings: [
        { venue: 'x', asset: 'EUR', quantity: new Decimal(5000) },
        { venue: 'x', asset: 'USDT', quantity: new Decimal(5000) },
        { venue: 'x', asset: 'ETH', quantity: new Decimal(2) },
      ],
      prices: new Map([['SOL', new Decimal(200)], ['ETH', new Decimal(3000)], ['BTC', new Decimal(100000)], ['USDT', new Decimal(1)], ['EUR', new Decimal('1.1')]]),
      venues: [{ id: 'x', label: 'X', kind: 'cex', tradable: true, markets: [rules('SOL/EUR'), rules('ETH/BTC')] }],
      cashAssets: ['USDT'], reserveValue: new Decimal(0), minTradeValue: new Decimal(10), preferDex: false, slippage: new Decimal('0.005'), useLimitOrders: true, currency: 'USD',
    });
    expect(plan.trades).toEqual([]);
    expect(plan.diagnostics.map((d) => d.message)).toContain('SOL cannot be bought: no tradable venue lists a market for it quoted in a cash asset (only SOL/EUR; the cash assets are USDT).');
  });
});
