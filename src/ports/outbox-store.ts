// Alerts that could not be delivered yet: each failed send is kept per channel until a later
// check delivers it, so a message is never lost silently (a down bot, a rate limit, a bad token).
import type { Notification } from './notifier.js';

export type OutboxStatus = 'pending' | 'sent' | 'expired';

export interface OutboxEntry {
  id: number;
  /** The channel's name in the config (`telegram`, `ops-slack`...), never its token or URL. */
  channel: string;
  notification: Notification;
  status: OutboxStatus;
  /** Delivery attempts so far, the first send's retries included. */
  attempts: number;
  /** The last failure, already scrubbed of tokens and webhook URLs. */
  lastError?: string | undefined;
  createdAt: Date;
  lastAttemptAt?: Date | undefined;
  /** Not before this (a channel's retry_after); undefined: at the next flush. */
  nextAttemptAt?: Date | undefined;
  sentAt?: Date | undefined;
}

export interface NewOutboxEntry {
  channel: string;
  notification: Notification;
  attempts: number;
  lastError: string;
  at: Date;
  nextAttemptAt?: Date | undefined;
}

export interface OutboxFailure {
  at: Date;
  /** Attempts made by this flush (added to the entry's count). */
  attempts: number;
  error: string;
  nextAttemptAt?: Date | undefined;
}

export interface OutboxStore {
  /** Records an undelivered alert; returns its id. */
  enqueueOutbox(entry: NewOutboxEntry): number;
  /** Pending entries due at `now`, oldest first. */
  dueOutbox(now: Date, limit: number): OutboxEntry[];
  /**
   * Takes an entry for delivery until `until`, so that two processes flushing the same ledger do
   * not both send it; false when another process holds it or it is no longer pending.
   */
  claimOutbox(id: number, now: Date, until: Date): boolean;
  markOutboxSent(id: number, at: Date, attempts: number): void;
  markOutboxFailed(id: number, failure: OutboxFailure): void;
  /** Gives up on an entry (too old to matter); it stays in the table, with why. */
  expireOutbox(id: number, at: Date, reason: string): void;
  /** Every entry with this status, oldest first (for `status` and tests). */
  outboxEntries(status: OutboxStatus): OutboxEntry[];
}
