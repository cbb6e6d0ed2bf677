// Per-request randomness for a paper venue: latency, faults and partial fills. Each request draws
// from its own generator, seeded by (faults.seed, venue, operation, client order id, attempt), so
// an outcome does not depend on how concurrent requests interleave, and a retry of the same
// request is a fresh draw (else a faulted request would fault forever).
import type { VenueConfig } from '../../config.js';
import { OrderCallError } from '../../errors.js';
import { Decimal } from '../../money.js';

export type PaperOperation = 'place order' | 'fetch order' | 'cancel order';

export interface RequestDraw {
  /** The next number in [0, 1). */
  next(): number;
  /** True with probability `rate` (a fraction; absent means never). */
  chance(rate: Decimal | undefined): boolean;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: small, fast and good enough for simulated faults; the same seed, the same sequence. */
export function seededDraw(seedText: string): RequestDraw {
  let state = fnv1a(seedText);
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, chance: (rate) => rate !== undefined && rate.gt(0) && new Decimal(next()).lt(rate) };
}

export interface RequestFaults {
  /** Waits the configured latency, then fails as a network error or rate limit, or returns the draw for the rest. */
  begin(operation: PaperOperation, clientOrderId: string): Promise<RequestDraw>;
}

export function requestFaults(venue: string, config: VenueConfig, sleep: (ms: number) => Promise<void>): RequestFaults {
  const attempts = new Map<string, number>();
  const faults = config.faults;
  return {
    async begin(operation, clientOrderId) {
      const key = `${operation}\u0000${clientOrderId}`;
      const attempt = (attempts.get(key) ?? 0) + 1;
      attempts.set(key, attempt);
      const draw = seededDraw(`${faults?.seed ?? 1}\u0000${venue}\u0000${key}\u0000${attempt}`);
      // Every draw is taken whether or not it is used, so later draws do not shift with the config.
      const latency = config.latency ? config.latency.min + Math.floor(draw.next() * (config.latency.max - config.latency.min + 1)) : 0;
      const networkError = draw.chance(faults?.network_error);
      const rateLimited = draw.chance(faults?.rate_limit);
      if (latency > 0) await sleep(latency);
      if (networkError) throw new OrderCallError(venue, operation, 'network', 'connection reset before the venue answered (simulated: faults.network_error)', clientOrderId);
      if (rateLimited) throw new OrderCallError(venue, operation, 'rate_limit', 'HTTP 429 too many requests (simulated: faults.rate_limit)', clientOrderId, { retryAfterMs: 1_000 });
      return draw;
    },
  };
}
