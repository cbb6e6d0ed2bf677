// Where a check's alerts go: one notifier for the whole watch, or one made per session (a
// dispatcher whose outbox lives in that session's ledger). A notifier with an outbox is flushed
// at the start of each check, so an alert that failed before is retried then.
import type { Notifier } from '../../ports.js';
import type { Session } from '../session.js';

export interface OutboxNotifier extends Notifier {
  flushOutbox?(): Promise<unknown>;
}

export type NotifierSource = OutboxNotifier | ((session: Session) => OutboxNotifier);

export async function notifierFor(source: NotifierSource, session: Session): Promise<Notifier> {
  const notifier = typeof source === 'function' ? source(session) : source;
  try {
    await notifier.flushOutbox?.();
  } catch {
    // The outbox keeps what it could not send, and the next check tries again; this check goes on.
  }
  return notifier;
}

/** Alerts go to the configured channels when a check has some (per session), else to `fallback`. */
export function preferChannels(channels: ((session: Session) => OutboxNotifier | undefined) | undefined, fallback: NotifierSource): NotifierSource {
  if (!channels) return fallback;
  return (session) => channels(session) ?? (typeof fallback === 'function' ? fallback(session) : fallback);
}
