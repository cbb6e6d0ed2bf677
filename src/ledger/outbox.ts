// The notification outbox (migration 7). The alert is stored as JSON with its date as ISO text;
// errors arrive here already scrubbed by the dispatcher, which is the only writer.
import type { Database } from 'better-sqlite3';
import { InvariantError } from '../errors.js';
import type { Notification, OutboxEntry, OutboxStatus, OutboxStore, Severity } from '../ports.js';
import { dateText, nullable, optional, readDate } from './columns.js';
import { prepared } from './prepared.js';

interface OutboxRow {
  id: number;
  channel: string;
  notification_json: string;
  status: OutboxStatus;
  attempts: number;
  last_error: string | null;
  created_at: string;
  last_attempt_at: string | null;
  next_attempt_at: string | null;
  sent_at: string | null;
}

export function outboxStore(db: Database): OutboxStore {
  return {
    enqueueOutbox: (entry) =>
      Number(
        prepared(
          db,
          `INSERT INTO outbox (channel, notification_json, dedupe_key, attempts, last_error, created_at, last_attempt_at, next_attempt_at)
           VALUES (@channel, @json, @dedupeKey, @attempts, @lastError, @at, @at, @next)`,
        ).run({
          channel: entry.channel,
          json: notificationJson(entry.notification),
          dedupeKey: entry.notification.dedupeKey ?? null,
          attempts: entry.attempts,
          lastError: entry.lastError,
          at: dateText(entry.at),
          next: nullable(entry.nextAttemptAt, dateText),
        }).lastInsertRowid,
      ),
    dueOutbox: (now, limit) =>
      prepared<OutboxRow>(
        db,
        `SELECT * FROM outbox WHERE status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= @now)
         AND (claimed_until IS NULL OR claimed_until <= @now) ORDER BY created_at, id LIMIT @limit`,
      )
        .all({ now: dateText(now), limit })
        .map(readEntry),
    claimOutbox: (id, now, until) =>
      prepared(
        db,
        `UPDATE outbox SET claimed_until = @until
         WHERE id = @id AND status = 'pending' AND (claimed_until IS NULL OR claimed_until <= @now)`,
      ).run({ id, now: dateText(now), until: dateText(until) }).changes === 1,
    markOutboxSent: (id, at, attempts) => {
      prepared(
        db,
        `UPDATE outbox SET status = 'sent', sent_at = @at, last_attempt_at = @at, attempts = attempts + @attempts, claimed_until = NULL WHERE id = @id`,
      ).run({ id, at: dateText(at), attempts });
    },
    markOutboxFailed: (id, failure) => {
      prepared(
        db,
        `UPDATE outbox SET attempts = attempts + @attempts, last_error = @error, last_attempt_at = @at,
         next_attempt_at = @next, claimed_until = NULL WHERE id = @id`,
      ).run({ id, attempts: failure.attempts, error: failure.error, at: dateText(failure.at), next: nullable(failure.nextAttemptAt, dateText) });
    },
    expireOutbox: (id, at, reason) => {
      prepared(db, `UPDATE outbox SET status = 'expired', last_error = @reason, last_attempt_at = @at, claimed_until = NULL WHERE id = @id`).run({
        id,
        at: dateText(at),
        reason,
      });
    },
    outboxEntries: (status) => prepared<OutboxRow>(db, 'SELECT * FROM outbox WHERE status = ? ORDER BY created_at, id').all(status).map(readEntry),
  };
}

function notificationJson(notification: Notification): string {
  const { title, body, severity, at, dedupeKey } = notification;
  return JSON.stringify({ title, body, severity, at: dateText(at), ...(dedupeKey === undefined ? {} : { dedupeKey }) });
}

const SEVERITIES: readonly Severity[] = ['info', 'warning', 'critical'];

function readNotification(json: string, id: number): Notification {
  const raw = JSON.parse(json) as Partial<Record<keyof Notification, unknown>>;
  if (typeof raw.title !== 'string' || typeof raw.body !== 'string' || typeof raw.at !== 'string' || !SEVERITIES.includes(raw.severity as Severity)) {
    throw new InvariantError(`Outbox entry ${id} holds an unreadable notification; expected title, body, severity and at.`);
  }
  return {
    title: raw.title,
    body: raw.body,
    severity: raw.severity as Severity,
    at: readDate(raw.at),
    ...(typeof raw.dedupeKey === 'string' ? { dedupeKey: raw.dedupeKey } : {}),
  };
}

function readEntry(row: OutboxRow): OutboxEntry {
  return {
    id: row.id,
    channel: row.channel,
    notification: readNotification(row.notification_json, row.id),
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error ?? undefined,
    createdAt: readDate(row.created_at),
    lastAttemptAt: optional(row.last_attempt_at, readDate),
    nextAttemptAt: optional(row.next_attempt_at, readDate),
    sentAt: optional(row.sent_at, readDate),
  };
}
