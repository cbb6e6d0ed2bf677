// The parts of execute on their own: which venue failures are retried or looked up, the backoff's
// bounds, the run lock in the ledger, the file tax sink's record shape and its de-duplication, and
// the kill switch's config default.
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../src/config.js';
import { OrderCallError } from '../src/errors.js';
import { createFileTaxSink } from '../src/host/tax-sink-file.js';
import { openLedger } from '../src/ledger/open-ledger.js';
import { Decimal } from '../src/money.js';
import { backoffMs, classifyFailure, DEFAULT_RETRY } from '../src/rebalancer/execute/retry.js';
import { tempDir } from './helpers/run-kit.js';

describe('classifyFailure', () => {
  const call = (failure: ConstructorParameters<typeof OrderCallError>[2]) => new OrderCallError('ex', 'place order', failure, 'why', 'c1');
  it.each([
    ['timeout', 'unknown'],
    ['network', 'unknown'],
    ['rate_limit', 'retry'],
    ['rejected', 'refused'],
    ['duplicate_order', 'duplicate'],
    ['order_not_found', 'not_found'],
  ] as const)('%s -> %s', (failure, kind) => expect(classifyFailure(call(failure)).kind).toBe(kind));

  it('a host router\'s HTTP 503 or timeout may have reached the venue; a 400 is a refusal', () => {
    expect(classifyFailure(new Error('HTTP 503 Service Unavailable')).kind).toBe('unknown');
    expect(classifyFailure(new Error('request timed out')).kind).toBe('unknown');
    expect(classifyFailure(new Error('HTTP 400 invalid quantity')).kind).toBe('refused');
  });
});

describe('backoffMs', () => {
  it('doubles per attempt with jitter in the upper half, never above the cap, never below retry-after', () => {
    const policy = { ...DEFAULT_RETRY, baseMs: 100, maxMs: 1000 };
    expect([1, 2, 3, 4, 5].map((attempt) => backoffMs(policy, attempt, () => 0.999))).toEqual([100, 200, 400, 800, 1000]);
    expect([1, 2, 3].map((attempt) => backoffMs(policy, attempt, () => 0))).toEqual([50, 100, 200]);
    expect(backoffMs(policy, 1, () => 0, 700)).toBe(700);
    expect(backoffMs(policy, 1, () => 0, 5000)).toBe(1000);
  });
});

describe('run lock', () => {
  const holder = (pid: number) => ({ holder: 'cli', pid, host: 'h', startedAt: new Date('2026-11-23T14:00:00Z') });
  it('one holder at a time; the same process may take it again; a dead holder\'s lock is recovered; only the holder releases it', () => {
    const ledger = openLedger(':memory:');
    expect(ledger.schemaVersion()).toBeGreaterThanOrEqual(6);
    expect(ledger.acquireRunLock(holder(10), () => true)).toEqual({ acquired: true });
    expect(ledger.acquireRunLock(holder(11), () => true)).toMatchObject({ acquired: false, heldBy: { pid: 10, holder: 'cli', host: 'h' } });
    expect(ledger.acquireRunLock(holder(10), () => true)).toEqual({ acquired: true });
    ledger.releaseRunLock(11, 'h');
    expect(ledger.runLock()?.pid).toBe(10);
    expect(ledger.acquireRunLock({ ...holder(11), host: 'other' }, () => false)).toMatchObject({ acquired: false });
    expect(ledger.acquireRunLock(holder(11), (pid) => pid !== 10)).toMatchObject({ acquired: true, recovered: { pid: 10 } });
    ledger.releaseRunLock(11, 'h');
    expect(ledger.runLock()).toBeUndefined();
  });
});

describe('file tax sink', () => {
  const record = { tradeId: 't1', asset: 'BTC', quantity: new Decimal('0.5'), proceeds: new Decimal('49000'), disposalDate: new Date('2026-11-23T14:00:00Z'), costBasis: new Decimal('21000'), gain: new Decimal('28000'), holdingDays: 1017, longTerm: true, lotId: 'lot-a', acquisitionDate: new Date('2024-02-10T00:00:00Z') };
  it('appends CapitalGain lines in the Tax Calculator\'s field order, once per (trade, lot), past a torn line', async () => {
    const file = join(tempDir('kit-sink-'), 'tax-sink.jsonl');
    const sink = createFileTaxSink(file);
    await sink.record([record]);
    appendFileSync(file, '{"trade_id": "t9", "ass');
    appendFileSync(file, '\n');
    await sink.record([record, { ...record, lotId: 'lot-b' }]);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('{"trade_id":"t1","asset":"BTC","quantity":"0.5","cost_basis":"21000","proceeds":"49000","gain_loss":"28000","holding_period_days":1017,"is_long_term":true,"acquisition_date":"2024-02-10","disposal_date":"2026-11-23","lot_id":"lot-a"}');
    expect(lines.filter((line) => line.includes('"trade_id":"t1"')).map((line) => JSON.parse(line).lot_id)).toEqual(['lot-a', 'lot-b']);
  });
});

describe('execution.max_turnover_per_run', () => {
  it('defaults to 25% of the portfolio and takes a percent', () => {
    expect(parseConfigText('portfolio_rebalancer: {}', 't').execution.max_turnover_per_run.toFixed()).toBe('0.25');
    expect(parseConfigText('portfolio_rebalancer: {execution: {max_turnover_per_run: 10%}}', 't').execution.max_turnover_per_run.toFixed()).toBe('0.1');
  });
});
