// A generic JSON webhook: POST the alert as JSON. With a secret, the raw body is signed with
// HMAC-SHA256 (header `X-Signature-256: sha256=<hex>`, as GitHub signs its webhooks), so the
// receiver can check it came from us. X-Notification-Id is the same on every retry of one alert,
// so a receiver can drop duplicates (a retry after a lost answer, a resend from the outbox).
import { createHash, createHmac } from 'node:crypto';
import type { Notification } from '../ports.js';
import { rebase, type Channel, type HttpChannelDeps } from './channel.js';
import { failIfNotOk, postJson } from './http.js';

export interface WebhookOptions {
  url: string;
  baseUrl?: string | undefined;
  secret?: string | undefined;
  signatureHeader: string;
}

/** The body we post: the Notification, its date as ISO 8601. */
export function webhookBody(notification: Notification): string {
  return JSON.stringify({
    source: 'portfolio-rebalancer',
    title: notification.title,
    body: notification.body,
    severity: notification.severity,
    at: notification.at.toISOString(),
    ...(notification.dedupeKey === undefined ? {} : { dedupeKey: notification.dedupeKey }),
  });
}

export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function createWebhookChannel(deps: HttpChannelDeps, options: WebhookOptions): Channel {
  const url = rebase(options.url, options.baseUrl);
  return {
    name: deps.name,
    kind: 'webhook',
    minSeverity: deps.minSeverity,
    async send(notification: Notification) {
      const body = webhookBody(notification);
      const headers: Record<string, string> = { 'x-notification-id': createHash('sha256').update(body).digest('hex').slice(0, 32) };
      if (options.secret) headers[options.signatureHeader.toLowerCase()] = signBody(body, options.secret);
      const answer = await postJson(deps.http, deps.name, url, body, headers);
      failIfNotOk(deps.name, answer, undefined, deps.http.scrub);
    },
  };
}
