// One alert to one channel, tried up to `attempts` times. Between tries: the wait the service
// asked for (Retry-After, retry_after) when it said one, else exponential backoff with jitter
// (half the step fixed, half random, so many plugins behind one NAT do not retry in lockstep).
// A wait longer than `maxWaitMs` is not slept through: the send stops and the alert goes to the
// outbox, due when the service said. Sleep and randomness are injected: tests run no timers.
import type { Notification } from '../ports.js';
import { SEVERITY_RANK, type Channel } from './channel.js';
import { NotifyError } from './errors.js';
import type { Scrub } from './scrub.js';

export interface RetryPolicy {
  attempts: number;
  baseMs: number;
  maxMs: number;
  maxWaitMs: number;
}

export interface RetryDeps {
  sleep: (ms: number) => Promise<void>;
  /** In [0, 1). */
  random: () => number;
  scrub: Scrub;
}

export type Delivery =
  | { ok: true; attempts: number }
  | { ok: false; attempts: number; error: NotifyError; /** Not before this many ms from now. */ retryAfterMs?: number | undefined };

/** The wait before try `retry + 1` (retry counts from 1). */
export function backoffDelay(policy: RetryPolicy, retry: number, random: () => number): number {
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** (retry - 1));
  return Math.round(step / 2 + (random() * step) / 2);
}

export function wantsChannel(channel: Channel, notification: Notification): boolean {
  return SEVERITY_RANK[notification.severity] >= SEVERITY_RANK[channel.minSeverity];
}

export async function deliver(deps: RetryDeps, policy: RetryPolicy, channel: Channel, notification: Notification): Promise<Delivery> {
  for (let attempt = 1; ; attempt++) {
    let error: NotifyError;
    try {
      await channel.send(notification);
      return { ok: true, attempts: attempt };
    } catch (thrown) {
      error = asNotifyError(channel.name, thrown, deps.scrub);
    }
    if (!error.retryable || attempt >= policy.attempts) return { ok: false, attempts: attempt, error, retryAfterMs: error.retryAfterMs };
    const wait = error.retryAfterMs ?? backoffDelay(policy, attempt, deps.random);
    if (wait > policy.maxWaitMs) return { ok: false, attempts: attempt, error, retryAfterMs: wait };
    await deps.sleep(wait);
  }
}

/** Any failure as a NotifyError whose text has been scrubbed (channels scrub theirs; this is the backstop). */
export function asNotifyError(channel: string, thrown: unknown, scrub: Scrub): NotifyError {
  if (thrown instanceof NotifyError) {
    const reason = scrub(thrown.reason);
    const details = thrown.details === undefined ? undefined : scrub(thrown.details);
    if (reason === thrown.reason && details === thrown.details) return thrown;
    return new NotifyError(channel, reason, thrown.retryable, { status: thrown.status, retryAfterMs: thrown.retryAfterMs, details });
  }
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return new NotifyError(channel, scrub(message) || 'unknown failure', false);
}
