// The ccxt venue against a fake OKX on 127.0.0.1: the real ccxt okx class with a passphrase,
// orders addressed by clOrdId, OKX's own error codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientOrderId } from '../src/execution-planner.js';
import { Decimal } from '../src/money.js';
import type { Venue } from '../src/ports.js';
import { ccxtVenue } from './fakes/ccxt-venue.js';
import { startFakeOkx } from './fakes/fake-okx.js';

const KEY = '3f1c8a52-6d1e-4f0b-9a7c-2b5e8d4c1a90';
const SECRET = 'C0FFEE5EC12E7DEADBEEF0123456789A';
const PASSPHRASE = 'Correct-Horse-Battery-9';
const ENV = { OKX_API_KEY: KEY, OKX_SECRET: SECRET, OKX_PASSPHRASE: PASSPHRASE };
const BLOCK = { exchange: 'okx', credentials: { api_key: '${OKX_API_KEY}', secret: '${OKX_SECRET}', password: '${OKX_PASSPHRASE}' } };

let fake: Awaited<ReturnType<typeof startFakeOkx>>;
let venue: Venue;
beforeAll(async () => {
  fake = await startFakeOkx({ apiKey: KEY, secret: SECRET, passphrase: PASSPHRASE });
  venue = ccxtVenue({ ...BLOCK, base_url: fake.url }, ENV, { prices: { USDT: '1' } });
});
afterAll(() => fake.close());

const id = (leg: string) => clientOrderId('run-7', leg, 'okx');
const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('ccxt okx: reading the account', () => {
  it('reads balances with the passphrase and a valid signature', async () => {
    expect(plain(await venue.fetchBalances())).toEqual([
      { asset: 'BTC', total: '0.25', free: '0.2' },
      { asset: 'USDT', total: '5000', free: '5000' },
    ]);
  });

  it('turns instruments into market rules; OKX publishes no minimum notional', async () => {
    expect(plain((await venue.fetchMarkets()).find((m) => m.symbol === 'BTC/USDT'))).toEqual({
      symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', amountStep: '0.00000001', priceStep: '0.1', minAmount: '0.00001', minNotional: '0', takerFee: '0.0015', makerFee: '0.001',
    });
  });

  it('prices from tickers at the bid/ask midpoint; a USDC holding is priced by its own USDC/USDT market', async () => {
    const quotes = await venue.fetchPrices(['BTC', 'USDC']);
    expect(quotes.map((q) => [q.asset, q.price.toFixed(), q.at.toISOString()])).toEqual([
      ['BTC', '60010', '2025-11-29T07:06:40.000Z'],
      ['USDC', '0.9998', '2025-11-29T07:06:40.000Z'],
    ]);
  });

  it('reads daily candles', async () => {
    const points = await venue.fetchPriceHistory!('BTC', new Date('2026-11-27T00:00:00Z'), new Date('2026-11-29T00:00:00Z'));
    expect(points.map((p) => [p.at.toISOString().slice(0, 10), p.price.toFixed()])).toEqual([
      ['2026-11-27', '55700'],
      ['2026-11-28', '55800'],
      ['2026-11-29', '55900'],
    ]);
  });
});

describe('ccxt okx: orders by clOrdId', () => {
  it('places, looks up and cancels by clOrdId; the cancel answer is followed by a lookup for the state', async () => {
    const clientId = id('rest-btc');
    const placed = await venue.placeOrder!({ clientOrderId: clientId, symbol: 'BTC/USDT', side: 'buy', type: 'limit', quantity: new Decimal('0.01'), limitPrice: new Decimal('50000') });
    expect(placed).toMatchObject({ clientOrderId: clientId, status: 'open' });
    const sent = fake.requests.filter((r) => r.method === 'POST').at(-1)!;
    expect(JSON.stringify(JSON.parse(sent.body))).toContain(`"clOrdId":"${clientId}"`);
    expect(await venue.fetchOrder!(clientId)).toMatchObject({ status: 'open', venueOrderId: placed.venueOrderId });
    expect(await venue.cancelOrder!(clientId)).toMatchObject({ clientOrderId: clientId, status: 'cancelled' });
  });

  it('a filled market sale reports its fill, average price and fee', async () => {
    const clientId = id('sell-btc');
    await venue.placeOrder!({ clientOrderId: clientId, symbol: 'BTC/USDT', side: 'sell', type: 'market', quantity: new Decimal('0.1') });
    expect(plain(await venue.fetchOrder!(clientId))).toMatchObject({ status: 'filled', filled: '0.1', averagePrice: '60009.9', fee: '6.00099', feeAsset: 'USDT' });
  });

  it('a duplicated clOrdId (51016) is a duplicate order; insufficient balance (51008) is refused', async () => {
    const clientId = id('dup');
    const order = { clientOrderId: clientId, symbol: 'BTC/USDT', side: 'buy' as const, type: 'limit' as const, quantity: new Decimal('0.001'), limitPrice: new Decimal('40000') };
    await venue.placeOrder!(order);
    await expect(venue.placeOrder!(order)).rejects.toMatchObject({ failure: 'duplicate_order', retryable: false });
    const broke = (await venue.placeOrder!({ ...order, clientOrderId: id('broke'), quantity: new Decimal('10') }).catch((e: unknown) => e)) as Error;
    expect(broke).toMatchObject({ failure: 'rejected', retryable: false });
    expect(broke.message).toContain('insufficient funds');
  });

  it('an unknown clOrdId (51603) is order_not_found', async () => {
    await expect(venue.fetchOrder!(id('never'))).rejects.toMatchObject({ failure: 'order_not_found' });
  });

  it('HTTP 429 with code 50011 is a retryable rate limit', async () => {
    fake.control.rateLimited = 1;
    await expect(venue.placeOrder!({ clientOrderId: id('limited'), symbol: 'BTC/USDT', side: 'buy', type: 'limit', quantity: new Decimal('0.001'), limitPrice: new Decimal('40000') })).rejects.toMatchObject({ failure: 'rate_limit', retryable: true });
  });

  it('a wrong passphrase is refused, not retryable, and the passphrase never shows', async () => {
    const wrong = ccxtVenue({ ...BLOCK, base_url: fake.url }, { ...ENV, OKX_PASSPHRASE: 'Wrong-Passphrase-42' });
    const error = (await wrong.fetchBalances().catch((e: unknown) => e)) as Error;
    expect(error).toMatchObject({ retryable: false });
    expect(error.message).toContain('Passphrase incorrect');
    expect(`${error.message}${error.stack}${(error.cause as Error).stack}`).not.toMatch(/Wrong-Passphrase-42|C0FFEE5EC12E7DEADBEEF0123456789A/);
  });
});
