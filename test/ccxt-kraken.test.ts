// The ccxt venue against a fake Kraken on 127.0.0.1: the real ccxt kraken class, pointed at it with
// base_url, signing form posts with API-Sign; orders tagged with cl_ord_id; Kraken's "EOrder:..."
// errors mapped. ccxt paces Kraken's private calls in a 10 s window, so each test builds its own
// venue (its own client and pacing) and stays within that budget.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrderCallError, VenueError } from '../src/errors.js';
import { clientOrderId } from '../src/execution-planner.js';
import { Decimal } from '../src/money.js';
import type { OrderRequest } from '../src/ports.js';
import { ccxtVenue } from './fakes/ccxt-venue.js';
import { startFakeKraken } from './fakes/fake-kraken.js';

const KEY = 'kQ3vT8mZ2pLx7RcN5wYb9HdF4sJg6AeU1oIi0KtMzEyWqXrVnBuCl';
const SECRET = Buffer.from('kraken-private-key-for-the-fake-server-only-0123456789abcdefghij').toString('base64');
const ENV = { KRAKEN_API_KEY: KEY, KRAKEN_SECRET: SECRET };
const BLOCK = { exchange: 'kraken', credentials: { api_key: '${KRAKEN_API_KEY}', secret: '${KRAKEN_SECRET}' } };

let fake: Awaited<ReturnType<typeof startFakeKraken>>;
beforeAll(async () => {
  fake = await startFakeKraken({ apiKey: KEY, secret: SECRET });
});
afterAll(() => fake.close());

const kraken = (env: Record<string, string> = ENV) => ccxtVenue({ ...BLOCK, base_url: fake.url }, env);
const id = (leg: string) => clientOrderId('run-k', leg, 'kraken');
const plain = (value: unknown) => JSON.parse(JSON.stringify(value));
const limitBuy = (leg: string, extra: Partial<OrderRequest> = {}): OrderRequest => ({ clientOrderId: id(leg), symbol: 'BTC/USD', side: 'buy', type: 'limit', quantity: new Decimal('0.01'), limitPrice: new Decimal('50000'), ...extra });
const lastPost = (path: string) => new URLSearchParams(fake.requests.filter((r) => r.method === 'POST' && r.path === path).at(-1)!.body);

describe('ccxt kraken: reading the account', () => {
  it('reads BalanceEx under Kraken asset ids (XXBT, ZUSD) as BTC and USD; free is balance less hold_trade; the post is signed', async () => {
    expect(plain(await kraken().fetchBalances())).toEqual([
      { asset: 'BTC', total: '0.25', free: '0.2' },
      { asset: 'USD', total: '5000', free: '5000' },
    ]);
    const call = fake.requests.find((r) => r.path === '/0/private/BalanceEx')!;
    expect(call.headers['api-key']).toBe(KEY);
    expect(call.headers['api-sign']).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    expect(call.body).toMatch(/^nonce=\d+$/);
  });

  it('turns AssetPairs into market rules (lot and pair decimals, ordermin, costmin, first fee tier); a delisted pair is left out', async () => {
    const markets = await kraken().fetchMarkets();
    expect(markets.map((m) => m.symbol)).toEqual(['BTC/USD', 'ETH/USD', 'ETH/BTC']);
    expect(plain(markets[0])).toEqual({ symbol: 'BTC/USD', base: 'BTC', quote: 'USD', amountStep: '0.00000001', priceStep: '0.1', minAmount: '0.00005', minNotional: '0.5', takerFee: '0.004', makerFee: '0.0025' });
  });

  it('prices from the Ticker bid/ask midpoint, and daily closes from OHLC', async () => {
    const venue = kraken();
    expect((await venue.fetchPrices(['BTC', 'ETH'])).map((q) => [q.asset, q.price.toFixed(), q.source])).toEqual([
      ['BTC', '60000.5', 'kraken BTC/USD'],
      ['ETH', '3000', 'kraken ETH/USD'],
    ]);
    const points = await venue.fetchPriceHistory!('BTC', new Date('2026-10-03T00:00:00Z'), new Date('2026-10-05T12:00:00Z'));
    expect(points.map((p) => [p.at.toISOString().slice(0, 10), p.price.toFixed()])).toEqual([
      ['2026-10-03', '50200'],
      ['2026-10-04', '50300'],
      ['2026-10-05', '50400'],
    ]);
    expect(fake.requests.find((r) => r.path === '/0/public/OHLC')!.params.get('interval')).toBe('1440');
  });
});

describe('ccxt kraken: orders by cl_ord_id', () => {
  it('places a limit order tagged with cl_ord_id (a UUID, one of the forms Kraken takes), looks it up by txid and cancels it by cl_ord_id', async () => {
    const venue = kraken();
    const clientId = id('rest-btc');
    const placed = await venue.placeOrder!(limitBuy('rest-btc'));
    expect(placed).toMatchObject({ clientOrderId: clientId, status: 'open', venueOrderId: expect.stringMatching(/^O[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{6}$/) });
    expect(Object.fromEntries(lastPost('/0/private/AddOrder'))).toMatchObject({ pair: 'XXBTZUSD', type: 'buy', ordertype: 'limit', volume: '0.01', price: '50000', cl_ord_id: clientId });
    expect(await venue.fetchOrder!(clientId)).toMatchObject({ status: 'open', venueOrderId: placed.venueOrderId });
    expect(Object.fromEntries(lastPost('/0/private/QueryOrders'))).toMatchObject({ txid: placed.venueOrderId, cl_ord_id: clientId });
    expect(await venue.cancelOrder!(clientId)).toMatchObject({ clientOrderId: clientId, status: 'cancelled' });
    expect(lastPost('/0/private/CancelOrder').get('cl_ord_id')).toBe(clientId);
  });

  it('a market sale fills with its fee in USD (oflags fciq); a guarded buy goes as a limit, timeinforce IOC', async () => {
    const venue = kraken();
    await venue.placeOrder!({ clientOrderId: id('sell-btc'), symbol: 'BTC/USD', side: 'sell', type: 'market', quantity: new Decimal('0.1') });
    expect(plain(await venue.fetchOrder!(id('sell-btc')))).toMatchObject({ status: 'filled', filled: '0.1', averagePrice: '60000', fee: '6', feeAsset: 'USD' });
    await venue.placeOrder!({ clientOrderId: id('buy-btc'), symbol: 'BTC/USD', side: 'buy', type: 'market', quantity: new Decimal('0.01'), worstPrice: new Decimal('60300') });
    expect(Object.fromEntries(lastPost('/0/private/AddOrder'))).toMatchObject({ ordertype: 'limit', timeinforce: 'IOC', price: '60300', volume: '0.01' });
    expect(plain(await venue.fetchOrder!(id('buy-btc')))).toMatchObject({ status: 'filled', filled: '0.01', averagePrice: '60001' });
  });

  it('a cl_ord_id reused while its order is open is a duplicate order, not retryable', async () => {
    const venue = kraken();
    await venue.placeOrder!(limitBuy('dup', { quantity: new Decimal('0.001') }));
    const error = await venue.placeOrder!(limitBuy('dup', { quantity: new Decimal('0.001') })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrderCallError);
    expect(error).toMatchObject({ failure: 'duplicate_order', retryable: false, clientOrderId: id('dup') });
    expect((error as Error).message).toContain('EOrder:Duplicate order');
  });

  it('"EOrder:Insufficient funds" is refused, not retryable, with ccxt InsufficientFunds as the cause', async () => {
    const error = (await kraken().placeOrder!(limitBuy('broke', { quantity: new Decimal('5') })).catch((e: unknown) => e)) as OrderCallError;
    expect(error).toMatchObject({ failure: 'rejected', retryable: false });
    expect(error.message).toContain('insufficient funds');
    expect((error.cause as Error).name).toBe('InsufficientFunds');
  });

  it('Kraken finds orders by txid only: an order this process did not place is order_not_found, asked of nobody; a bad id is refused before sending', async () => {
    const venue = kraken();
    const before = fake.requests.length;
    await expect(venue.fetchOrder!(id('elsewhere'))).rejects.toMatchObject({ failure: 'order_not_found', retryable: false });
    await expect(venue.placeOrder!(limitBuy('x', { clientOrderId: 'not-a-uuid' }))).rejects.toMatchObject({ failure: 'rejected' });
    expect(fake.requests.length).toBe(before);
  });

  it('"EAPI:Rate limit exceeded" is retryable', async () => {
    fake.control.rateLimited = 1;
    await expect(kraken().placeOrder!(limitBuy('limited', { quantity: new Decimal('0.001') }))).rejects.toMatchObject({ failure: 'rate_limit', retryable: true });
    fake.control.rateLimited = 1;
    await expect(kraken().fetchBalances()).rejects.toMatchObject({ retryable: true });
  });
});

describe('ccxt kraken: failures and secrets', () => {
  it('a wrong secret is "EAPI:Invalid signature", not retryable, and neither secret shows', async () => {
    const wrongSecret = Buffer.from('another-secret-that-is-not-the-right-one-for-this-account-00000').toString('base64');
    const error = (await kraken({ ...ENV, KRAKEN_SECRET: wrongSecret }).fetchBalances().catch((e: unknown) => e)) as VenueError;
    expect(error).toBeInstanceOf(VenueError);
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('EAPI:Invalid signature');
    const everything = `${error.message}\n${error.stack}\n${(error.cause as Error).message}\n${(error.cause as Error).stack}`;
    expect(everything.includes(wrongSecret) || everything.includes(SECRET) || everything.includes(KEY)).toBe(false);
  });

  it('an unknown key is "EAPI:Invalid key": an authentication failure, not retryable', async () => {
    const error = (await kraken({ ...ENV, KRAKEN_API_KEY: 'UnknownKrakenKey000' }).fetchBalances().catch((e: unknown) => e)) as VenueError;
    expect(error).toMatchObject({ retryable: false });
    expect(error.message).toContain('API key refused');
  });
});
