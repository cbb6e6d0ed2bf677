// The ccxt venue against a fake Binance on 127.0.0.1: the real ccxt binance class, pointed at it
// with base_url, signing every private call with the keys from the environment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrderCallError, VenueError } from '../src/errors.js';
import { clientOrderId } from '../src/execution-planner.js';
import { Decimal } from '../src/money.js';
import type { Venue } from '../src/ports.js';
import { ccxtVenue } from './fakes/ccxt-venue.js';
import { startFakeBinance } from './fakes/fake-binance.js';

const KEY = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A';
const SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';
const ENV = { BINANCE_API_KEY: KEY, BINANCE_SECRET: SECRET };
const BLOCK = { exchange: 'binance', credentials: { api_key: '${BINANCE_API_KEY}', secret: '${BINANCE_SECRET}' } };

let fake: Awaited<ReturnType<typeof startFakeBinance>>;
let venue: Venue;
beforeAll(async () => {
  fake = await startFakeBinance({ apiKey: KEY, secret: SECRET });
  venue = ccxtVenue({ ...BLOCK, base_url: fake.url }, ENV, { prices: { USDT: '1' } });
});
afterAll(() => fake.close());

const id = (leg: string) => clientOrderId('run-1', leg, 'binance');
const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('ccxt binance: reading the account', () => {
  it('reads free and total balances from the signed account endpoint', async () => {
    const balances = await venue.fetchBalances();
    expect(plain(balances)).toEqual([
      { asset: 'BTC', total: '0.6', free: '0.5' },
      { asset: 'USDT', total: '10000', free: '10000' },
    ]);
    const account = fake.requests.find((r) => r.path === '/api/v3/account')!;
    expect(account.headers['x-mbx-apikey']).toBe(KEY);
    expect(account.query).toMatch(/signature=[0-9a-f]{64}/);
  });

  it('turns exchangeInfo filters into market rules (tick size, lot size, min notional, fees), trading markets only', async () => {
    const markets = await venue.fetchMarkets();
    expect(markets.map((m) => m.symbol).sort()).toEqual(['BTC/USDT', 'ETH/BTC', 'ETH/USDT']);
    expect(plain(markets.find((m) => m.symbol === 'BTC/USDT'))).toEqual({
      symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', amountStep: '0.00001', priceStep: '0.01', minAmount: '0.00001', minNotional: '5', takerFee: '0.001', makerFee: '0.001',
    });
  });

  it('prices in the reporting currency from the bid/ask midpoint, USDT at the value the config gives it', async () => {
    const quotes = await venue.fetchPrices(['BTC', 'ETH', 'USDT', 'DOGE']);
    expect(quotes.map((q) => [q.asset, q.price.toFixed(), q.source])).toEqual([
      ['BTC', '60000', 'binance BTC/USDT'],
      ['ETH', '3000', 'binance ETH/USDT'],
    ]);
    const tickers = fake.requests.filter((r) => r.path === '/api/v3/ticker/24hr').at(-1)!;
    expect(JSON.parse(tickers.params.get('symbols')!)).toEqual(['BTCUSDT', 'ETHUSDT']);
  });

  it('does not count USDT as a dollar unless the config says so', async () => {
    const strict = ccxtVenue({ ...BLOCK, base_url: fake.url }, ENV);
    expect(await strict.fetchPrices(['BTC', 'ETH'])).toEqual([]);
    const usdtBooks = ccxtVenue({ ...BLOCK, base_url: fake.url }, ENV, { currency: 'USDT' });
    expect((await usdtBooks.fetchPrices(['BTC'])).map((q) => q.price.toFixed())).toEqual(['60000']);
  });

  it('reads daily closes from klines, oldest first, within the range', async () => {
    const points = await venue.fetchPriceHistory!('BTC', new Date('2026-10-03T00:00:00Z'), new Date('2026-10-05T12:00:00Z'));
    expect(points.map((p) => [p.at.toISOString().slice(0, 10), p.price.toFixed()])).toEqual([
      ['2026-10-03', '50200'],
      ['2026-10-04', '50300'],
      ['2026-10-05', '50400'],
    ]);
  });
});

describe('ccxt binance: orders by our client order id', () => {
  it('places a limit order with newClientOrderId, finds it and cancels it by that id', async () => {
    const clientId = id('rest-eth');
    const placed = await venue.placeOrder!({ clientOrderId: clientId, symbol: 'ETH/USDT', side: 'buy', type: 'limit', quantity: new Decimal('1'), limitPrice: new Decimal('2500') });
    expect(placed).toMatchObject({ clientOrderId: clientId, status: 'open' });
    const post = fake.requests.filter((r) => r.method === 'POST' && r.path === '/api/v3/order').at(-1)!;
    expect(new URLSearchParams(post.body).get('newClientOrderId') ?? post.params.get('newClientOrderId')).toBe(clientId);

    expect(await venue.fetchOrder!(clientId)).toMatchObject({ clientOrderId: clientId, status: 'open', venueOrderId: placed.venueOrderId });
    expect((await venue.fetchBalances()).find((b) => b.asset === 'USDT')?.free.toFixed()).toBe('7500');
    expect(await venue.cancelOrder!(clientId)).toMatchObject({ clientOrderId: clientId, status: 'cancelled' });
    expect((await venue.fetchBalances()).find((b) => b.asset === 'USDT')?.free.toFixed()).toBe('10000');
  });

  it('fills a market order with a worst price as an IOC limit at that price, with its fee', async () => {
    const clientId = id('buy-btc');
    const state = await venue.placeOrder!({ clientOrderId: clientId, symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: new Decimal('0.01'), worstPrice: new Decimal('60300') });
    expect(plain(state)).toMatchObject({ status: 'filled', filled: '0.01', averagePrice: '60000.01', fee: '0.6000001', feeAsset: 'USDT' });
    const sent = new URLSearchParams(fake.requests.filter((r) => r.method === 'POST').at(-1)!.body);
    expect([sent.get('type'), sent.get('timeInForce'), sent.get('price')]).toEqual(['LIMIT', 'IOC', '60300']);
  });

  it('finds an order placed by an earlier run on the configured markets', async () => {
    const clientId = id('earlier-run');
    await venue.placeOrder!({ clientOrderId: clientId, symbol: 'ETH/USDT', side: 'sell', type: 'limit', quantity: new Decimal('0'), limitPrice: new Decimal('9000') }).catch(() => undefined);
    const later = ccxtVenue({ ...BLOCK, base_url: fake.url, quote: 'USDT', markets: { ETH: {} } }, ENV, { prices: { USDT: '1' } });
    const fresh = id('by-another-process');
    await venue.placeOrder!({ clientOrderId: fresh, symbol: 'ETH/USDT', side: 'buy', type: 'limit', quantity: new Decimal('0.1'), limitPrice: new Decimal('2000') });
    expect(await later.fetchOrder!(fresh)).toMatchObject({ clientOrderId: fresh, status: 'open' });
    await expect(later.fetchOrder!(id('never-placed'))).rejects.toMatchObject({ failure: 'order_not_found', retryable: false });
  });

  it('refuses a reused client order id as a duplicate, not retryable', async () => {
    const clientId = id('dup');
    const order = { clientOrderId: clientId, symbol: 'BTC/USDT', side: 'buy' as const, type: 'limit' as const, quantity: new Decimal('0.001'), limitPrice: new Decimal('40000') };
    await venue.placeOrder!(order);
    const error = await venue.placeOrder!(order).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrderCallError);
    expect(error).toMatchObject({ failure: 'duplicate_order', retryable: false, outcomeUnknown: false, clientOrderId: clientId });
    expect((error as Error).cause).toBeInstanceOf(Error);
  });

  it('says insufficient funds, not retryable, with the exchange error as cause', async () => {
    const error = await venue.placeOrder!({ clientOrderId: id('too-big'), symbol: 'BTC/USDT', side: 'buy', type: 'limit', quantity: new Decimal('5'), limitPrice: new Decimal('60000') }).catch((e: unknown) => e);
    expect(error).toMatchObject({ failure: 'rejected', retryable: false });
    expect((error as Error).message).toContain('insufficient funds');
    expect((error as Error).message).toContain('Account has insufficient balance for requested action.');
    expect(((error as Error).cause as Error).name).toBe('InsufficientFunds');
  });

  it('refuses a client order id that breaks Binance rules before sending anything', async () => {
    const before = fake.requests.length;
    await expect(venue.placeOrder!({ clientOrderId: 'has spaces!', symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: new Decimal('0.001') })).rejects.toMatchObject({ failure: 'rejected' });
    expect(fake.requests.length).toBe(before);
  });

  it('maps a 429 to a retryable rate limit with the Retry-After the exchange sent', async () => {
    fake.control.rateLimited = 1;
    const error = await venue.placeOrder!({ clientOrderId: id('limited'), symbol: 'BTC/USDT', side: 'buy', type: 'limit', quantity: new Decimal('0.001'), limitPrice: new Decimal('40000') }).catch((e: unknown) => e);
    expect(error).toMatchObject({ failure: 'rate_limit', retryable: true, retryAfterMs: 7000 });
    fake.control.rateLimited = 1;
    await expect(venue.fetchBalances()).rejects.toMatchObject({ retryable: true });
  });
});

describe('ccxt binance: failures and secrets', () => {
  it('a wrong secret is an authentication failure, not retryable, and neither key nor signature shows', async () => {
    const wrong = ccxtVenue({ ...BLOCK, base_url: fake.url }, { ...ENV, BINANCE_SECRET: 'not-the-secret-value-123' });
    const error = (await wrong.fetchBalances().catch((e: unknown) => e)) as VenueError;
    expect(error).toBeInstanceOf(VenueError);
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('Signature for this request is not valid.');
    expect(JSON.stringify({ message: error.message, stack: error.stack, cause: String(error.cause), causeStack: (error.cause as Error).stack })).not.toMatch(/not-the-secret-value-123|signature=[0-9a-f]/);
  });

  it('an HTTP 500 echoing the request URL with its signature and the API key is scrubbed', async () => {
    fake.control.fail500 = true;
    try {
      const error = (await venue.fetchBalances().catch((e: unknown) => e)) as VenueError;
      expect(error).toBeInstanceOf(VenueError);
      const everything = `${error.message}\n${error.stack}\n${(error.cause as Error).message}\n${(error.cause as Error).stack}`;
      expect(everything).toContain('[redacted]');
      expect(everything).not.toContain(KEY);
      expect(everything).not.toContain(SECRET);
      expect(everything).not.toMatch(/signature=[0-9a-f]{8}/);
    } finally {
      fake.control.fail500 = false;
    }
  });

  it('a server that is not there is a retryable network failure', async () => {
    const down = ccxtVenue({ ...BLOCK, base_url: 'http://127.0.0.1:9' }, ENV);
    await expect(down.fetchBalances()).rejects.toMatchObject({ retryable: true });
  });

  it('a missing environment variable is named, with nothing sent', () => {
    expect(() => ccxtVenue({ ...BLOCK, base_url: fake.url }, { BINANCE_API_KEY: KEY })).toThrow('Venue "binance": environment variable not set for credentials secret (${BINANCE_SECRET}).');
    expect(() => ccxtVenue({ exchange: 'binance', base_url: fake.url }, ENV)).toThrow(/binance needs credentials api_key: \$\{\.\.\.\}, secret: \$\{\.\.\.\}/);
  });
});
