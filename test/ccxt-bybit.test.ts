// The ccxt venue against a fake Bybit v5 on 127.0.0.1: the real ccxt bybit class, pointed at it
// with base_url, signing with X-BAPI-SIGN; orders addressed by orderLinkId; Bybit's retCodes mapped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrderCallError, VenueError } from '../src/errors.js';
import { clientOrderId } from '../src/execution-planner.js';
import { Decimal } from '../src/money.js';
import type { OrderRequest, Venue } from '../src/ports.js';
import { ccxtVenue } from './fakes/ccxt-venue.js';
import { startFakeBybit } from './fakes/fake-bybit.js';

const KEY = 'XqB7nR2kLw9YtPz4Hc';
const SECRET = 'N8vQ3sTgWm5KeJd2Lh7RpYc4ZaUx6FbE9oIq';
const ENV = { BYBIT_API_KEY: KEY, BYBIT_SECRET: SECRET };
const BLOCK = { exchange: 'bybit', credentials: { api_key: '${BYBIT_API_KEY}', secret: '${BYBIT_SECRET}' } };

let fake: Awaited<ReturnType<typeof startFakeBybit>>;
let venue: Venue;
beforeAll(async () => {
  fake = await startFakeBybit({ apiKey: KEY, secret: SECRET });
  venue = ccxtVenue({ ...BLOCK, base_url: fake.url }, ENV, { prices: { USDT: '1' } });
});
afterAll(() => fake.close());

const id = (leg: string) => clientOrderId('run-b', leg, 'bybit');
const plain = (value: unknown) => JSON.parse(JSON.stringify(value));
const limitBuy = (leg: string, extra: Partial<OrderRequest> = {}): OrderRequest => ({ clientOrderId: id(leg), symbol: 'BTC/USDT', side: 'buy', type: 'limit', quantity: new Decimal('0.01'), limitPrice: new Decimal('50000'), ...extra });
const lastPost = (path: string) => JSON.parse(fake.requests.filter((r) => r.method === 'POST' && r.path === path).at(-1)!.body) as Record<string, string>;

describe('ccxt bybit: reading the account', () => {
  it('reads the unified account: total from walletBalance, free is total less locked; the call is signed', async () => {
    expect(plain(await venue.fetchBalances())).toEqual([
      { asset: 'BTC', total: '0.25', free: '0.2' },
      { asset: 'USDT', total: '5000', free: '5000' },
    ]);
    const call = fake.requests.find((r) => r.path === '/v5/account/wallet-balance')!;
    expect(call.query).toBe('accountType=UNIFIED');
    expect([call.headers['x-bapi-api-key'], call.headers['x-bapi-recv-window']]).toEqual([KEY, '5000']);
    expect(call.headers['x-bapi-sign']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('loads spot instruments only, without the account-type probes, and turns them into market rules', async () => {
    const markets = await venue.fetchMarkets();
    expect(markets.map((m) => m.symbol)).toEqual(['BTC/USDT', 'ETH/USDT', 'ETH/BTC']);
    expect(plain(markets[0])).toEqual({ symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', amountStep: '0.000001', priceStep: '0.01', minAmount: '0.000048', minNotional: '1', takerFee: '0.001', makerFee: '0.001' });
    const asked = fake.requests.filter((r) => r.path === '/v5/market/instruments-info').map((r) => r.query);
    expect(asked).toEqual(['category=spot']);
    expect(fake.requests.some((r) => r.path === '/v5/user/query-api' || r.path === '/v5/account/info')).toBe(false);
  });

  it('prices from spot tickers at the bid/ask midpoint', async () => {
    const quotes = await venue.fetchPrices(['BTC', 'ETH', 'LUNA']);
    expect(quotes.map((q) => [q.asset, q.price.toFixed(), q.source])).toEqual([
      ['BTC', '60001', 'bybit BTC/USDT'],
      ['ETH', '3000', 'bybit ETH/USDT'],
    ]);
  });

  it('reads daily closes from /v5/market/kline (newest first there), oldest first here', async () => {
    const points = await venue.fetchPriceHistory!('BTC', new Date('2026-10-03T00:00:00Z'), new Date('2026-10-05T12:00:00Z'));
    expect(points.map((p) => [p.at.toISOString().slice(0, 10), p.price.toFixed()])).toEqual([
      ['2026-10-03', '50200'],
      ['2026-10-04', '50300'],
      ['2026-10-05', '50400'],
    ]);
    expect(fake.requests.find((r) => r.path === '/v5/market/kline')!.params.get('interval')).toBe('D');
  });
});

describe('ccxt bybit: orders by orderLinkId', () => {
  it('places a limit order with orderLinkId (within 36 letters, digits, - and _), finds it and cancels it by that id', async () => {
    const clientId = id('rest-btc');
    expect(clientId).toMatch(/^[A-Za-z0-9_-]{1,36}$/);
    const placed = await venue.placeOrder!(limitBuy('rest-btc'));
    expect(placed).toMatchObject({ clientOrderId: clientId, status: 'open' });
    expect(lastPost('/v5/order/create')).toMatchObject({ category: 'spot', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Limit', qty: '0.01', price: '50000', orderLinkId: clientId });
    expect((await venue.fetchBalances()).find((b) => b.asset === 'USDT')?.free.toFixed()).toBe('4500');

    const fresh = ccxtVenue({ ...BLOCK, base_url: fake.url, quote: 'USDT' }, ENV);
    expect(await fresh.fetchOrder!(clientId)).toMatchObject({ status: 'open', venueOrderId: placed.venueOrderId, filled: new Decimal(0) });
    expect(fake.requests.filter((r) => r.path === '/v5/order/realtime').at(-1)!.params.get('orderLinkId')).toBe(clientId);
    expect(await venue.cancelOrder!(clientId)).toMatchObject({ clientOrderId: clientId, status: 'cancelled' });
    expect(lastPost('/v5/order/cancel')).toMatchObject({ category: 'spot', symbol: 'BTCUSDT', orderLinkId: clientId });
    expect((await venue.fetchBalances()).find((b) => b.asset === 'USDT')?.free.toFixed()).toBe('5000');
  });

  it('a market sale fills at the bid with its fee in USDT; a guarded buy goes as an IOC limit and pays its fee in BTC', async () => {
    await venue.placeOrder!({ clientOrderId: id('sell-btc'), symbol: 'BTC/USDT', side: 'sell', type: 'market', quantity: new Decimal('0.1') });
    expect(lastPost('/v5/order/create')).toMatchObject({ orderType: 'Market', marketUnit: 'baseCoin', qty: '0.1' });
    expect(plain(await venue.fetchOrder!(id('sell-btc')))).toMatchObject({ status: 'filled', filled: '0.1', averagePrice: '60000.5', fee: '6.00005', feeAsset: 'USDT' });

    await venue.placeOrder!({ clientOrderId: id('buy-btc'), symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: new Decimal('0.01'), worstPrice: new Decimal('60300') });
    expect(lastPost('/v5/order/create')).toMatchObject({ orderType: 'Limit', timeInForce: 'IOC', price: '60300', qty: '0.01' });
    expect(plain(await venue.fetchOrder!(id('buy-btc')))).toMatchObject({ status: 'filled', filled: '0.01', averagePrice: '60001.5', fee: '0.00001', feeAsset: 'BTC' });
    // A process that did not place it finds the filled order by orderLinkId alone.
    const fresh = ccxtVenue({ ...BLOCK, base_url: fake.url, quote: 'USDT', markets: { BTC: {} } }, ENV);
    expect(plain(await fresh.fetchOrder!(id('sell-btc')))).toMatchObject({ status: 'filled', filled: '0.1', fee: '6.00005', feeAsset: 'USDT' });
  });

  it('a reused orderLinkId (110072) is a duplicate order, not retryable', async () => {
    await venue.placeOrder!(limitBuy('dup', { quantity: new Decimal('0.001') }));
    const error = await venue.placeOrder!(limitBuy('dup', { quantity: new Decimal('0.001') })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrderCallError);
    expect(error).toMatchObject({ failure: 'duplicate_order', retryable: false, clientOrderId: id('dup') });
    expect((error as Error).message).toContain('OrderLinkedID is duplicate');
  });

  it('insufficient balance (170131) is refused, not retryable, with ccxt InsufficientFunds as the cause', async () => {
    const error = (await venue.placeOrder!(limitBuy('broke', { quantity: new Decimal('5') })).catch((e: unknown) => e)) as OrderCallError;
    expect(error).toMatchObject({ failure: 'rejected', retryable: false });
    expect(error.message).toContain('insufficient funds');
    expect(error.message).toContain('Insufficient balance.');
    expect((error.cause as Error).name).toBe('InsufficientFunds');
  });

  it('an unknown orderLinkId is order_not_found (ccxt alone would throw a TypeError); an id that breaks Bybit rules is refused before anything is sent', async () => {
    await expect(venue.fetchOrder!(id('never'))).rejects.toMatchObject({ failure: 'order_not_found', retryable: false });
    await expect(ccxtVenue({ ...BLOCK, base_url: fake.url, quote: 'USDT' }, ENV).cancelOrder!(id('never'))).rejects.toMatchObject({ failure: 'order_not_found' });
    const before = fake.requests.length;
    await expect(venue.placeOrder!(limitBuy('x', { clientOrderId: `kit-${'a'.repeat(33)}` }))).rejects.toMatchObject({ failure: 'rejected' });
    await expect(venue.placeOrder!(limitBuy('x', { clientOrderId: 'kit.order:1' }))).rejects.toMatchObject({ failure: 'rejected' });
    expect(fake.requests.length).toBe(before);
  });

  it("Bybit's rate limit (retCode 10006) is retryable, for orders and reads", async () => {
    fake.control.rateLimited = 1;
    await expect(venue.placeOrder!(limitBuy('limited', { quantity: new Decimal('0.001') }))).rejects.toMatchObject({ failure: 'rate_limit', retryable: true });
    fake.control.rateLimited = 1;
    await expect(venue.fetchBalances()).rejects.toMatchObject({ retryable: true });
  });
});

describe('ccxt bybit: failures and secrets', () => {
  it('a wrong secret is refused (10004), not retryable; the signed text Bybit echoes is scrubbed of the key', async () => {
    const wrong = ccxtVenue({ ...BLOCK, base_url: fake.url }, { ...ENV, BYBIT_SECRET: 'Wr0ng-Secret-Value-Bybit-77' });
    const error = (await wrong.fetchBalances().catch((e: unknown) => e)) as VenueError;
    expect(error).toBeInstanceOf(VenueError);
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('error sign!');
    expect(error.message).toContain('[redacted]');
    const everything = `${error.message}\n${error.stack}\n${(error.cause as Error).message}\n${(error.cause as Error).stack}`;
    expect(everything).not.toMatch(new RegExp(`${KEY}|Wr0ng-Secret-Value-Bybit-77|${SECRET}`));
  });

  it('an unknown key (10003) is an authentication failure, not retryable', async () => {
    const stranger = ccxtVenue({ ...BLOCK, base_url: fake.url }, { ...ENV, BYBIT_API_KEY: 'UnknownKey1234567' });
    const error = (await stranger.fetchBalances().catch((e: unknown) => e)) as VenueError;
    expect(error).toMatchObject({ retryable: false });
    expect(error.message).toContain('API key refused');
  });
});
