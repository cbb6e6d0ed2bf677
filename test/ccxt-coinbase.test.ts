// The ccxt venue against a fake Coinbase Advanced Trade API on 127.0.0.1: the real ccxt coinbase
// class, pointed at it with base_url, signing each private call as a CDP key does (a JWT signed
// with ES256 that names the request), or as a legacy key (CB-ACCESS-* HMAC headers).
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VenueError } from '../src/errors.js';
import { clientOrderId } from '../src/execution-planner.js';
import { Decimal } from '../src/money.js';
import type { Venue } from '../src/ports.js';
import { ccxtVenue } from './fakes/ccxt-venue.js';
import { startFakeCoinbase } from './fakes/fake-coinbase.js';

const KEY = 'organizations/6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/apiKeys/0d9c8b7a-6f5e-4d3c-9b2a-1f0e9d8c7b6a';
const pem = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1', privateKeyEncoding: { type: 'sec1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;
const SECRET = pem();
const ENV = { COINBASE_API_KEY: KEY, COINBASE_SECRET: SECRET };
const BLOCK = { exchange: 'coinbase', credentials: { api_key: '${COINBASE_API_KEY}', secret: '${COINBASE_SECRET}' } };

let fake: Awaited<ReturnType<typeof startFakeCoinbase>>;
let venue: Venue;
beforeAll(async () => {
  fake = await startFakeCoinbase({ apiKey: KEY, secret: SECRET });
  venue = ccxtVenue({ ...BLOCK, base_url: fake.url }, ENV);
});
afterAll(() => fake.close());

const id = (leg: string) => clientOrderId('run-cb', leg, 'coinbase');
const plain = (value: unknown) => JSON.parse(JSON.stringify(value));
const usd = async (v: Venue = venue) => (await v.fetchBalances()).find((b) => b.asset === 'USD')?.free.toFixed();
const posted = () => fake.requests.filter((r) => r.method === 'POST' && r.path === '/api/v3/brokerage/orders').map((r) => JSON.parse(r.body));
const claims = (authorization: string) => JSON.parse(Buffer.from(authorization.split('.')[1]!, 'base64url').toString('utf8'));

describe('ccxt coinbase: reading the account with a CDP key', () => {
  it('reads available and held balances from the Advanced Trade accounts, signed with an ES256 JWT naming the request', async () => {
    expect(plain(await venue.fetchBalances())).toEqual([
      { asset: 'BTC', total: '0.6', free: '0.5' },
      { asset: 'USD', total: '20000', free: '20000' },
    ]);
    const request = fake.requests.find((r) => r.path === '/api/v3/brokerage/accounts')!;
    expect(request.headers.authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    expect(claims(request.headers.authorization!)).toMatchObject({ sub: KEY, iss: 'coinbase-cloud', uri: `GET ${fake.url}/api/v3/brokerage/accounts` });
    expect(fake.requests.some((r) => r.path.startsWith('/v2/'))).toBe(false); // not the Coinbase App API
  });

  it('turns products into market rules with the fee tier of the account; a product with trading disabled is left out', async () => {
    const markets = await venue.fetchMarkets();
    expect(markets.map((m) => m.symbol).sort()).toEqual(['BTC/USD', 'ETH/BTC', 'ETH/USD']);
    expect(plain(markets.find((m) => m.symbol === 'BTC/USD'))).toEqual({
      symbol: 'BTC/USD', base: 'BTC', quote: 'USD', amountStep: '0.00000001', priceStep: '0.01', minAmount: '0.00000001', minNotional: '1', takerFee: '0.004', makerFee: '0.0025',
    });
    expect(plain(markets.find((m) => m.symbol === 'ETH/BTC'))).toMatchObject({ priceStep: '0.00001', minAmount: '0.00022', minNotional: '0.00001' });
  });

  it('prices at the best bid/ask midpoint, dated by the book, not at the last trade the product list carries', async () => {
    const quotes = await venue.fetchPrices(['BTC', 'ETH', 'USD']);
    expect(quotes.map((q) => [q.asset, q.price.toFixed(), q.at.toISOString(), q.source])).toEqual([
      ['BTC', '60005', '2026-11-29T11:59:58.120Z', 'coinbase BTC/USD'],
      ['ETH', '3000.5', '2026-11-29T11:59:59.004Z', 'coinbase ETH/USD'],
    ]);
    const listed = fake.requests.filter((r) => r.path === '/api/v3/brokerage/market/products').at(-1)!;
    expect(listed.params.getAll('product_ids')).toEqual(['BTC-USD', 'ETH-USD']);
  });

  it('reads daily closes from candles (sent newest first), oldest first within the range', async () => {
    const points = await venue.fetchPriceHistory!('BTC', new Date('2026-11-27T00:00:00Z'), new Date('2026-11-29T00:00:00Z'));
    expect(points.map((p) => [p.at.toISOString().slice(0, 10), p.price.toFixed()])).toEqual([
      ['2026-11-27', '55700'],
      ['2026-11-28', '55800'],
      ['2026-11-29', '55900'],
    ]);
    expect(fake.requests.find((r) => r.path.endsWith('/candles'))!.params.get('granularity')).toBe('ONE_DAY');
  });
});

describe('ccxt coinbase: orders by client_order_id', () => {
  it('places a limit order with our client_order_id, finds it and cancels it', async () => {
    const clientId = id('rest-eth');
    const placed = await venue.placeOrder!({ clientOrderId: clientId, symbol: 'ETH/USD', side: 'buy', type: 'limit', quantity: new Decimal('1'), limitPrice: new Decimal('2500') });
    expect(placed).toMatchObject({ clientOrderId: clientId, venueOrderId: fake.orderId(clientId), status: 'open' });
    expect(posted().at(-1)).toMatchObject({ client_order_id: clientId, product_id: 'ETH-USD', side: 'BUY', order_configuration: { limit_limit_gtc: { base_size: '1', limit_price: '2500' } } });
    expect(await venue.fetchOrder!(clientId)).toMatchObject({ clientOrderId: clientId, status: 'open', venueOrderId: placed.venueOrderId });
    expect(await usd()).toBe('17500');
    expect(await venue.cancelOrder!(clientId)).toMatchObject({ clientOrderId: clientId, status: 'cancelled' });
    expect(await usd()).toBe('20000');
  });

  it('a market buy with a worst price goes as an IOC limit (sor_limit_ioc) and fills at the ask with its fee', async () => {
    const clientId = id('buy-btc');
    await venue.placeOrder!({ clientOrderId: clientId, symbol: 'BTC/USD', side: 'buy', type: 'market', quantity: new Decimal('0.01'), worstPrice: new Decimal('60300') });
    expect(posted().at(-1)!.order_configuration).toEqual({ sor_limit_ioc: { base_size: '0.01', limit_price: '60300' } });
    expect(plain(await venue.fetchOrder!(clientId))).toMatchObject({ status: 'filled', filled: '0.01', averagePrice: '60010', fee: '0.6001', feeAsset: 'USD' });
  });

  it('a market sale goes as market_market_ioc in base size and fills at the bid', async () => {
    const clientId = id('sell-btc');
    await venue.placeOrder!({ clientOrderId: clientId, symbol: 'BTC/USD', side: 'sell', type: 'market', quantity: new Decimal('0.1') });
    expect(posted().at(-1)!.order_configuration).toEqual({ market_market_ioc: { base_size: '0.1' } });
    expect(plain(await venue.fetchOrder!(clientId))).toMatchObject({ status: 'filled', filled: '0.1', averagePrice: '60000', fee: '6', feeAsset: 'USD' });
  });

  it('a reused client_order_id creates nothing: Coinbase answers with the order that has it, so a resend after a lost answer is safe', async () => {
    const clientId = id('resend');
    const order = { clientOrderId: clientId, symbol: 'ETH/USD', side: 'buy' as const, type: 'limit' as const, quantity: new Decimal('0.5'), limitPrice: new Decimal('2000') };
    const first = await venue.placeOrder!(order);
    const before = await usd();
    // Another process (a resumed run) sends the same order again under the same id.
    const again = await ccxtVenue({ ...BLOCK, base_url: fake.url }, ENV).placeOrder!(order);
    expect(again.venueOrderId).toBe(first.venueOrderId);
    expect([...fake.book.orders.keys()].filter((key) => key === clientId)).toHaveLength(1);
    expect(await usd()).toBe(before);
  });

  it('a client_order_id that names an order on another market or side is a duplicate, not that order', async () => {
    const clientId = id('clash');
    await venue.placeOrder!({ clientOrderId: clientId, symbol: 'ETH/USD', side: 'buy', type: 'limit', quantity: new Decimal('0.1'), limitPrice: new Decimal('2000') });
    const error = await venue.placeOrder!({ clientOrderId: clientId, symbol: 'BTC/USD', side: 'sell', type: 'limit', quantity: new Decimal('0.01'), limitPrice: new Decimal('70000') }).catch((e: unknown) => e);
    expect(error).toMatchObject({ failure: 'duplicate_order', retryable: false, clientOrderId: clientId });
  });

  it('INSUFFICIENT_FUND is refused, not retryable, with the exchange error as cause', async () => {
    const error = await venue.placeOrder!({ clientOrderId: id('too-big'), symbol: 'BTC/USD', side: 'buy', type: 'limit', quantity: new Decimal('5'), limitPrice: new Decimal('60000') }).catch((e: unknown) => e);
    expect(error).toMatchObject({ failure: 'rejected', retryable: false });
    expect((error as Error).message).toContain('insufficient funds');
    expect(((error as Error).cause as Error).name).toBe('InsufficientFunds');
  });

  it('HTTP 429 rate_limit_exceeded is a retryable rate limit, for orders and reads', async () => {
    fake.control.rateLimited = 1;
    await expect(venue.placeOrder!({ clientOrderId: id('limited'), symbol: 'BTC/USD', side: 'buy', type: 'limit', quantity: new Decimal('0.001'), limitPrice: new Decimal('40000') })).rejects.toMatchObject({ failure: 'rate_limit', retryable: true });
    fake.control.rateLimited = 1;
    await expect(venue.fetchBalances()).rejects.toMatchObject({ retryable: true });
  });

  it('an order this process did not place is not found without asking (Coinbase finds orders by its own id only)', async () => {
    const before = fake.requests.length;
    await expect(ccxtVenue({ ...BLOCK, base_url: fake.url }, ENV).fetchOrder!(id('never'))).rejects.toMatchObject({ failure: 'order_not_found' });
    expect(fake.requests.length).toBe(before);
  });

  it('refuses a client order id that is not a UUID before sending anything', async () => {
    const before = posted().length;
    await expect(venue.placeOrder!({ clientOrderId: 'kit-not-a-uuid', symbol: 'BTC/USD', side: 'buy', type: 'limit', quantity: new Decimal('0.001'), limitPrice: new Decimal('40000') })).rejects.toMatchObject({ failure: 'rejected' });
    expect(posted().length).toBe(before);
  });
});

describe('ccxt coinbase: other key forms, refusals and secrets', () => {
  it('a legacy key signs with CB-ACCESS-KEY, CB-ACCESS-TIMESTAMP and the HMAC-SHA256 CB-ACCESS-SIGN', async () => {
    const legacy = await startFakeCoinbase({ apiKey: 'Jx7uVq2LmN8pRs4T', secret: 'lEgAcYsEcReTfOrThEfAkEsErVeR0123' });
    try {
      const v = ccxtVenue({ ...BLOCK, base_url: legacy.url }, { COINBASE_API_KEY: 'Jx7uVq2LmN8pRs4T', COINBASE_SECRET: 'lEgAcYsEcReTfOrThEfAkEsErVeR0123' });
      expect(await usd(v)).toBe('20000');
      const request = legacy.requests.find((r) => r.path === '/api/v3/brokerage/accounts')!;
      expect(request.headers['cb-access-sign']).toMatch(/^[0-9a-f]{64}$/);
      const wrong = ccxtVenue({ ...BLOCK, base_url: legacy.url }, { COINBASE_API_KEY: 'Jx7uVq2LmN8pRs4T', COINBASE_SECRET: 'nOtThElEgAcYsEcReT99' });
      await expect(wrong.fetchBalances()).rejects.toMatchObject({ retryable: false });
    } finally {
      await legacy.close();
    }
  });

  it('an Ed25519 CDP key (64 bytes in base64) signs an EdDSA JWT', async () => {
    const ed = generateKeyPairSync('ed25519');
    const secret = Buffer.concat([ed.privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(16), ed.publicKey.export({ format: 'der', type: 'spki' }).subarray(12)]).toString('base64');
    const edFake = await startFakeCoinbase({ apiKey: '0d9c8b7a-6f5e-4d3c-9b2a-1f0e9d8c7b6a', secret });
    try {
      expect(await usd(ccxtVenue({ ...BLOCK, base_url: edFake.url }, { COINBASE_API_KEY: '0d9c8b7a-6f5e-4d3c-9b2a-1f0e9d8c7b6a', COINBASE_SECRET: secret }))).toBe('20000');
      expect(claims(edFake.requests.find((r) => r.path === '/api/v3/brokerage/accounts')!.headers.authorization!)).toMatchObject({ iss: 'cdp', uris: [`GET ${edFake.url}/api/v3/brokerage/accounts`] });
    } finally {
      await edFake.close();
    }
  });

  it("a PEM secret written with \\n escapes, as copied from Coinbase's key file into an env file, signs as well", async () => {
    const escaped = SECRET.replace(/\n/g, '\\n');
    expect(escaped).not.toContain('\n');
    expect(await usd(ccxtVenue({ ...BLOCK, base_url: fake.url }, { ...ENV, COINBASE_SECRET: escaped }))).toBe(await usd());
  });

  it('a JWT signed with another key is refused (401 Unauthorized), not retryable, and neither the key nor the token shows', async () => {
    const other = pem();
    const wrong = ccxtVenue({ ...BLOCK, base_url: fake.url }, { ...ENV, COINBASE_SECRET: other });
    const error = (await wrong.fetchBalances().catch((e: unknown) => e)) as VenueError;
    expect(error).toBeInstanceOf(VenueError);
    expect(error).toMatchObject({ retryable: false });
    expect(error.message).toContain('API key refused');
    const everything = `${error.message}\n${error.stack}\n${(error.cause as Error).message}\n${(error.cause as Error).stack}`;
    const body = (key: string) => key.split('\n').slice(1, -2).join('');
    expect(everything).not.toContain(body(other).slice(0, 24));
    expect(everything).not.toContain(body(SECRET).slice(0, 24));
    expect(everything).not.toMatch(/Bearer|eyJ[\w-]{10,}/);
  });
});
