// The heartbeat check over real sessions (paper venue, in-memory ledger), a fake clock moving 4
// hours a check and BTC's price following a script: what lands in the user's channel.
import { afterEach, describe, expect, it } from 'vitest';
import { createVenues } from '../src/adapters/index.js';
import { parseConfigText } from '../src/config.js';
import { fixedClock } from '../src/host/clock.js';
import { openLedger } from '../src/ledger/open-ledger.js';
import type { Ledger, Notification } from '../src/ports.js';
import { createSession } from '../src/rebalancer.js';
import type { ExecuteRebalance } from '../src/rebalancer/heartbeat/auto-execute.js';
import { runHeartbeatCheck } from '../src/rebalancer/heartbeat/check.js';

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const HOUR = 3_600_000;

const yaml = (btcPrice: string, monitoring = '') => `portfolio_rebalancer:
  targets: {BTC: 50%, USDC: 50%}
  cash_assets: [USDC]
  prices: {BTC: "${btcPrice}", USDC: "1"}
  monitoring: {cooldown: 7d${monitoring}}
  venues:
    ex:
      kind: cex
      adapter: paper
      quote: USDC
      markets: {BTC: {amount_step: "0.0001"}}
      balances: {BTC: "0.5", USDC: "50000"}
`;

const ledgers: Ledger[] = [];
afterEach(() => {
  for (const ledger of ledgers.splice(0)) ledger.close();
});

/** One check at `at` with BTC at `price`, over `ledger`; returns what was sent. */
async function check(ledger: Ledger, at: Date, price: string, options: { monitoring?: string; execute?: ExecuteRebalance } = {}) {
  const config = parseConfigText(yaml(price, options.monitoring), 'test');
  const clock = fixedClock(at);
  const venues = await createVenues(config, { clock, ledger, env: {}, logger: quiet, prices: config.prices, pricesAt: config.prices_at, priceHistory: config.price_history });
  const sent: Notification[] = [];
  await runHeartbeatCheck(createSession({ config, venues, ledger, clock }), { notifier: { send: async (n) => void sent.push(n) }, execute: options.execute });
  return sent;
}

describe('heartbeat checks over a simulated week', () => {
  it('alerts when BTC crosses the threshold, stays quiet while it stays over, and says when it is back within', async () => {
    const ledger = openLedger(':memory:');
    ledgers.push(ledger);
    // 50%, 53.5%, 55.6% (over 5 points), 57.1%, 55.6%, 50%: one alert on crossing, one when back.
    const prices = ['100000', '115000', '125000', '133000', '125000', '100000'];
    const sent: Notification[] = [];
    const start = Date.parse('2026-11-23T00:00:00Z');
    for (let day = 0; day < 7; day++) {
      for (let slot = 0; slot < 6; slot++) {
        const price = prices[Math.min(day, prices.length - 1)]!;
        sent.push(...(await check(ledger, new Date(start + (day * 24 + slot * 4) * HOUR), price)));
      }
    }
    expect(sent.map((n) => [n.at.toISOString(), n.title])).toEqual([
      ['2026-11-25T00:00:00.000Z', '⚖️ Portfolio alert: BTC, USDC'],
      ['2026-11-28T00:00:00.000Z', '✅ Portfolio back within bands'],
    ]);
    expect(sent[0]!.body).toContain('| BTC | 55.6% | 50.0% | +5.6% | ← Overweight |');
    expect(sent[0]!.body).toContain('⚠️ BTC and USDC exceed 5% drift threshold.');
    expect(sent[0]!.body).toMatch(/Recommended trades:\n- Sell 0\.0\d+ BTC \(\$[\d,]+\) on ex/);
    expect(sent[1]!.body).toContain('✅ BTC is back within the 5% drift threshold.');
    expect(sent[1]!.body).toContain('✅ Every asset is back within its band.');
    expect(sent[1]!.severity).toBe('info');
    // Every check is in the ledger: 7 days x 6.
    expect(ledger.heartbeatChecks(100)).toHaveLength(42);
  });

  it('with auto_execute and no executor wired, says that nothing was executed', async () => {
    const ledger = openLedger(':memory:');
    ledgers.push(ledger);
    const [alert] = await check(ledger, new Date('2026-11-23T00:00:00Z'), '125000', { monitoring: ', auto_execute: true' });
    expect(alert!.body).toContain('🤖 auto_execute is on, but this build has no executor wired to the heartbeat: nothing was executed. Run `kit rebalance execute` yourself.');
  });

  it('with auto_execute and an executor, runs it once on the crossing and says what it did', async () => {
    const ledger = openLedger(':memory:');
    ledgers.push(ledger);
    const calls: string[] = [];
    const execute: ExecuteRebalance = async (_session, { reason }) => (calls.push(reason), { summary: 'sold 0.0547 BTC on ex for $6,837.50; BTC is at 50.0%.' });
    const [alert] = await check(ledger, new Date('2026-11-23T00:00:00Z'), '125000', { monitoring: ', auto_execute: true', execute });
    await check(ledger, new Date('2026-11-23T04:00:00Z'), '125000', { monitoring: ', auto_execute: true', execute });
    expect(calls).toEqual(['heartbeat: drift:BTC, drift:USDC']);
    expect(alert!.body).toContain('🤖 Auto-executed: sold 0.0547 BTC on ex for $6,837.50; BTC is at 50.0%.');
    expect(alert!.body).not.toContain('Execute rebalance?');
  });

  it('an alert that cannot be sent is decided again at the next check', async () => {
    const ledger = openLedger(':memory:');
    ledgers.push(ledger);
    const config = parseConfigText(yaml('125000'), 'test');
    const at = new Date('2026-11-23T00:00:00Z');
    const venues = await createVenues(config, { clock: fixedClock(at), ledger, env: {}, logger: quiet, prices: config.prices, pricesAt: config.prices_at, priceHistory: config.price_history });
    const failed = await runHeartbeatCheck(createSession({ config, venues, ledger, clock: fixedClock(at) }), { notifier: { send: async () => Promise.reject(new Error('telegram: 502 Bad Gateway')) } });
    expect(failed.sendError).toBe('telegram: 502 Bad Gateway');
    expect(ledger.heartbeatChecks(1)[0]).toMatchObject({ alerts: 0, error: 'alert not sent: telegram: 502 Bad Gateway' });
    const retried = await check(ledger, new Date('2026-11-23T04:00:00Z'), '125000');
    expect(retried.map((n) => n.title)).toEqual(['⚖️ Portfolio alert: BTC, USDC']);
  });
});

describe('a calendar slot', () => {
  it('sends a "Scheduled rebalance" alert with the table and the trades, whatever the drift', async () => {
    const { runCalendarSlot } = await import('../src/rebalancer/heartbeat/calendar-check.js');
    const ledger = openLedger(':memory:');
    ledgers.push(ledger);
    const config = parseConfigText(yaml('104000').replace('  monitoring:', '  strategy: calendar\n  schedule: {type: daily, time: "09:00", timezone: America/New_York}\n  monitoring:'), 'test');
    const at = new Date('2026-11-23T14:00:00Z');
    const venues = await createVenues(config, { clock: fixedClock(at), ledger, env: {}, logger: quiet, prices: config.prices, pricesAt: config.prices_at, priceHistory: config.price_history });
    const sent: Notification[] = [];
    await runCalendarSlot(createSession({ config, venues, ledger, clock: fixedClock(at) }), { notifier: { send: async (n) => void sent.push(n) } }, at);
    expect(sent.map((n) => n.title)).toEqual(['📅 Scheduled rebalance (daily at 09:00 (America/New_York))']);
    // 51% BTC is within the 5% threshold, but the calendar strategy brings it back to target.
    expect(sent[0]!.body).toContain('| BTC | 51.0% | 50.0% | +1.0% |  |');
    expect(sent[0]!.body).toMatch(/Recommended trades:\n- Sell 0\.0096 BTC \(\$998\) on ex/);
  });
});

describe('a notifier made per session', () => {
  it('is made from the session and its outbox flushed before the check, so an earlier refused alert goes first', async () => {
    const ledger = openLedger(':memory:');
    ledgers.push(ledger);
    const config = parseConfigText(yaml('125000'), 'test');
    const at = new Date('2026-11-23T00:00:00Z');
    const venues = await createVenues(config, { clock: fixedClock(at), ledger, env: {}, logger: quiet, prices: config.prices, pricesAt: config.prices_at, priceHistory: config.price_history });
    const session = createSession({ config, venues, ledger, clock: fixedClock(at) });
    const events: string[] = [];
    await runHeartbeatCheck(session, {
      notifier: (s) => {
        events.push(`made for ${s === session ? 'this session' : 'another'}`);
        return { flushOutbox: async () => void events.push('outbox flushed'), send: async (n) => void events.push(`sent ${n.title}`) };
      },
    });
    expect(events).toEqual(['made for this session', 'outbox flushed', 'sent ⚖️ Portfolio alert: BTC, USDC']);
  });
});
