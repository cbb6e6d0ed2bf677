// K.I.T.'s `notifications` slot: alerts leave through here to the user's configured channels.
export type Severity = 'info' | 'warning' | 'critical';

export interface Notification {
  title: string;
  body: string;
  severity: Severity;
  at: Date;
  /** Stable key so that the same alert is not sent twice within its cooldown. */
  dedupeKey?: string;
}

export interface Notifier {
  send(notification: Notification): Promise<void>;
}
