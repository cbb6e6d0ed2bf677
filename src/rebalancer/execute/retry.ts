// When a venue call may be tried again, and how long to wait. Timeouts, network errors, HTTP 429
// and 5xx are retryable; a timeout or network error leaves the outcome unknown, so the order is
// looked up by client order id before it is sent again. Waits grow exponentially, are capped, and
// carry jitter (full jitter over the upper half), from an injected sleep and random source.
import { OrderCallError, VenueError } from '../../errors.js';

export interface RetryPolicy {
  /** Tries per call, the first included. */
  attempts: number;
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseMs: 250, maxMs: 5_000 };

export type CallFailure =
  /** The venue may have acted: look the order up before anything else. */
  | { kind: 'unknown'; message: string; retryAfterMs?: number | undefined }
  /** Nothing was done; try again after a wait. */
  | { kind: 'retry'; message: string; retryAfterMs?: number | undefined }
  /** The venue already has this client order id. */
  | { kind: 'duplicate'; message: string }
  /** The venue does not know the order. */
  | { kind: 'not_found'; message: string }
  /** Refused for good: this leg stops. */
  | { kind: 'refused'; message: string };

const HTTP_RETRYABLE = /\b(429|5\d\d)\b|too many requests|rate limit|timed? ?out|ECONNRESET|ETIMEDOUT|EAI_AGAIN|socket hang up/i;

export function classifyFailure(error: unknown): CallFailure {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof OrderCallError) {
    if (error.failure === 'duplicate_order') return { kind: 'duplicate', message };
    if (error.failure === 'order_not_found') return { kind: 'not_found', message };
    if (error.outcomeUnknown) return { kind: 'unknown', message, retryAfterMs: error.retryAfterMs };
    if (error.retryable) return { kind: 'retry', message, retryAfterMs: error.retryAfterMs };
    return { kind: 'refused', message };
  }
  if (error instanceof VenueError) return error.retryable ? { kind: 'unknown', message } : { kind: 'refused', message };
  // An error from outside our adapters (a host router): a timeout or 5xx may have reached the venue.
  return HTTP_RETRYABLE.test(message) ? { kind: 'unknown', message } : { kind: 'refused', message };
}

/** The wait before try `attempt + 1` (attempt counts from 1). */
export function backoffMs(policy: RetryPolicy, attempt: number, random: () => number, retryAfterMs?: number): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
  const jittered = Math.round(exponential * (0.5 + random() / 2));
  return Math.min(policy.maxMs, Math.max(jittered, retryAfterMs ?? 0));
}

export function retryPolicy(overrides: Partial<RetryPolicy> | undefined): RetryPolicy {
  return { ...DEFAULT_RETRY, ...overrides };
}
