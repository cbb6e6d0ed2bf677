// Execute's journal and resume, in process: every order is journaled before it is sent, a "crash"
// at any venue call (the router never answers) is finished by the next execute without placing any
// order twice, timeouts are looked up before a retry, rate limits back off, a refusal stops only
// its leg, and the ledger's trades and lots end equal to the paper venues' own books.
import { describe, expect, it } from 'vitest';
import { createDirectRouter } from '../src/adapters/direct-router.js';
import { checkBooks, executeRunIds } from './execute-helpers/books.js';
import { crashingRouter, NOW, openHarness } from './execute-helpers/harness.js';
import { scenarioYaml } from './execute-helpers/scenario.js';

const clean = async (h: Awaited<ReturnType<typeof openHarness>>) => checkBooks(h.ledger, h.config, NOW, executeRunIds(h.ledger));

describe('execute: journal first', () => {
  it('journals each order before the venue sees it, fills everything, and books lots equal to the venues', async () => {
    const h = await openHarness(scenarioYaml(4));
    const seenAtSubmit: string[] = [];
    const direct = createDirectRouter(h.venues);
    const result = await h.execute({}, {
      router: { ...direct, submit: async (venue, order) => {
        seenAtSubmit.push(h.ledger.order(order.clientOrderId)?.status ?? 'not journaled');
        return direct.submit(venue, order);
      } },
    });
    expect(result.kind).toBe('executed');
    expect(result.orders.length).toBeGreaterThan(2);
    expect(seenAtSubmit.every((status) => status === 'pending')).toBe(true);
    const sent = result.orders.filter((o) => o.status !== 'pending_transfer');
    expect(sent.map((o) => o.status)).toEqual(sent.map(() => 'filled'));
    // The plan's buy that waits for a manual transfer is named, never sent.
    expect(result.orders.filter((o) => o.status === 'pending_transfer').map((o) => o.error)).toEqual([expect.stringMatching(/^waits for manual transfer x\d+$/)]);
    expect(result.status).toBe('completed');
    expect((await clean(h)).problems).toEqual([]);
    const record = h.ledger.rebalanceHistory(5).find((r) => r.id === result.runId)!;
    expect(record).toMatchObject({ status: 'completed', strategy: 'threshold' });
    expect(record.plan).toMatchObject({ kind: 'execute', trigger: 'cli', router: 'direct', outcome: { orders: expect.any(Array), fees: expect.any(String), realised_gain: expect.any(String) } });
  });

  it('sends every sale\'s lots to the tax sink, one record per lot, matching the tax report', async () => {
    const h = await openHarness(scenarioYaml(4));
    const result = await h.execute();
    expect(h.taxRecords.length).toBeGreaterThan(0);
    const gain = h.taxRecords.reduce((acc, r) => acc.plus(r.gain), result.realisedGain.times(0));
    expect(gain.eq(result.realisedGain)).toBe(true);
    for (const record of h.taxRecords) expect(record.proceeds.minus(record.costBasis).eq(record.gain)).toBe(true);
  });
});

describe('execute: a crash at any venue call, then execute again', () => {
  for (const when of ['before', 'after'] as const) {
    for (const at of [1, 2, 3, 5, 8]) {
      it(`crash ${when} call ${at}: the next execute finishes the run, nothing placed twice`, async () => {
        const h = await openHarness(scenarioYaml(10, { partialFills: '30%' }));
        void h.execute({}, { router: crashingRouter(createDirectRouter(h.venues), at, when) });
        await new Promise((resolve) => setTimeout(resolve, 20));
        const resumed = await h.execute();
        // The manifest was saved before the first call, so the crashed run is found and finished.
        expect(resumed.kind).toBe('resumed');
        expect(resumed.orders.find((o) => o.resumed)?.resumed).toMatch(/found at the venue|not found at the venue: sent|not sent before the interruption|already|open at the venue|cancelled/);
        expect(resumed.orders.filter((o) => o.status === 'unknown')).toEqual([]);
        const check = await clean(h);
        expect(check.problems).toEqual([]);
        expect(check.orders).toBe(check.venueOrders);
      });
    }
  }

  it('--resume with nothing interrupted says so and plans nothing', async () => {
    const h = await openHarness(scenarioYaml(4));
    const result = await h.execute({ resume: true });
    expect(result.refusals.map((r) => r.code)).toEqual(['nothing_to_resume']);
    expect(h.ledger.paperOrders('ex1')).toEqual([]);
  });
});

describe('execute: venue faults', () => {
  it('a timeout after the venue accepted is looked up by client order id, never re-sent', async () => {
    const h = await openHarness(scenarioYaml(6, { faults: { timeout_after_accept: '60%' } }));
    const result = await h.execute();
    expect(result.orders.every((o) => o.status === 'filled')).toBe(true);
    const events = result.orders.flatMap((o) => h.ledger.orderEvents(o.client_order_id));
    expect(events.some((e) => e.event === 'error' && /timeout/.test(e.details.message ?? ''))).toBe(true);
    expect((await clean(h)).problems).toEqual([]);
  });

  it('rate limits back off exponentially within the cap, with the venue\'s retry-after as the floor', async () => {
    const h = await openHarness(scenarioYaml(6, { faults: { rate_limit: '50%' } }));
    const result = await h.execute({}, { retry: { attempts: 8, baseMs: 100, maxMs: 2000 } });
    expect(result.orders.every((o) => o.status === 'filled')).toBe(true);
    expect(h.waits.length).toBeGreaterThan(0);
    expect(h.waits.every((ms) => ms >= 1000 && ms <= 2000)).toBe(true);
    expect((await clean(h)).problems).toEqual([]);
  });

  it('a refused order fails its leg with the reason; the other legs go on; the run is partial', async () => {
    const h = await openHarness(scenarioYaml(6, { faults: { reject: '40%' } }));
    const result = await h.execute();
    const failed = result.orders.filter((o) => o.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]!.error).toContain('the venue refused the order');
    expect(result.orders.some((o) => o.status === 'filled')).toBe(true);
    expect(result.status).toBe('partial');
    expect((await clean(h)).problems).toEqual([]);
  });
});

describe('execute: one run at a time', () => {
  it('refuses while another live process holds the lock, naming it; recovers a dead one\'s lock', async () => {
    const h = await openHarness(scenarioYaml(4));
    h.ledger.acquireRunLock({ holder: 'heartbeat', pid: 4242, host: 'test-host', startedAt: NOW }, () => true);
    await expect(h.execute({}, { lock: { holder: 'cli', pid: 1, host: 'test-host', isAlive: () => true } })).rejects.toThrow(/Another rebalance is running: heartbeat \(pid 4242 on test-host\)/);
    const result = await h.execute({}, { lock: { holder: 'cli', pid: 1, host: 'test-host', isAlive: (pid) => pid !== 4242 } });
    expect(result.recoveredLock?.pid).toBe(4242);
    expect(h.ledger.runLock()).toBeUndefined();
  });
});

describe('execute: what the user sees', () => {
  it('in a terminal: a progress line per order event as it happens, then a table of every leg', async () => {
    const { progressLine, renderExecute } = await import('../src/cli/render-execute.js');
    const h = await openHarness(scenarioYaml(6, { faults: { timeout_after_accept: '30%' } }));
    const lines: string[] = [];
    const result = await h.execute({}, { onProgress: (event) => lines.push(progressLine(event)) });
    const first = result.orders[0]!;
    expect(lines[0]).toBe(`→ ${first.side} ${first.quantity} ${first.market.split('/')[0]} on ${first.venue} [${first.client_order_id}]: sent`);
    expect(lines.filter((line) => line.startsWith('✓')).length).toBe(result.orders.filter((o) => o.status === 'filled').length);
    expect(lines.some((line) => line.includes('found at the venue'))).toBe(true);
    const table = renderExecute(result, { currency: 'USD', terminal: true });
    expect(table).toContain('│ Venue │ Market   │ Side │');
    expect(table.split('\n').filter((line) => /│ (filled|partly filled|failed) +│/.test(line)).length).toBe(result.orders.length);
  });
});
