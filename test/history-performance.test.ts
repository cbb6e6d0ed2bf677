// The history's figures from ledger records: the rebalancing bonus against holding the first
// snapshot (hand-checked in helpers/history-records.ts), cumulative fees, weights against bands,
// and older or foreign records that lack the fields performance needs.
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../src/config.js';
import { fixedClock } from '../src/host/clock.js';
import { openLedger } from '../src/ledger/open-ledger.js';
import { Decimal } from '../src/money.js';
import type { RebalanceRecord } from '../src/ports.js';
import { createSession, rebalanceHistoryFor } from '../src/rebalancer.js';
import { historyEvent } from '../src/rebalancer/history/event.js';
import { performanceOf } from '../src/rebalancer/history/performance.js';
import { HISTORY_RECORDS, PREVIEW_RECORD } from './helpers/history-records.js';

const CONFIG = `portfolio_rebalancer:
  targets: {BTC: 60%, USDC: 40%}
  cash_assets: [USDC]
  drift_threshold: 4%
  prices: {BTC: "50000", USDC: "1"}
  venues:
    ex: {kind: cex, adapter: paper, quote: USDC, markets: {BTC: {}}, balances: {BTC: "1", USDC: "50000"}}
`;

function historyOf(records: readonly RebalanceRecord[], limit?: number) {
  const ledger = openLedger(':memory:');
  for (const record of records) ledger.saveRebalance(record);
  const session = createSession({ config: parseConfigText(CONFIG, 'test'), venues: [], ledger, clock: fixedClock(new Date('2026-03-12T00:00:00Z')) });
  return rebalanceHistoryFor(session, { limit });
}

const texts = (values: readonly (Decimal | undefined)[]) => values.map((value) => value?.toFixed());

describe('rebalance history: performance', () => {
  it('measures the bonus at each event against the first snapshot held unchanged, at that event’s prices', () => {
    const { performance } = historyOf(HISTORY_RECORDS);
    expect(performance.baseline?.at.toISOString()).toBe('2026-01-10T09:00:00.000Z');
    expect(performance.bonusSeries.map((point) => [point.actual.toFixed(), point.held.toFixed(), point.bonus.toFixed()])).toEqual([
      ['100000', '100000', '0'],
      ['89990', '88000', '1990'],
      ['101235', '100000', '1235'],
    ]);
    expect(performance.bonus?.fraction?.toFixed()).toBe('0.01235');
    expect(performance.notes).toEqual([]);
  });

  it('adds up the fees event by event, and charts the value before and after each event', () => {
    const { performance } = historyOf(HISTORY_RECORDS);
    expect(texts(performance.fees.map((point) => point.cumulative))).toEqual(['10', '15', '18']);
    expect(performance.totalFees.toFixed()).toBe('18');
    expect(performance.values.map((point) => `${point.at.toISOString().slice(0, 16)} ${point.value.toFixed()}`)).toEqual([
      '2026-01-10T09:00 100000',
      '2026-01-10T09:01 99990',
      '2026-02-10T09:00 89990',
      '2026-02-10T09:02 89985',
      '2026-03-10T09:00 101235',
      '2026-03-10T09:03 101232',
    ]);
  });

  it("lists the latest events first, at most --limit, leaves previews out, and keeps the whole history's performance", () => {
    const history = historyOf([...HISTORY_RECORDS, PREVIEW_RECORD], 2);
    expect(history.total).toBe(3);
    expect(history.events.map((event) => event.id)).toEqual(['run-3', 'run-2']);
    expect(history.performance.bonusSeries).toHaveLength(3);
  });

  it("weighs each asset before and after each event against the record's band, else today's", () => {
    const { weights } = historyOf(HISTORY_RECORDS);
    const btc = weights.find((series) => series.asset === 'BTC')!;
    // Before the first event: 1.2 x 50,000 of 100,000. After it: 50,000 of 99,990.
    expect(btc.points[0]!.weight.toFixed()).toBe('0.6');
    expect(btc.points[1]!.weight.toDecimalPlaces(6).toFixed()).toBe('0.50005');
    expect(btc.points[0]!.band).toMatchObject({ low: new Decimal('0.45'), high: new Decimal('0.55') });
    // run-3 kept no band: today's target 60% with the config's 4% threshold.
    expect(texts([btc.points[4]!.band?.target, btc.points[4]!.band?.low, btc.points[4]!.band?.high])).toEqual(['0.6', '0.56', '0.64']);
    expect(weights.map((series) => series.asset)).toEqual(['BTC', 'USDC']);
  });

  it('still lists older records without holdings or prices, and says why the bonus is missing', () => {
    const old: RebalanceRecord = { id: 'old', createdAt: new Date('2025-12-01T00:00:00Z'), strategy: 'threshold', status: 'completed', valueBefore: new Decimal('90000'), valueAfter: new Decimal('89950'), plan: null };
    const history = historyOf([old]);
    expect(history.events[0]).toMatchObject({ id: 'old', orders: [], fees: undefined });
    expect(history.performance.bonus).toBeUndefined();
    expect(history.performance.notes).toEqual([
      '1 of 1 events record no fees; the total leaves them out.',
      'No event records its holdings and prices (holdings_before, prices), so the rebalancing bonus cannot be measured yet.',
    ]);
    // The bonus starts at the first record that has holdings; the older one still counts for value.
    const mixed = historyOf([old, ...HISTORY_RECORDS]);
    expect(mixed.performance.baseline?.at.toISOString()).toBe('2026-01-10T09:00:00.000Z');
    expect(mixed.performance.values[0]!.value.toFixed()).toBe('90000');
  });

  it('reads malformed fields as absent instead of failing', () => {
    const event = historyEvent({
      ...HISTORY_RECORDS[0]!,
      plan: { trigger: 7, fees: 'lots', orders: [{ venue: 'ex', side: 'sideways' }, HISTORY_RECORDS[0]!.plan && (HISTORY_RECORDS[0]!.plan as { orders: unknown[] }).orders[0]], prices: { BTC: 'x' } },
    });
    expect(event.trigger).toBeUndefined();
    expect(event.fees).toBeUndefined();
    expect(event.prices).toBeUndefined();
    expect(event.orders.map((order) => order.quantity.toFixed())).toEqual(['0.2']);
  });

  it('skips an event whose prices miss an asset of the first snapshot, and says so', () => {
    const events = HISTORY_RECORDS.map(historyEvent);
    events[1] = { ...events[1]!, prices: new Map([['BTC', new Decimal(40000)]]) };
    const performance = performanceOf(events);
    expect(performance.bonusSeries.map((point) => point.bonus.toFixed())).toEqual(['0', '1235']);
    expect(performance.notes).toEqual(['The event of 2026-02-10 has no price for USDC, held in the first snapshot; the bonus skips it.']);
  });
});
