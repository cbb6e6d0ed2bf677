// Orders through K.I.T.'s Smart Order Router (the host's `execution` slot), against a fake slot
// that keeps its own book and answers in the shapes of K.I.T.'s ExchangeManager: placing,
// finding and cancelling by client order id, its refusals, and the whole-plan smartRoute hand-off.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderCallError, VenueError } from '../src/errors.js';
import { createKitRouter } from '../src/host/kit-router.js';
import { redactSecrets } from '../src/host/kit-router-errors.js';
import { SlotNumberError, toSlotNumber } from '../src/host/kit-router-numbers.js';
import { type PlanLeg, routeThroughSmartRoute, toExecutionPlan } from '../src/host/kit-router-plan.js';
import { kitExecutionSlot } from '../src/host/kit-slots.js';
import { Decimal } from '../src/money.js';
import type { OrderRequest } from '../src/ports.js';
import { fakeExecutionSlot } from './helpers/fake-execution-slot.js';

const d = (value: string) => new Decimal(value);
const prices = { 'BTC/USDC': 100000, 'ETH/USDC': 2500 };
const sell = (id: string, quantity = '0.1', limit = '150000'): OrderRequest => ({ clientOrderId: id, symbol: 'BTC/USDC', side: 'sell', type: 'limit', quantity: d(quantity), limitPrice: d(limit) });
const marketBuy = (id: string, quantity = '0.1', worst = '100100'): OrderRequest => ({ clientOrderId: id, symbol: 'BTC/USDC', side: 'buy', type: 'market', quantity: d(quantity), worstPrice: d(worst) });
const failure = async (call: Promise<unknown>) => {
  const error = await call.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(OrderCallError);
  return error as OrderCallError;
};
const brief = (e: OrderCallError) => [e.failure, e.retryable, e.outcomeUnknown];

function setup(options: { getExecutions?: boolean; smartRoute?: boolean; timeoutMs?: number } = {}) {
  const fake = fakeExecutionSlot({ prices, ...options });
  return { fake, router: createKitRouter(fake.slot, options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) };
}

describe('finding the host slot', () => {
  it('is undefined when K.I.T. offers no execution slot, so the runtime uses the direct router', () => {
    expect(kitExecutionSlot(undefined)).toBeUndefined();
    expect(kitExecutionSlot({ registerTool: () => undefined })).toBeUndefined();
    expect(kitExecutionSlot({ slots: { get: () => null } })).toBeUndefined();
  });

  it("reads K.I.T.'s slot registry or its getExecutionSlot shortcut", () => {
    const { slot } = fakeExecutionSlot({ prices });
    expect(kitExecutionSlot({ slots: { get: (name: string) => (name === 'execution' ? slot : null) } })).toBe(slot);
    expect(kitExecutionSlot({ getExecutionSlot: () => slot })).toBe(slot);
  });

  it('refuses a slot without a required method instead of bypassing the host', () => {
    const { placeOrder, cancelOrder } = fakeExecutionSlot({ prices }).slot;
    const error = (() => {
      try {
        kitExecutionSlot({ getExecutionSlot: () => ({ placeOrder, cancelOrder }) });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(VenueError);
    expect((error as VenueError).shortMessage).toBe(
      `Venue "kit-sor" failed to take orders: K.I.T.'s execution slot has no getOpenOrders (it must offer placeOrder, cancelOrder, getOpenOrders)`,
    );
    expect(() => createKitRouter({ placeOrder, cancelOrder, getOpenOrders: 'nope' } as never)).toThrow(/has no getOpenOrders/);
  });
});

describe('orders through the execution slot', () => {
  it('places a limit order with the exact quantity and price, and finds and cancels it by client order id', async () => {
    const { fake, router } = setup();
    expect(router.name).toBe('kit-sor');
    const placed = await router.submit('binance', sell('c1'));
    expect(fake.sent).toEqual([{ exchange: 'binance', symbol: 'BTC/USDC', side: 'sell', type: 'limit', amount: 0.1, price: 150000, clientOrderId: 'c1' }]);
    expect([placed.status, placed.venueOrderId, placed.filled.toFixed()]).toEqual(['open', 'kit-1', '0']);
    expect((await router.status('binance', 'c1')).status).toBe('open');
    const cancelled = await router.cancel('binance', 'c1');
    expect([cancelled.status, cancelled.clientOrderId]).toEqual(['cancelled', 'c1']);
    expect(fake.book.get('c1')?.status).toBe('canceled');
  });

  it('fills a market order inside its worst price and reports price, fee and fee asset as decimals', async () => {
    const { fake, router } = setup();
    const filled = await router.submit('binance', marketBuy('m1'));
    expect(fake.sent[0]).toMatchObject({ type: 'market', amount: 0.1, worstPrice: 100100 });
    expect(fake.sent[0]).not.toHaveProperty('price');
    expect([filled.status, filled.filled.toFixed(), filled.averagePrice?.toFixed(), filled.fee.toFixed(), filled.feeAsset]).toEqual(['filled', '0.1', '100000', '10', 'USDC']);
    // Finished orders are found through getExecutions, and cancelling one changes nothing.
    expect((await router.status('binance', 'm1')).status).toBe('filled');
    expect((await router.cancel('binance', 'm1')).status).toBe('filled');
  });

  it('sees a resting order fill over time (partially, then fully)', async () => {
    const { fake, router } = setup();
    await router.submit('binance', sell('c2', '0.3', '120000'));
    fake.fillResting('c2', 0.1);
    const part = await router.status('binance', 'c2');
    expect([part.status, part.filled.toFixed(), part.averagePrice?.toFixed()]).toEqual(['partially_filled', '0.1', '120000']);
    fake.fillResting('c2');
    expect((await router.status('binance', 'c2')).status).toBe('filled');
  });
});

describe('refusals and failures, mapped to our errors', () => {
  it('refuses a rejected order: not retryable, the reason kept', async () => {
    const { fake, router } = setup();
    fake.fault('reject');
    const error = await failure(router.submit('binance', sell('r1')));
    expect(brief(error)).toEqual(['rejected', false, false]);
    expect(error.shortMessage).toBe('Venue "binance" failed to place order: K.I.T.\'s execution slot refused it (binance {"code":-2010,"msg":"Account has insufficient balance for requested action."})');
    const guard = await failure(router.submit('binance', marketBuy('r2', '0.1', '99000')));
    expect([guard.failure, guard.shortMessage]).toEqual(['rejected', 'Venue "binance" failed to place order: K.I.T.\'s execution slot refused it (price 100000 is beyond the order\'s worst price 99000)']);
  });

  it('a timeout after the slot accepted: outcome unknown, the order is then found, never sent twice; no secret echoed', async () => {
    const { fake, router } = setup();
    fake.fault('timeout_after_accept');
    const error = await failure(router.submit('binance', sell('t1')));
    expect(brief(error)).toEqual(['timeout', true, true]);
    expect(error.message).not.toMatch(/signature|9f2c4e1a|timestamp=/);
    expect(error.shortMessage).toBe(
      'Venue "binance" failed to place order: K.I.T.\'s execution slot failed (binance POST https://api.binance.com/api/v3/order?[redacted] request timed out (10000 ms)); the order may have been placed: look it up by client order id before retrying',
    );
    expect((error.cause as Error).name).toBe('RequestTimeout');
    expect((await router.status('binance', 't1')).status).toBe('open');
    expect((await failure(router.submit('binance', sell('t1')))).failure).toBe('duplicate_order');
    expect(fake.book.size).toBe(1);
  });

  it('a slot that never answers times out on our side, and the order is still found', async () => {
    const { fake, router } = setup({ timeoutMs: 20 });
    fake.fault('hang_after_accept');
    const error = await failure(router.submit('binance', marketBuy('h1')));
    expect([...brief(error), error.shortMessage]).toEqual(['timeout', true, true, expect.stringContaining('did not answer within 20 ms')]);
    expect((await router.status('binance', 'h1')).status).toBe('filled');
  });

  it('network errors and rate limits are retryable; a network error leaves the outcome unknown', async () => {
    const { fake, router } = setup();
    fake.fault('network_before', 'rate_limit');
    expect(brief(await failure(router.submit('binance', sell('n1'))))).toEqual(['network', true, true]);
    expect(brief(await failure(router.submit('binance', sell('n1'))))).toEqual(['rate_limit', true, false]);
    expect((await router.submit('binance', sell('n1'))).status).toBe('open');
  });

  it('an order unknown to the slot, or lost by it, is order_not_found', async () => {
    const { fake, router } = setup();
    const unknown = await failure(router.status('binance', 'nope'));
    expect([...brief(unknown), unknown.shortMessage]).toEqual(['order_not_found', false, false, 'Venue "binance" failed to fetch order: K.I.T.\'s execution slot knows no order with client order id "nope" on "binance"']);
    expect((await failure(router.cancel('binance', 'nope'))).failure).toBe('order_not_found');
    fake.fault('lose_after_accept');
    expect((await router.submit('binance', sell('l1'))).status).toBe('open');
    expect((await failure(router.status('binance', 'l1'))).failure).toBe('order_not_found');
    // An order on another venue with the same id is not ours.
    await router.submit('kraken', sell('k1'));
    expect((await failure(router.status('binance', 'k1'))).failure).toBe('order_not_found');
  });

  it('without getExecutions, an order that is no longer open cannot be looked up: said so, not guessed', async () => {
    const { router } = setup({ getExecutions: false });
    await router.submit('binance', marketBuy('g1'));
    const error = await failure(router.status('binance', 'g1'));
    expect([...brief(error), error.shortMessage]).toEqual([
      'unknown_outcome',
      false,
      true,
      'Venue "binance" failed to fetch order: order "g1" is not open, and K.I.T.\'s execution slot has no getExecutions to say whether it filled, was cancelled or never arrived',
    ]);
  });

  it('refuses answers of the wrong shape as an unknown outcome, naming the field and not the values', async () => {
    const { fake, router } = setup();
    fake.override.placeOrder = { success: true, order: { id: 'x', clientOrderId: 'w1', exchange: 'binance', symbol: 'BTC/USDC', type: 'limit', side: 'sell', amount: '0.1', filled: 0, status: 'open', timestamp: 1 } };
    const error = await failure(router.submit('binance', sell('w1')));
    expect([...brief(error), error.shortMessage]).toEqual([
      'unknown_outcome',
      false,
      true,
      'Venue "binance" failed to place order: K.I.T.\'s execution slot answered placeOrder in a shape we cannot read (order.amount: Invalid input: expected number, received string); the order may have been placed: look it up by client order id before retrying',
    ]);
    fake.override.placeOrder = { success: true, order: { id: 'x', exchange: 'binance', symbol: 'BTC/USDC', type: 'limit', side: 'sell', amount: 0.1, filled: 0, status: 'open', timestamp: 1 } };
    expect((await failure(router.submit('binance', sell('w2')))).shortMessage).toContain('an order without our client order id "w2"');
    fake.override.placeOrder = { success: true, order: { id: 'x', clientOrderId: 'w3', exchange: 'binance', symbol: 'BTC/USDC', type: 'limit', side: 'sell', amount: 0.2, filled: 0, status: 'open', timestamp: 1 } };
    expect((await failure(router.submit('binance', sell('w3')))).shortMessage).toContain('an amount of 0.2 instead of 0.1');
    fake.override.getOpenOrders = { orders: [] };
    expect((await failure(router.status('binance', 'w3'))).shortMessage).toContain('answered getOpenOrders in a shape we cannot read (answer: Invalid input: expected array, received object)');
  });

  it("reads ExchangeManager's flattened errors by their wording; an unclassifiable throw is an unknown outcome", async () => {
    const { fake, router } = setup();
    fake.override.placeOrder = { success: false, error: 'binance POST https://api.binance.com/api/v3/order?apiKey=AKIA123&signature=abc request timed out (10000 ms)' };
    const timedOut = await failure(router.submit('binance', sell('e1')));
    expect(brief(timedOut)).toEqual(['timeout', true, true]);
    expect(timedOut.message).not.toMatch(/AKIA123|signature=abc/);
    fake.override.placeOrder = Promise.reject(new TypeError("Cannot read properties of undefined (reading 'createOrder')"));
    expect(brief(await failure(router.submit('binance', sell('e2'))))).toEqual(['unknown_outcome', false, true]);
  });

  it('cancelling: a partly filled order keeps its fill; a slot that answers false leaves it open and says so', async () => {
    const { fake, router } = setup();
    await router.submit('binance', sell('x1', '0.3', '120000'));
    fake.fillResting('x1', 0.1);
    const cancelled = await router.cancel('binance', 'x1');
    expect([cancelled.status, cancelled.filled.toFixed()]).toEqual(['cancelled', '0.1']);
    await router.submit('binance', sell('x2'));
    fake.override.cancelOrder = false;
    const refused = await failure(router.cancel('binance', 'x2'));
    expect([...brief(refused), refused.shortMessage]).toEqual([
      'rejected',
      false,
      false,
      'Venue "binance" failed to cancel order: K.I.T.\'s execution slot did not cancel it (it answered false); the order is still open',
    ]);
    expect((await router.status('binance', 'x2')).status).toBe('open');
  });

  it('refuses, before sending, a quantity a number would change', async () => {
    const { fake, router } = setup();
    const error = await failure(router.submit('binance', sell('p1', '0.12345678901234567891')));
    expect([...brief(error), error.shortMessage]).toEqual([
      'rejected',
      false,
      false,
      'Venue "binance" failed to place order: quantity 0.12345678901234567891 cannot be sent to K.I.T.\'s execution slot as a number: it would become 0.12345678901234568; nothing was sent',
    ]);
    expect(fake.sent).toEqual([]);
  });
});

describe('what reaches the user from a slot error', () => {
  it('drops query strings, key=value secrets, bearer tokens and long opaque runs', () => {
    expect(redactSecrets('GET https://x.io/o?apiKey=abc&sig=1 failed: apiKey=abc secret: "s3cr3t" Authorization: Bearer eyJhbGciOi.x.y')).toBe(
      'GET https://x.io/o?[redacted] failed: apiKey=[redacted] secret: "[redacted]" Authorization: Bearer [redacted]',
    );
    expect(redactSecrets(`sig ${'ab12'.repeat(16)} rejected`)).toBe('sig [redacted] rejected');
  });
});

describe('Decimal to number at the slot boundary', () => {
  it('either sends the exact decimal or refuses; never a changed value', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 24n }), fc.integer({ min: 0, max: 24 }), (digits, scale) => {
        const value = new Decimal(digits.toString()).div(new Decimal(10).pow(scale));
        try {
          expect(new Decimal(toSlotNumber(value, 'x')).toFixed()).toBe(value.toFixed());
        } catch (error) {
          expect(error).toBeInstanceOf(SlotNumberError);
          expect(value.precision(true)).toBeGreaterThan(15);
        }
      }),
    );
  });
});

const leg = (venue: string, order: OrderRequest, price: string, feeRate = '0.001'): PlanLeg => ({ venue, order, price: d(price), feeRate: d(feeRate) });

describe('a whole plan through smartRoute', () => {
  const legs = [leg('binance', sell('s1', '0.1', '100000'), '100000'), leg('kraken', sell('s2', '0.25', '99990'), '99990', '0.0016')];

  it("hands the plan over in the SOR's ExecutionPlan shape, with our client order ids", () => {
    const plan = toExecutionPlan(legs, { slippageTolerance: d('0.005') });
    expect(plan).toEqual({
      strategy: 'split',
      segments: [
        { venue: { id: 'binance', name: 'binance', type: 'cex', price: 100000, available: 0.1, fee: 0.001, latency: 0 }, amount: 0.1, price: 100000, fee: 10, estimatedFill: 1, clientOrderId: 's1', type: 'limit' },
        { venue: { id: 'kraken', name: 'kraken', type: 'cex', price: 99990, available: 0.25, fee: 0.0016, latency: 0 }, amount: 0.25, price: 99990, fee: 39.996, estimatedFill: 1, clientOrderId: 's2', type: 'limit' },
      ],
      totalAmount: 0.35,
      // (0.1 x 100000 + 0.25 x 99990) / 0.35, rounded to 15 significant digits
      avgPrice: 99992.8571428571,
      totalFees: 49.996,
      estimatedSavings: 0,
      estimatedSlippage: 0.005,
      symbol: 'BTC/USDC',
      side: 'sell',
    });
    expect(toExecutionPlan(legs.slice(0, 1)).strategy).toBe('best-price');
  });

  it('refuses a plan mixing sides or markets, and one whose numbers would change', () => {
    expect(() => toExecutionPlan([legs[0] as PlanLeg, leg('kraken', marketBuy('b1'), '100000')])).toThrow('one market and side: sell BTC/USDC, not buy BTC/USDC');
    expect(() => toExecutionPlan([leg('binance', sell('s9', '0.1', '100000.00000000000001'), '100000.00000000000001')])).toThrow(SlotNumberError);
    expect(() => toExecutionPlan([])).toThrow('at least one order');
  });

  it('places every leg and gives each its state', async () => {
    const { fake } = setup();
    const outcomes = await routeThroughSmartRoute(fake.slot, toExecutionPlan(legs));
    expect(outcomes.map((o) => [o.venue, o.clientOrderId, 'state' in o ? `${o.state.status} ${o.state.filled.toFixed()}` : o.error.failure])).toEqual([
      ['binance', 's1', 'filled 0.1'],
      ['kraken', 's2', 'filled 0.25'],
    ]);
    expect(fake.sent.map((p) => [p.exchange, p.clientOrderId, p.amount, p.price])).toEqual([
      ['binance', 's1', 0.1, 100000],
      ['kraken', 's2', 0.25, 99990],
    ]);
  });

  it('a leg missing from the answer is an unknown outcome, and the router then finds it', async () => {
    const { fake, router } = setup();
    fake.fault('drop_from_answer');
    const [first, second] = await routeThroughSmartRoute(fake.slot, toExecutionPlan(legs));
    expect(first && 'error' in first ? brief(first.error) : first).toEqual(['unknown_outcome', false, true]);
    expect(second && 'state' in second ? second.state.status : second).toBe('filled');
    expect((await router.status('binance', 's1')).status).toBe('filled');
  });

  it('a timeout of the whole call leaves every leg outcome-unknown, each under its own id', async () => {
    const { fake } = setup();
    fake.fault('timeout_after_accept');
    const outcomes = await routeThroughSmartRoute(fake.slot, toExecutionPlan(legs));
    expect(outcomes.map((o) => ('error' in o ? [o.error.venue, o.error.clientOrderId, ...brief(o.error)] : o))).toEqual([
      ['binance', 's1', 'timeout', true, true],
      ['kraken', 's2', 'timeout', true, true],
    ]);
  });

  it('refuses without sending when the slot has no smartRoute', async () => {
    const { fake } = setup({ smartRoute: false });
    const error = await routeThroughSmartRoute(fake.slot, toExecutionPlan(legs)).catch((e: unknown) => e);
    expect([error instanceof VenueError, (error as VenueError).shortMessage, (error as VenueError).retryable]).toEqual([
      true,
      'Venue "kit-sor" failed to route the plan: K.I.T.\'s execution slot has no smartRoute',
      false,
    ]);
    expect(fake.sent).toEqual([]);
  });
});
