// In-process execute runs over an in-memory (or file) ledger and paper venues: no sleeping (the
// venues' latency and the backoff go through a recorded fake sleep), a seeded jitter, and a router
// that can be wrapped to simulate a crash at a chosen call.
import { createDirectRouter } from '../../src/adapters/direct-router.js';
import { createVenues } from '../../src/adapters/index.js';
import { type Config, parseConfigText } from '../../src/config.js';
import { fixedClock } from '../../src/host/clock.js';
import { openLedger } from '../../src/ledger/open-ledger.js';
import type { DisposalRecord, Ledger, OrderRouter, Venue } from '../../src/ports.js';
import { createSession, type ExecuteDeps, executeRebalance, type ExecuteOptions, type ExecuteResult } from '../../src/rebalancer.js';

export const NOW = new Date('2026-11-23T14:00:00Z');
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

export interface Harness {
  config: Config;
  ledger: Ledger;
  venues: Venue[];
  waits: number[];
  taxRecords: DisposalRecord[];
  execute(options?: ExecuteOptions, overrides?: Partial<ExecuteDeps>): Promise<ExecuteResult>;
}

export async function openHarness(yaml: string, file = ':memory:'): Promise<Harness> {
  const config = parseConfigText(yaml, 'test');
  const ledger = openLedger(file);
  const waits: number[] = [];
  const sleep = async (ms: number) => {
    waits.push(ms);
  };
  const clock = fixedClock(NOW);
  const venues = await createVenues(config, { clock, ledger, env: {}, logger: quiet, prices: config.prices, priceHistory: config.price_history, sleep });
  const taxRecords: DisposalRecord[] = [];
  let runs = 0;
  let jitter = 0;
  const execute = (options: ExecuteOptions = {}, overrides: Partial<ExecuteDeps> = {}) =>
    executeRebalance(createSession({ config, venues, ledger, clock, logger: quiet }), {
      router: createDirectRouter(venues),
      routerName: 'direct',
      taxSink: { record: async (records) => void taxRecords.push(...records) },
      sleep,
      random: () => (jitter = (jitter + 0.37) % 1),
      lock: { holder: 'test', pid: process.pid, host: 'test-host', isAlive: () => true },
      newRunId: () => `run${++runs}`,
      ...overrides,
    }, options);
  return { config, ledger, venues, waits, taxRecords, execute };
}

/** A router that forwards to `inner` until call number `at` (counting submits, lookups and cancels), which never returns: the process "dies" there. */
export function crashingRouter(inner: OrderRouter, at: number, when: 'before' | 'after'): OrderRouter {
  let calls = 0;
  const hang = () => new Promise<never>(() => undefined);
  const wrap = <A extends unknown[], R>(call: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    calls++;
    if (calls !== at) return call(...args);
    if (when === 'after') await call(...args).catch(() => undefined);
    return hang();
  };
  return { submit: wrap(inner.submit), status: wrap(inner.status), cancel: wrap(inner.cancel) };
}
