// Sends each alert to every configured channel that wants its severity, with retries (retry.ts).
// A channel that still fails has the alert written to the ledger's outbox, with the attempts
// made and the scrubbed error; `flushOutbox()` (run at the start of every check) sends what is
// due, oldest first, and stops early on a channel that is still down. Nothing is dropped without
// a trace: an alert older than `maxAgeMs` is marked expired with why, and the flush reports it.
import type { Clock, Logger, Notification, Notifier, OutboxEntry, OutboxStore } from '../ports.js';
import type { Channel } from './channel.js';
import { deliver, wantsChannel, type RetryDeps, type RetryPolicy } from './retry.js';

export interface DispatcherDeps extends RetryDeps {
  channels: readonly Channel[];
  outbox: OutboxStore;
  clock: Clock;
  logger: Logger;
}

export interface DispatcherOptions extends RetryPolicy {
  /** Undelivered alerts older than this are expired instead of sent late. */
  maxAgeMs: number;
  /** How long a flush holds an entry it is sending (another process skips it meanwhile). */
  claimMs?: number;
  /** Entries one flush looks at. */
  batch?: number;
}

export interface SendReport {
  delivered: string[];
  /** Channels that failed; the alert is in the outbox for each, under `outboxId`. */
  queued: { channel: string; outboxId: number; error: string }[];
  /** Channels whose min_severity is above the alert's. */
  skipped: string[];
}

export interface FlushReport {
  delivered: number;
  failed: { channel: string; outboxId: number; error: string }[];
  expired: { channel: string; outboxId: number; reason: string }[];
  /** Entries still pending after this flush. */
  pending: number;
}

/** A Notifier (send) that can also say what happened (dispatch) and resend the outbox. */
export interface Dispatcher extends Notifier {
  dispatch(notification: Notification): Promise<SendReport>;
  flushOutbox(): Promise<FlushReport>;
}

interface Context {
  deps: DispatcherDeps;
  options: DispatcherOptions;
  byName: ReadonlyMap<string, Channel>;
}

export function createDispatcher(deps: DispatcherDeps, options: DispatcherOptions): Dispatcher {
  const context: Context = { deps, options, byName: new Map(deps.channels.map((channel) => [channel.name, channel])) };

  async function dispatch(notification: Notification): Promise<SendReport> {
    const report: SendReport = { delivered: [], queued: [], skipped: [] };
    const wanted = deps.channels.filter((channel) => wantsChannel(channel, notification));
    report.skipped = deps.channels.filter((channel) => !wanted.includes(channel)).map((channel) => channel.name);
    await Promise.all(wanted.map((channel) => sendTo(context, channel, notification, report)));
    return report;
  }

  return {
    dispatch,
    async send(notification) {
      await dispatch(notification);
    },
    async flushOutbox() {
      const report: FlushReport = { delivered: 0, failed: [], expired: [], pending: 0 };
      const down = new Set<string>();
      for (const entry of deps.outbox.dueOutbox(deps.clock.now(), options.batch ?? 100)) await flushOne(context, entry, report, down);
      report.pending = deps.outbox.outboxEntries('pending').length;
      return report;
    },
  };
}

const later = (deps: DispatcherDeps, ms: number | undefined) => (ms === undefined ? undefined : new Date(deps.clock.now().getTime() + ms));

async function sendTo({ deps, options }: Context, channel: Channel, notification: Notification, report: SendReport): Promise<void> {
  const result = await deliver(deps, options, channel, notification);
  if (result.ok) {
    report.delivered.push(channel.name);
    return;
  }
  const error = result.error.message;
  const outboxId = deps.outbox.enqueueOutbox({
    channel: channel.name,
    notification,
    attempts: result.attempts,
    lastError: error,
    at: deps.clock.now(),
    nextAttemptAt: later(deps, result.retryAfterMs),
  });
  report.queued.push({ channel: channel.name, outboxId, error });
  deps.logger.warn({ channel: channel.name, kind: channel.kind, attempts: result.attempts, outboxId, error }, 'alert not delivered; kept in the outbox for the next check');
}

/** One outbox entry: expired, skipped (its channel already failed this flush, or another process holds it), or tried. */
async function flushOne({ deps, options, byName }: Context, entry: OutboxEntry, report: FlushReport, down: Set<string>): Promise<void> {
  const now = deps.clock.now();
  const channel = byName.get(entry.channel);
  const tooOld = now.getTime() - entry.createdAt.getTime() > options.maxAgeMs;
  if (!channel || tooOld) {
    const reason = !channel ? `channel "${entry.channel}" is no longer configured` : `undelivered for longer than ${Math.round(options.maxAgeMs / 3_600_000)} h`;
    deps.outbox.expireOutbox(entry.id, now, `${reason}; last error: ${entry.lastError ?? 'none'}`);
    report.expired.push({ channel: entry.channel, outboxId: entry.id, reason });
    deps.logger.error({ channel: entry.channel, outboxId: entry.id, title: entry.notification.title, reason }, 'alert given up');
    return;
  }
  if (down.has(channel.name) || !deps.outbox.claimOutbox(entry.id, now, new Date(now.getTime() + (options.claimMs ?? 300_000)))) return;
  const result = await deliver(deps, options, channel, entry.notification);
  if (result.ok) {
    deps.outbox.markOutboxSent(entry.id, deps.clock.now(), result.attempts);
    report.delivered += 1;
    return;
  }
  down.add(channel.name);
  const error = result.error.message;
  deps.outbox.markOutboxFailed(entry.id, { at: deps.clock.now(), attempts: result.attempts, error, nextAttemptAt: later(deps, result.retryAfterMs) });
  report.failed.push({ channel: channel.name, outboxId: entry.id, error });
  deps.logger.warn({ channel: channel.name, outboxId: entry.id, attempts: entry.attempts + result.attempts, error }, 'outbox alert still not delivered');
}
