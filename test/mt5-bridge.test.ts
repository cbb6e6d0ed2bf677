// The MT5 adapter against a fake bridge on 127.0.0.1 (docs/mt5-bridge.md): CFD holdings in units,
// lot rules as market rules, orders by our client id in the comment, and the bridge's errors mapped.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMt5VenueWith } from '../src/adapters/mt5/create-mt5-venue.js';
import { venueSchema } from '../src/config/schema.js';
import { clientOrderId } from '../src/execution-planner.js';
import { Decimal } from '../src/money.js';
import type { Logger, OrderRequest, Venue, VenueDeps } from '../src/ports.js';
import { startFakeMt5Bridge } from './fakes/mt5-bridge.js';

const TOKEN = 'mt5-bridge-7f3a9c1e5b2d4f60a8e6';
const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };

function mt5Venue(baseUrl: string, env: Record<string, string> = { MT5_BRIDGE_TOKEN: TOKEN }, timeoutMs?: number): Venue {
  const config = venueSchema.parse({ kind: 'mt5', adapter: 'mt5', base_url: baseUrl, credentials: { token: '${MT5_BRIDGE_TOKEN}' }, symbols: { SPY: 'SPY.US', QQQ: 'QQQ.US' } });
  const deps: VenueDeps = { clock: { now: () => new Date('2026-11-29T12:00:00Z') }, ledger: {} as VenueDeps['ledger'], env, logger: quiet, currency: 'USD', prices: {}, priceHistory: {} };
  return createMt5VenueWith('mt5', config, deps, timeoutMs ? { timeoutMs } : {});
}

let fake: Awaited<ReturnType<typeof startFakeMt5Bridge>>;
let venue: Venue;
beforeAll(async () => {
  fake = await startFakeMt5Bridge({ token: TOKEN });
  venue = mt5Venue(fake.url);
});
afterAll(() => fake.close());

const id = (leg: string) => clientOrderId('run-mt5', leg, 'default');
const plain = (value: unknown) => JSON.parse(JSON.stringify(value));
const order = (leg: string, extra: Partial<OrderRequest> = {}): OrderRequest => ({ clientOrderId: id(leg), symbol: 'SPY/USD', side: 'buy', type: 'limit', quantity: new Decimal('5'), limitPrice: new Decimal('590'), ...extra });

describe('mt5: reading the account', () => {
  it('counts a CFD position in units (1.5 lots x 10 = 15 SPY) and cash as equity less the positions, with the bearer token', async () => {
    expect(plain(await venue.fetchBalances())).toEqual([
      { asset: 'USD', total: '11000', free: '11000' },
      { asset: 'SPY', total: '15', free: '15' },
    ]);
    expect(fake.requests.find((r) => r.path === '/account')!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('prices at the bid/ask midpoint with the quote time; a symbol priced in another currency is left out', async () => {
    const quotes = await venue.fetchPrices(['SPY', 'QQQ', 'DAX40', 'BTC', 'USD']);
    expect(quotes.map((q) => [q.asset, q.price.toFixed(), q.at.toISOString(), q.source])).toEqual([
      ['SPY', '600', '2026-11-29T11:59:58.000Z', 'mt5 SPY.US'],
      ['QQQ', '500', '2026-11-29T11:59:58.000Z', 'mt5 QQQ.US'],
    ]);
  });

  it('turns lot rules into unit rules: step 0.1 lot x 10 = 1 SPY, minimum 0.1 lot = 1 SPY', async () => {
    const markets = await venue.fetchMarkets();
    expect(plain(markets.find((m) => m.symbol === 'SPY/USD'))).toEqual({
      symbol: 'SPY/USD', base: 'SPY', quote: 'USD', amountStep: '1', priceStep: '0.01', minAmount: '1', minNotional: '0', takerFee: '0.001', makerFee: '0.001',
    });
    expect(markets.map((m) => m.symbol)).toEqual(['QQQ/USD', 'SPY/USD']);
  });
});

describe('mt5: orders sized in lots, addressed by the comment', () => {
  it('places 5 SPY as 0.5 lot with our id in the comment, finds it by comment from a fresh process, and cancels it', async () => {
    const placed = await venue.placeOrder!(order('rest-spy'));
    expect(placed).toMatchObject({ clientOrderId: id('rest-spy'), status: 'open' });
    const sent = JSON.parse(fake.requests.filter((r) => r.method === 'POST').at(-1)!.body);
    expect(sent).toEqual({ symbol: 'SPY.US', side: 'buy', type: 'limit', volume: '0.5', price: '590.00', comment: id('rest-spy').slice(0, 31) });
    const fresh = mt5Venue(fake.url);
    expect(await fresh.fetchOrder!(id('rest-spy'))).toMatchObject({ venueOrderId: placed.venueOrderId, status: 'open' });
    expect(fake.requests.filter((r) => r.path === '/orders' && r.method === 'GET').at(-1)!.query).toBe(`comment=${id('rest-spy').slice(0, 31)}`);
    expect(await fresh.cancelOrder!(id('rest-spy'))).toMatchObject({ status: 'cancelled', venueOrderId: placed.venueOrderId });
  });

  it('a guarded market sale is sent at the bid with a deviation in points that stops at the worst price; the fill is in units', async () => {
    const filled = await venue.placeOrder!(order('sell-spy', { side: 'sell', type: 'market', quantity: new Decimal('3'), worstPrice: new Decimal('599.00') }));
    expect(JSON.parse(fake.requests.filter((r) => r.method === 'POST').at(-1)!.body)).toMatchObject({ volume: '0.3', price: '599.90', deviation: 90 });
    expect(plain(filled)).toMatchObject({ status: 'filled', filled: '3', averagePrice: '599.9', fee: '1.5', feeAsset: 'USD' });
  });

  it('a limit already through the market goes as a deal bounded by the limit, since MT5 refuses such a pending limit; one below the ask rests', async () => {
    const filled = await venue.placeOrder!(order('cross-spy', { limitPrice: new Decimal('603.009'), worstPrice: new Decimal('604') }));
    expect(JSON.parse(fake.requests.filter((r) => r.method === 'POST').at(-1)!.body)).toMatchObject({ type: 'market', volume: '0.5', price: '600.10', deviation: 290 });
    expect(plain(filled)).toMatchObject({ status: 'filled', filled: '5', averagePrice: '600.1' });
    const sold = await venue.placeOrder!(order('cross-sell', { side: 'sell', quantity: new Decimal('2'), limitPrice: new Decimal('597') }));
    expect(JSON.parse(fake.requests.filter((r) => r.method === 'POST').at(-1)!.body)).toMatchObject({ type: 'market', price: '599.90', deviation: 290 });
    expect(sold.status).toBe('filled');
    // Rounded to the symbol's digits toward the safe side: a buy limit down, never above what was asked.
    await venue.placeOrder!(order('rest-low', { limitPrice: new Decimal('599.999') }));
    expect(JSON.parse(fake.requests.filter((r) => r.method === 'POST').at(-1)!.body)).toMatchObject({ type: 'limit', price: '599.99' });
  });

  it('refuses an amount that is not a whole number of lot steps before sending anything', async () => {
    const before = fake.requests.length;
    const error = await venue.placeOrder!(order('odd', { quantity: new Decimal('0.86') })).catch((e: unknown) => e);
    expect(error).toMatchObject({ failure: 'rejected', retryable: false });
    expect((error as Error).message).toContain('0.86 SPY is not a whole number of lot steps (0.1 lot = 1 SPY)');
    expect(fake.requests.slice(before).some((r) => r.method === 'POST')).toBe(false);
  });

  it('a reused client id is refused by the bridge as a duplicate order', async () => {
    await venue.placeOrder!(order('dup'));
    await expect(venue.placeOrder!(order('dup'))).rejects.toMatchObject({ failure: 'duplicate_order', retryable: false });
  });

  it('an unknown client id is order_not_found', async () => {
    await expect(venue.fetchOrder!(id('never'))).rejects.toMatchObject({ failure: 'order_not_found' });
  });
});

describe('mt5: errors', () => {
  it('no money, invalid volume and a closed market are refused, not retryable', async () => {
    const broke = await venue.placeOrder!(order('broke', { quantity: new Decimal('2000') })).catch((e: unknown) => e);
    expect(broke).toMatchObject({ failure: 'rejected', retryable: false });
    expect((broke as Error).message).toContain('not enough money (free margin) for this order');
    expect((broke as Error).message).toContain('retcode 10019');
    fake.control.marketClosed = true;
    const closed = await venue.placeOrder!(order('closed')).catch((e: unknown) => e);
    fake.control.marketClosed = false;
    expect(closed).toMatchObject({ failure: 'rejected', retryable: false });
    expect((closed as Error).message).toContain('the market is closed');
  });

  it('429 is a retryable rate limit with the Retry-After; a 5xx is retryable and the order must be looked up', async () => {
    fake.control.rateLimited = 1;
    await expect(venue.placeOrder!(order('limited'))).rejects.toMatchObject({ failure: 'rate_limit', retryable: true, retryAfterMs: 2000 });
    fake.control.failing = 1;
    await expect(venue.placeOrder!(order('down'))).rejects.toMatchObject({ failure: 'network', retryable: true, outcomeUnknown: true });
    fake.control.failing = 1;
    await expect(venue.fetchBalances()).rejects.toMatchObject({ retryable: true });
  });

  it('an answer outside the protocol is an unknown outcome, not a success', async () => {
    fake.control.garbled = true;
    const error = await venue.placeOrder!(order('garbled')).catch((e: unknown) => e);
    fake.control.garbled = false;
    expect(error).toMatchObject({ failure: 'unknown_outcome', retryable: false, outcomeUnknown: true });
  });

  it('a bridge that does not answer in time is a retryable timeout whose outcome is unknown', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const slow = mt5Venue(`http://127.0.0.1:${(silent.address() as AddressInfo).port}`, undefined, 150);
    await expect(slow.placeOrder!(order('slow'))).rejects.toMatchObject({ failure: 'timeout', retryable: true, outcomeUnknown: true });
    silent.closeAllConnections();
    silent.close();
  });

  it('a wrong token is refused, not retryable, and no token shows in the message, the stack or the cause', async () => {
    const wrong = mt5Venue(fake.url, { MT5_BRIDGE_TOKEN: 'wrong-token-5e1d9a77c3' });
    const error = (await wrong.fetchBalances().catch((e: unknown) => e)) as Error;
    expect(error).toMatchObject({ retryable: false });
    expect(error.message).toContain('the bridge refused the token');
    expect(`${error.message}${error.stack}${(error.cause as Error).message}${(error.cause as Error).stack}`).not.toMatch(/wrong-token-5e1d9a77c3|mt5-bridge-7f3a9c1e5b2d4f60a8e6/);
  });

  it('a venue without a token credential says what to write', () => {
    const config = venueSchema.parse({ kind: 'mt5', adapter: 'mt5' });
    expect(() => createMt5VenueWith('mt5', config, { env: {} } as unknown as VenueDeps)).toThrow('adapter mt5 needs the bridge token as credentials: {token: ${MT5_BRIDGE_TOKEN}}');
  });
});
