// The paper venue behaves like an exchange: its own book, client order ids, fills, balances and
// seeded faults. Nothing here sleeps for real: latency goes through an injected sleep.
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paperBookView } from '../src/adapters/paper/book-view.js';
import { createPaperVenue } from '../src/adapters/paper/create-paper-venue.js';
import { resetVenue } from '../src/adapters/paper/seed.js';
import { parseConfigText } from '../src/config.js';
import { OrderCallError } from '../src/errors.js';
import { fixedClock } from '../src/host/clock.js';
import { openLedger } from '../src/ledger/open-ledger.js';
import { Decimal } from '../src/money.js';
import type { Ledger, OrderRequest, Venue } from '../src/ports.js';
import { tempDir } from './helpers/run-kit.js';

const d = (value: string | number) => new Decimal(value);
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

function paper(extra = '', { ledger = openLedger(':memory:'), sleeps = [] as number[] } = {}) {
  const config = parseConfigText(
    `portfolio_rebalancer:
  prices: {BTC: "100000", ETH: "2500", USDC: "1"}
  venues:
    ex:
      kind: cex
      adapter: paper
      quote: USDC
      fee_rate: 0.1%
      markets:
        BTC: {amount_step: "0.0001", price_step: "0.01", min_amount: "0.0001", min_notional: "5"}
        ETH: {amount_step: "0.001", price_step: "0.01", min_notional: "5"}
      balances: {BTC: "1", USDC: "10000"}
${extra.replace(/^/gm, '      ')}
`,
    'test',
  );
  const venue = createPaperVenue('ex', config.venues.ex!, {
    clock: fixedClock(new Date('2026-11-23T14:00:00Z')),
    ledger,
    env: {},
    logger: quiet,
    prices: config.prices,
    priceHistory: {},
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  return { venue: venue as Required<Venue>, ledger, sleeps, config: config.venues.ex! };
}

const order = (id: string, side: 'buy' | 'sell', quantity: string, extra: Partial<OrderRequest> = {}): OrderRequest => ({
  clientOrderId: id,
  symbol: 'BTC/USDC',
  side,
  type: 'limit',
  quantity: d(quantity),
  limitPrice: d(side === 'buy' ? '100500' : '99500'),
  ...extra,
});
const balances = async (venue: Venue) => Object.fromEntries((await venue.fetchBalances()).map((b) => [b.asset, `${b.total.toFixed()}/${b.free.toFixed()}`]));
async function failure(promise: Promise<unknown>): Promise<OrderCallError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(OrderCallError);
  return error as OrderCallError;
}

describe('paper exchange: orders', () => {
  it('fills a marketable limit buy at the venue price, taking base in and quote plus fee out', async () => {
    const { venue, ledger } = paper();
    const state = await venue.placeOrder(order('a1', 'buy', '0.05'));
    expect(state).toMatchObject({ clientOrderId: 'a1', status: 'filled', filled: d('0.05'), averagePrice: d('100000'), fee: d('5'), feeAsset: 'USDC' });
    expect(await balances(venue)).toEqual({ BTC: '1.05/1.05', USDC: '4995/4995' });
    expect(await venue.fetchOrder('a1')).toEqual(state);
    expect(ledger.paperFills('ex', 'a1').map((f) => [f.quantity.toFixed(), f.price.toFixed(), f.fee.toFixed()])).toEqual([['0.05', '100000', '5']]);
    // The venue's book is its own: the ledger's order journal knows nothing of this order.
    expect(ledger.order('a1')).toBeUndefined();
  });

  it('rests a limit order the price has not reached, holds its funds back, and cancels it', async () => {
    const { venue } = paper();
    expect(await venue.placeOrder(order('s1', 'sell', '0.4', { limitPrice: d('120000') }))).toMatchObject({ status: 'open', filled: d(0) });
    expect(await balances(venue)).toEqual({ BTC: '1/0.6', USDC: '10000/10000' });
    expect((await venue.fetchOrder('s1')).status).toBe('open');
    // 0.7 BTC is more than is free: refused.
    expect((await failure(venue.placeOrder(order('s2', 'sell', '0.7')))).message).toBe('Venue "ex" failed to place order: insufficient balance: needs 0.7 BTC, 0.6 BTC is free');
    expect(await venue.cancelOrder('s1')).toMatchObject({ status: 'cancelled', filled: d(0) });
    expect(await balances(venue)).toEqual({ BTC: '1/1', USDC: '10000/10000' });
    // Cancelling again answers with the final state.
    expect((await venue.cancelOrder('s1')).status).toBe('cancelled');
  });

  it('rejects a client order id it has seen, as real exchanges do, and keeps the first order', async () => {
    const { venue, ledger } = paper();
    await venue.placeOrder(order('dup', 'sell', '0.1'));
    const error = await failure(venue.placeOrder(order('dup', 'sell', '0.2')));
    expect([error.failure, error.retryable]).toEqual(['duplicate_order', false]);
    expect(ledger.paperOrders('ex').map((o) => [o.clientOrderId, o.quantity.toFixed(), o.status])).toEqual([['dup', '0.1', 'filled']]);
    expect(await balances(venue)).toEqual({ BTC: '0.9/0.9', USDC: '19990/19990' });
  });

  it('fills market orders with slippage, and refuses one beyond its slippage guard', async () => {
    const { venue } = paper('slippage: 0.2%');
    expect(await venue.placeOrder(order('m1', 'sell', '0.1', { type: 'market', limitPrice: undefined }))).toMatchObject({ status: 'filled', averagePrice: d('99800') });
    const error = await failure(venue.placeOrder(order('m2', 'buy', '0.01', { type: 'market', limitPrice: undefined, worstPrice: d('100100') })));
    expect([error.failure, error.shortMessage]).toEqual(['rejected', "Venue \"ex\" failed to place order: price 100200 is beyond the order's worst acceptable price 100100"]);
    // A limit order fills at its limit or better: never past 100,100 even with 0.2% slippage.
    expect((await venue.placeOrder(order('l1', 'buy', '0.01', { limitPrice: d('100300') }))).averagePrice).toEqual(d('100200'));
    expect((await venue.placeOrder(order('l2', 'buy', '0.01', { limitPrice: d('100100') }))).status).toBe('open');
  });

  it('refuses what a venue would: an unknown market, an amount off the step, a value under the minimum; unknown ids are not found', async () => {
    const { venue } = paper();
    expect((await failure(venue.placeOrder(order('x1', 'buy', '1', { symbol: 'SOL/USDC' })))).shortMessage).toContain('market SOL/USDC is not listed');
    expect((await failure(venue.placeOrder(order('x2', 'sell', '0.00015')))).shortMessage).toContain('quantity 0.00015 is not a multiple of the amount step 0.0001');
    expect((await failure(venue.placeOrder({ ...order('x3', 'sell', '1'), symbol: 'ETH/USDC', quantity: d('0.001'), limitPrice: d('2500') }))).shortMessage).toContain('order value 2.5 USDC is below the minimum 5 USDC');
    const missing = await failure(venue.fetchOrder('nope'));
    expect([missing.failure, missing.retryable]).toEqual(['order_not_found', false]);
    expect((await failure(venue.cancelOrder('nope'))).failure).toBe('order_not_found');
  });

  it('fills in parts with partial_fills: the rest of a limit order fills on later polls, a market order\'s rest expires', async () => {
    const { venue, ledger } = paper('partial_fills: 100%');
    const first = await venue.placeOrder(order('p1', 'sell', '0.5'));
    expect(first.status).toBe('partially_filled');
    expect(first.filled.gt(0) && first.filled.lt(d('0.5'))).toBe(true);
    let state = first;
    for (let poll = 0; poll < 50 && state.status !== 'filled'; poll++) state = await venue.fetchOrder('p1');
    expect(state.status).toBe('filled');
    const fills = ledger.paperFills('ex', 'p1');
    expect(fills.length).toBeGreaterThan(1);
    expect(fills.reduce((sum, f) => sum.plus(f.quantity), d(0))).toEqual(d('0.5'));
    const market = await venue.placeOrder(order('p2', 'sell', '0.2', { type: 'market', limitPrice: undefined }));
    expect(market.status).toBe('cancelled');
    expect(market.filled.gt(0) && market.filled.lt(d('0.2'))).toBe(true);
  });
});

describe('paper exchange: faults, latency, determinism', () => {
  it('network_error: the request never arrives; nothing is placed, retrying may help', async () => {
    const { venue, ledger } = paper('faults: {network_error: 100%}');
    const error = await failure(venue.placeOrder(order('n1', 'sell', '0.1')));
    expect([error.failure, error.retryable, error.outcomeUnknown]).toEqual(['network', true, true]);
    expect(ledger.paperOrders('ex')).toEqual([]);
  });

  it('rate_limit: HTTP 429, nothing placed, with a retry-after', async () => {
    const { venue, ledger } = paper('faults: {rate_limit: 100%}');
    const error = await failure(venue.placeOrder(order('r1', 'sell', '0.1')));
    expect([error.failure, error.retryable, error.retryAfterMs]).toEqual(['rate_limit', true, 1000]);
    expect((await failure(venue.fetchOrder('r1'))).failure).toBe('rate_limit');
    expect(ledger.paperOrders('ex')).toEqual([]);
  });

  it('reject: the venue refuses the order outright; it is not retryable and is in the book as rejected', async () => {
    const { venue, ledger } = paper('faults: {reject: 100%}');
    const error = await failure(venue.placeOrder(order('j1', 'sell', '0.1')));
    expect([error.failure, error.retryable]).toEqual(['rejected', false]);
    expect((await venue.fetchOrder('j1')).status).toBe('rejected');
    expect(ledger.paperOrders('ex')[0]?.reason).toBe('the venue refused the order (simulated: faults.reject)');
    expect(await balances(venue)).toEqual({ BTC: '1/1', USDC: '10000/10000' });
  });

  it('timeout_after_accept: the caller gets a timeout, but the order was placed and filled', async () => {
    const { venue } = paper('faults: {timeout_after_accept: 100%}');
    const error = await failure(venue.placeOrder(order('t1', 'sell', '0.1')));
    expect([error.failure, error.retryable, error.outcomeUnknown]).toEqual(['timeout', true, true]);
    expect(await venue.fetchOrder('t1')).toMatchObject({ status: 'filled', filled: d('0.1') });
    // Sending it again would double it; the venue refuses the id.
    expect((await failure(venue.placeOrder(order('t1', 'sell', '0.1')))).failure).toBe('duplicate_order');
    expect(await balances(venue)).toEqual({ BTC: '0.9/0.9', USDC: '19990/19990' });
  });

  it('waits the configured latency per request through the injected sleep', async () => {
    const fixed = paper('latency: 200ms');
    await fixed.venue.placeOrder(order('l1', 'sell', '0.1'));
    await fixed.venue.fetchOrder('l1');
    expect(fixed.sleeps).toEqual([200, 200]);
    const ranged = paper('latency: [50ms, 250ms]');
    for (let i = 0; i < 20; i++) await ranged.venue.placeOrder(order(`l${i}`, 'sell', '0.01'));
    expect(ranged.sleeps.every((ms) => ms >= 50 && ms <= 250)).toBe(true);
    expect(new Set(ranged.sleeps).size).toBeGreaterThan(5);
  });

  it('is deterministic from the seed: the same requests give the same outcomes; another seed, others', async () => {
    const run = async (seed: number) => {
      const { venue, sleeps } = paper(`latency: [10ms, 90ms]\npartial_fills: 30%\nfaults: {seed: ${seed}, reject: 20%, timeout_after_accept: 20%, network_error: 20%, rate_limit: 20%}`);
      const outcomes: string[] = [];
      for (let i = 0; i < 40; i++) {
        const id = `o${i % 30}`;
        const call = i % 3 === 2 ? venue.fetchOrder(id) : venue.placeOrder(order(id, i % 2 ? 'buy' : 'sell', '0.01'));
        outcomes.push(await call.then((s) => `${s.status} ${s.filled.toFixed()}`, (e: OrderCallError) => e.failure));
      }
      return `${outcomes.join(',')} | ${sleeps.join(',')}`;
    };
    const a = await run(7);
    expect(await run(7)).toBe(a);
    expect(await run(8)).not.toBe(a);
    for (const failure of ['network', 'rate_limit', 'rejected', 'timeout']) expect(a).toContain(failure);
  });
});

describe('paper exchange: persistence and balances', () => {
  it('keeps its book across reopening the ledger file', async () => {
    const file = join(tempDir('kit-paper-'), 'ledger.sqlite');
    const first = paper('', { ledger: openLedger(file) });
    await first.venue.placeOrder(order('k1', 'buy', '0.02'));
    await first.venue.placeOrder(order('k2', 'sell', '0.3', { limitPrice: d('150000') }));
    first.ledger.close();

    const again = paper('', { ledger: openLedger(file) });
    expect(await again.venue.fetchOrder('k1')).toMatchObject({ status: 'filled', filled: d('0.02') });
    expect((await again.venue.fetchOrder('k2')).status).toBe('open');
    expect((await failure(again.venue.placeOrder(order('k1', 'buy', '0.02')))).failure).toBe('duplicate_order');
    expect(await balances(again.venue)).toEqual({ BTC: '1.02/0.72', USDC: '7998/7998' });
    again.ledger.close();
  });

  it('shows its book as the venue sees it; a reset to the config cancels what was open', async () => {
    const { venue, ledger, config } = paper();
    await venue.placeOrder(order('v1', 'sell', '0.25'));
    await venue.placeOrder(order('v2', 'buy', '0.01', { limitPrice: d('90000') }));
    expect(paperBookView(ledger, 'ex')).toEqual({
      venue: 'ex',
      balances: { BTC: '0.75', USDC: '34975' },
      orders: [
        { client_order_id: 'v1', side: 'sell', asset: 'BTC', quantity: '0.25', filled: '0.25', status: 'filled' },
        { client_order_id: 'v2', side: 'buy', asset: 'BTC', quantity: '0.01', filled: '0', status: 'open' },
      ],
    });
    resetVenue('ex', config, ledger, new Date('2026-11-24T00:00:00Z'));
    expect(paperBookView(ledger, 'ex').orders.map((o) => o.status)).toEqual(['filled', 'cancelled']);
    expect(await balances(venue)).toEqual({ BTC: '1/1', USDC: '10000/10000' });
  });

  it('property: whatever is asked, no balance goes negative and the book agrees with the fills', async () => {
    const request = fc.record({
      side: fc.constantFrom('buy' as const, 'sell' as const),
      steps: fc.integer({ min: 1, max: 12_000 }),
      type: fc.constantFrom('limit' as const, 'market' as const),
      limitOffset: fc.integer({ min: -300, max: 300 }),
      action: fc.constantFrom('place', 'place', 'place', 'fetch', 'cancel'),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(request, { minLength: 1, maxLength: 25 }), fc.integer({ min: 1, max: 1000 }), async (requests, seed) => {
        const { venue, ledger } = paper(`partial_fills: 40%\nslippage: 0.1%\nfaults: {seed: ${seed}, reject: 10%, timeout_after_accept: 10%}`);
        for (const [i, r] of requests.entries()) {
          const id = `q${i % 7}`;
          const limitPrice = d(100_000 + r.limitOffset * 100);
          const call =
            r.action === 'fetch' ? venue.fetchOrder(id) : r.action === 'cancel' ? venue.cancelOrder(id) : venue.placeOrder(order(id, r.side, d('0.0001').times(r.steps).toFixed(), r.type === 'market' ? { type: 'market', limitPrice: undefined } : { limitPrice }));
          await call.catch((e: unknown) => expect(e).toBeInstanceOf(OrderCallError));
          for (const b of await venue.fetchBalances()) expect(b.total.gte(0) && b.free.gte(0)).toBe(true);
        }
        // Balances = seed + the sum of every fill's changes.
        const expected = new Map([['BTC', d(1)], ['USDC', d(10_000)]]);
        for (const o of ledger.paperOrders('ex')) {
          const fills = ledger.paperFills('ex', o.clientOrderId);
          expect(fills.reduce((s, f) => s.plus(f.quantity), d(0))).toEqual(o.filled);
          for (const f of fills) {
            const sign = o.side === 'buy' ? 1 : -1;
            expected.set('BTC', expected.get('BTC')!.plus(f.quantity.times(sign)));
            expected.set('USDC', expected.get('USDC')!.minus(f.quantity.times(f.price).times(sign)).minus(f.fee));
          }
        }
        const held = ledger.paperVenue('ex')!.balances;
        for (const [asset, amount] of expected) expect((held.get(asset) ?? d(0)).eq(amount)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
