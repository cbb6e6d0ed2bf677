// The IBKR adapter against a fake Client Portal gateway on 127.0.0.1: the account's positions and
// cash, conids from the contract search, snapshots (with the first empty answer), orders by cOID
// through the what-if preview and the confirmation replies, and the gateway's errors mapped.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIbkrVenueWith } from '../src/adapters/ibkr/create-ibkr-venue.js';
import { venueSchema } from '../src/config/schema.js';
import { clientOrderId } from '../src/execution-planner.js';
import { parseJsonExact } from '../src/adapters/ibkr/exact-json.js';
import { tradesSchema } from '../src/adapters/ibkr/payloads.js';
import { Decimal } from '../src/money.js';
import type { Logger, OrderRequest, Venue, VenueDeps } from '../src/ports.js';
import { ACCOUNT, startFakeIbkrGateway } from './fakes/ibkr-gateway.js';

const warnings: string[] = [];
const logger: Logger = { debug() {}, info() {}, warn: (_data, message) => void warnings.push(String(message)), error() {} };

function ibkrVenue(baseUrl: string, block: Record<string, unknown> = {}, timeoutMs?: number): Venue {
  const config = venueSchema.parse({ kind: 'ibkr', adapter: 'ibkr', base_url: baseUrl, ...block });
  const deps: VenueDeps = { clock: { now: () => new Date('2026-11-29T12:00:00Z') }, ledger: {} as VenueDeps['ledger'], env: {}, logger, currency: 'USD', prices: {}, priceHistory: {}, sleep: async () => {} };
  return createIbkrVenueWith('ibkr', config, deps, timeoutMs ? { timeoutMs } : {});
}

let fake: Awaited<ReturnType<typeof startFakeIbkrGateway>>;
let venue: Venue;
beforeAll(async () => {
  fake = await startFakeIbkrGateway();
  venue = ibkrVenue(fake.url, { markets: { QQQ: {} } });
});
afterAll(() => fake.close());

const id = (leg: string) => clientOrderId('run-ibkr', leg, 'default');
const plain = (value: unknown) => JSON.parse(JSON.stringify(value));
const order = (leg: string, extra: Partial<OrderRequest> = {}): OrderRequest => ({ clientOrderId: id(leg), symbol: 'SPY/USD', side: 'buy', type: 'limit', quantity: new Decimal('2'), limitPrice: new Decimal('590'), ...extra });
const posts = (path: string) => fake.requests.filter((r) => r.method === 'POST' && r.path === `/v1/api${path}`);

describe('ibkr: reading the account', () => {
  it('reads positions and ledger cash of the only account, after tickling the session and asking /portfolio/accounts', async () => {
    expect(plain(await venue.fetchBalances())).toEqual([
      { asset: 'SPY', total: '12', free: '12' },
      { asset: 'USD', total: '2500.75', free: '2500.75' },
    ]);
    expect(fake.requests.slice(0, 2).map((r) => r.path)).toEqual(['/v1/api/tickle', '/v1/api/portfolio/accounts']);
  });

  it('prices from snapshot fields 84/86 (midpoint) or 31 without its "C" prefix, asking again while the first answer is empty', async () => {
    const quotes = await venue.fetchPrices(['SPY', 'QQQ', 'NOPE', 'USD']);
    expect(quotes.map((q) => [q.asset, q.price.toFixed(), q.at.toISOString(), q.source])).toEqual([
      ['SPY', '600', '2026-11-29T11:59:00.000Z', 'ibkr conid 756733'],
      ['QQQ', '500.1', '2026-11-29T11:59:00.000Z', 'ibkr conid 320227571'],
    ]);
    const snapshots = fake.requests.filter((r) => r.path.endsWith('/marketdata/snapshot'));
    expect(snapshots.map((r) => r.params.get('fields'))).toEqual(['31,84,86', '31,84,86']);
    expect(fake.requests.filter((r) => r.path.endsWith('/secdef/search')).map((r) => r.params.get('symbol'))).toEqual(['QQQ', 'NOPE']);
  });

  it('lists whole-share markets for held and configured assets', async () => {
    expect(plain(await venue.fetchMarkets())).toEqual([
      { symbol: 'QQQ/USD', base: 'QQQ', quote: 'USD', amountStep: '1', priceStep: '0.01', minAmount: '1', minNotional: '0', takerFee: '0.001', makerFee: '0.001' },
      { symbol: 'SPY/USD', base: 'SPY', quote: 'USD', amountStep: '1', priceStep: '0.01', minAmount: '1', minNotional: '0', takerFee: '0.001', makerFee: '0.001' },
    ]);
  });

  it("shares just bought show in the next balances: the gateway's positions cache is invalidated before each read", async () => {
    const gateway = await startFakeIbkrGateway();
    const fresh = ibkrVenue(gateway.url);
    expect((await fresh.fetchBalances()).find((b) => b.asset === 'SPY')?.total.toFixed()).toBe('12');
    await fresh.placeOrder!(order('cache-spy', { type: 'market', quantity: new Decimal('2'), worstPrice: new Decimal('601') }));
    expect((await fresh.fetchBalances()).find((b) => b.asset === 'SPY')?.total.toFixed()).toBe('14');
    expect(gateway.requests.filter((r) => r.method === 'POST' && r.path === `/v1/api/portfolio/${ACCOUNT}/positions/invalidate`)).toHaveLength(2);
    await gateway.close();
  });

  it('with several accounts, account_id picks one; without it the error lists them', async () => {
    const many = await startFakeIbkrGateway({ accounts: ['U1111111', ACCOUNT] });
    await expect(ibkrVenue(many.url).fetchBalances()).rejects.toThrow('the login sees several accounts (U1111111, U7654321); set account_id: to one of them');
    expect((await ibkrVenue(many.url, { account_id: ACCOUNT }).fetchBalances()).map((b) => b.asset)).toEqual(['SPY', 'USD']);
    await many.close();
  });
});

describe('ibkr: orders by cOID', () => {
  it('previews with what-if, places with cOID, confirms the question through /iserver/reply, finds it by cOID and cancels it', async () => {
    warnings.length = 0;
    const placed = await venue.placeOrder!(order('rest-spy'));
    expect(placed).toMatchObject({ clientOrderId: id('rest-spy'), status: 'open', venueOrderId: '1900000000' });
    expect(JSON.parse(posts(`/iserver/account/${ACCOUNT}/orders/whatif`).at(-1)!.body).orders[0]).toMatchObject({ cOID: id('rest-spy'), conid: 756733, orderType: 'LMT', side: 'BUY', quantity: 2, price: 590, tif: 'DAY' });
    expect(JSON.parse(posts(`/iserver/account/${ACCOUNT}/orders`).at(-1)!.body)).toEqual({ orders: [{ acctId: ACCOUNT, conid: 756733, orderType: 'LMT', side: 'BUY', quantity: 2, price: 590, tif: 'DAY', cOID: id('rest-spy') }] });
    expect(JSON.parse(posts('/iserver/reply/a1b-reply')[0]!.body)).toEqual({ confirmed: true });
    expect(warnings).toEqual(['IBKR asked to confirm an order; confirmed']);
    const fresh = ibkrVenue(fake.url);
    expect(await fresh.fetchOrder!(id('rest-spy'))).toMatchObject({ venueOrderId: '1900000000', status: 'open' });
    expect(await fresh.cancelOrder!(id('rest-spy'))).toMatchObject({ status: 'cancelled' });
    expect(fake.requests.some((r) => r.method === 'DELETE' && r.path === `/v1/api/iserver/account/${ACCOUNT}/order/1900000000`)).toBe(true);
  });

  it('confirms several questions in a row; a guarded market sale goes as a limit at the worst price, immediate or cancel', async () => {
    fake.control.questions = 3;
    const filled = await venue.placeOrder!(order('sell-spy', { side: 'sell', type: 'market', quantity: new Decimal('4'), worstPrice: new Decimal('598.5') }));
    fake.control.questions = 1;
    expect(JSON.parse(posts(`/iserver/account/${ACCOUNT}/orders`).at(-1)!.body).orders[0]).toMatchObject({ orderType: 'LMT', side: 'SELL', price: 598.5, tif: 'IOC' });
    expect(plain(filled)).toMatchObject({ status: 'filled', filled: '4', averagePrice: '600.02', feeAsset: 'USD' });
  });


  it('a reused cOID is a duplicate order; a what-if refusal stops the order before it is sent', async () => {
    await venue.placeOrder!(order('dup'));
    await expect(venue.placeOrder!(order('dup'))).rejects.toMatchObject({ failure: 'duplicate_order', retryable: false });
    const sent = posts(`/iserver/account/${ACCOUNT}/orders`).length;
    const broke = await venue.placeOrder!(order('broke', { quantity: new Decimal('100') })).catch((e: unknown) => e);
    expect(broke).toMatchObject({ failure: 'rejected', retryable: false });
    expect((broke as Error).message).toContain('the what-if preview refused it: YOUR ORDER IS NOT ACCEPTED');
    expect(posts(`/iserver/account/${ACCOUNT}/orders`).length).toBe(sent);
  });

  it('refuses fractional shares and an unknown cOID', async () => {
    await expect(venue.placeOrder!(order('half', { quantity: new Decimal('1.5') }))).rejects.toThrow('1.5 SPY is not a whole number of shares');
    await expect(venue.fetchOrder!(id('never'))).rejects.toMatchObject({ failure: 'order_not_found' });
  });
});

describe('ibkr: fees from the executions', () => {
  it("a filled order's fee is the exact sum of its executions' commissions, one sent as a string, one as a number", async () => {
    const filled = await venue.placeOrder!(order('fee-spy', { side: 'sell', type: 'market', quantity: new Decimal('4'), worstPrice: new Decimal('598.5') }));
    expect(fake.trades.filter((t) => t.order_ref === id('fee-spy')).map((t) => [t.size, t.commission])).toEqual([[3, '1.01'], [1, 0.35]]);
    // 1.01 + 0.35 in doubles is 1.3599999999999999.
    expect(plain(filled)).toMatchObject({ status: 'filled', filled: '4', fee: '1.36', feeAsset: 'USD' });
    expect(plain(await ibkrVenue(fake.url).fetchOrder!(id('fee-spy')))).toMatchObject({ status: 'filled', fee: '1.36', feeAsset: 'USD' });
    expect(fake.requests.filter((r) => r.path === '/v1/api/iserver/account/trades').at(-1)!.params.get('days')).toBe('7');
  });

  it('a resting order has fee 0 until it executes; partial fills add their commissions; the last one makes it filled', async () => {
    await venue.placeOrder!(order('part-spy', { quantity: new Decimal('3') }));
    expect(plain(await venue.fetchOrder!(id('part-spy')))).toMatchObject({ status: 'open', filled: '0', fee: '0', feeAsset: 'USD' });
    fake.fill(id('part-spy'), { size: 1, price: '589.5', commission: '1.00' });
    expect(plain(await venue.fetchOrder!(id('part-spy')))).toMatchObject({ status: 'partially_filled', filled: '1', fee: '1', updatedAt: '2026-11-29T11:59:05.000Z' });
    fake.fill(id('part-spy'), { size: 2, price: '590', commission: '0.0070000000000000001' });
    expect(plain(await venue.fetchOrder!(id('part-spy')))).toMatchObject({ status: 'filled', filled: '3', fee: '1.0070000000000000001' });
  });

  it('an order IBKR reports filled is not filled while its executions are missing from the trades list or lack a commission', async () => {
    await venue.placeOrder!(order('lag-spy', { quantity: new Decimal('2') }));
    fake.fill(id('lag-spy'), { size: 2, price: '590', commission: '1.02', listed: false });
    expect(fake.orders.find((o) => o.order_ref === id('lag-spy'))!.status).toBe('Filled');
    expect(plain(await venue.fetchOrder!(id('lag-spy')))).toMatchObject({ status: 'partially_filled', filled: '2', fee: '0' });
    fake.publish('');
    expect(plain(await venue.fetchOrder!(id('lag-spy')))).toMatchObject({ status: 'partially_filled', fee: '0' });
    fake.trades.find((t) => t.order_ref === id('lag-spy'))!.commission = '1.02';
    expect(plain(await venue.fetchOrder!(id('lag-spy')))).toMatchObject({ status: 'filled', filled: '2', fee: '1.02' });
  });

  it('reads every JSON number of the trades answer as its own digits, beyond what a double holds', () => {
    const text = '[{"execution_id":"0000e0d5.1.01.01","order_ref":"a\\"1-2 7","size":10.0,"price":"12","commission":0.12345678901234567890123,"trade_time_r":1764417540000,"net_amount":-1e-3}]';
    const [row] = tradesSchema.parse(parseJsonExact(text));
    expect([row!.order_ref, row!.size.toFixed(), String(row!.commission), row!.trade_time_r]).toEqual(['a"1-2 7', '10', '0.12345678901234567890123', 1764417540000]);
    expect(parseJsonExact('{"a": 1} x')).toBeUndefined();
  });
});

describe('ibkr: errors', () => {
  it('429 is a retryable rate limit; 503 is retryable with the outcome unknown', async () => {
    fake.control.rateLimited = 1;
    await expect(venue.fetchOrder!(id('dup'))).rejects.toMatchObject({ failure: 'rate_limit', retryable: true, retryAfterMs: 1000 });
    fake.control.failing = 1;
    await expect(venue.fetchBalances()).rejects.toMatchObject({ retryable: true });
  });

  it('a gateway that is not logged in says to log in, not retryable', async () => {
    const other = await startFakeIbkrGateway();
    other.control.authenticated = false;
    const error = (await ibkrVenue(other.url).fetchBalances().catch((e: unknown) => e)) as Error;
    expect(error).toMatchObject({ retryable: false });
    expect(error.message).toContain(`the gateway session is not logged in; log in at ${other.url}`);
    await other.close();
  });

  it('no gateway listening, or one that does not answer in time, is retryable', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    await expect(ibkrVenue(url, {}, 150).placeOrder!(order('slow'))).rejects.toMatchObject({ failure: 'timeout', retryable: true, outcomeUnknown: true });
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
    const down = (await ibkrVenue(url).fetchBalances().catch((e: unknown) => e)) as Error;
    expect(down).toMatchObject({ retryable: true });
    expect(down.message).toContain('cannot be reached (is it running?)');
  });

  it('insecure_tls is refused for anything but a gateway on this machine', () => {
    expect(() => ibkrVenue('https://gateway.example.com:5000', { insecure_tls: true })).toThrow('insecure_tls is only for a gateway on this machine');
    expect(() => ibkrVenue('https://localhost:5000', { insecure_tls: true })).not.toThrow();
  });
});

describe('ibkr: the session tickle', () => {
  it('calls made together share one tickle, made before any other call; a minute later the session is tickled again', async () => {
    const gateway = await startFakeIbkrGateway();
    let now = Date.parse('2026-11-29T12:00:00Z');
    const config = venueSchema.parse({ kind: 'ibkr', adapter: 'ibkr', base_url: gateway.url, markets: { QQQ: {} } });
    const deps: VenueDeps = { clock: { now: () => new Date(now) }, ledger: {} as VenueDeps['ledger'], env: {}, logger, currency: 'USD', prices: {}, priceHistory: {}, sleep: async () => {} };
    const fresh = createIbkrVenueWith('ibkr', config, deps);
    await Promise.all([fresh.fetchBalances(), fresh.fetchPrices(['SPY']), fresh.fetchMarkets()]);
    const tickles = () => gateway.requests.filter((r) => r.path === '/v1/api/tickle').length;
    expect(tickles()).toBe(1);
    expect(gateway.requests[0]!.path).toBe('/v1/api/tickle');
    now += 61_000;
    await fresh.placeOrder!(order('tickled', { quantity: new Decimal('1') }));
    expect(tickles()).toBe(2);
    // The login lapsed: the next tickle says so, and the order is refused before anything is sent.
    now += 61_000;
    gateway.control.authenticated = false;
    const lapsed = (await fresh.placeOrder!(order('lapsed', { quantity: new Decimal('1') })).catch((e: unknown) => e)) as Error;
    expect(lapsed).toMatchObject({ failure: 'rejected', retryable: false });
    expect(lapsed.message).toContain(`the gateway session is not logged in; log in at ${gateway.url}`);
    expect(gateway.orders.map((o) => o.order_ref)).toEqual([id('tickled')]);
    await gateway.close();
  });
});

describe('ibkr: the local gateway self-signed certificate', () => {
  it('is refused by default and accepted with insecure_tls: true', async () => {
    const { createServer: createHttps } = await import('node:https');
    const { LOCALHOST_CERT, LOCALHOST_KEY } = await import('./fakes/ibkr-self-signed.js');
    const tls = createHttps({ key: LOCALHOST_KEY, cert: LOCALHOST_CERT }, (req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(req.url === '/v1/api/tickle' ? JSON.stringify({ iserver: { authStatus: { authenticated: true } } }) : req.url === '/v1/api/portfolio/accounts' ? JSON.stringify([{ id: ACCOUNT, currency: 'USD' }]) : req.url?.endsWith('/ledger') ? JSON.stringify({ USD: { cashbalance: 10, currency: 'USD' } }) : '[]');
    });
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    const url = `https://localhost:${(tls.address() as AddressInfo).port}`;
    const strict = (await ibkrVenue(url).fetchBalances().catch((e: unknown) => e)) as Error;
    expect(strict).toMatchObject({ retryable: false });
    expect(strict.message).toContain("the gateway's certificate is not trusted (cannot connect (DEPTH_ZERO_SELF_SIGNED_CERT)); for the Client Portal gateway on this machine set insecure_tls: true");
    expect(plain(await ibkrVenue(url, { insecure_tls: true }).fetchBalances())).toEqual([{ asset: 'USD', total: '10', free: '10' }]);
    tls.closeAllConnections();
    await new Promise((resolve) => tls.close(resolve));
  });
});
