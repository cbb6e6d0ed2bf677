// A channel is a Notifier with a name (for logs and the outbox) and a kind. Each channel sends
// one alert, once: retries, backoff and the outbox belong to the dispatcher.
import type { Notifier, Severity } from '../ports.js';
import type { ChannelKind } from './config.js';
import type { HttpDeps } from './http.js';

export interface Channel extends Notifier {
  readonly name: string;
  readonly kind: ChannelKind;
  /** Alerts below this severity skip the channel. */
  readonly minSeverity: Severity;
}

/** What an HTTP channel is built from: its name, and how to post. */
export interface HttpChannelDeps {
  name: string;
  minSeverity: Severity;
  http: HttpDeps;
}

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };
export const SEVERITY_ICON: Record<Severity, string> = { info: 'ℹ️', warning: '⚠️', critical: '🚨' };

/** `base` (scheme, host, port, maybe a path prefix) in place of `url`'s origin; the path is kept. */
export function rebase(url: string, base: string | undefined): string {
  if (!base) return url;
  const target = new URL(url);
  return `${base.replace(/\/+$/, '')}${target.pathname}${target.search}`;
}
