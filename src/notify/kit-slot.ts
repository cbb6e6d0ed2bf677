// K.I.T.'s `notifications` slot (src/core/plugin-slots.ts: required send, configure, getChannels).
// K.I.T. defines no argument shape for send, so we pass the alert in the fields its own
// notification path uses (a Markdown `message`) and ours besides. A slot that answers false or
// {success: false, error} did not deliver: that is a failure, kept in the outbox like any other.
import type { Notification } from '../ports.js';
import type { Channel } from './channel.js';
import { NotifyError } from './errors.js';
import type { Scrub } from './scrub.js';

export interface KitNotificationsSlot {
  send(message: unknown): unknown;
  configure(settings: unknown): unknown;
  getChannels(): unknown;
}

export const NOTIFICATIONS_REQUIRED = ['send', 'configure', 'getChannels'] as const;

/** The host's notifications slot: `api.slots.get('notifications')` or `api.getNotificationsSlot()`; undefined when none. */
export function kitNotificationsSlot(api: object | undefined): KitNotificationsSlot | undefined {
  if (!api) return undefined;
  const { slots, getNotificationsSlot } = api as { slots?: { get?: unknown }; getNotificationsSlot?: unknown };
  let found: unknown;
  if (slots && typeof slots.get === 'function') found = (slots.get as (name: string) => unknown).call(slots, 'notifications');
  if ((found === null || found === undefined) && typeof getNotificationsSlot === 'function') found = (getNotificationsSlot as () => unknown).call(api);
  if (typeof found !== 'object' || found === null) return undefined;
  const record = found as Record<string, unknown>;
  return NOTIFICATIONS_REQUIRED.every((method) => typeof record[method] === 'function') ? (found as KitNotificationsSlot) : undefined;
}

export function createKitChannel(deps: { name: string; minSeverity: Notification['severity']; scrub: Scrub }, slot: KitNotificationsSlot, channel?: string): Channel {
  return {
    name: deps.name,
    kind: 'kit',
    minSeverity: deps.minSeverity,
    async send(notification: Notification) {
      let answer: unknown;
      try {
        answer = await slot.send({
          title: notification.title,
          message: `*${notification.title}*\n\n${notification.body}`,
          body: notification.body,
          severity: notification.severity,
          priority: notification.severity === 'critical' ? 'high' : notification.severity === 'warning' ? 'normal' : 'low',
          timestamp: notification.at.toISOString(),
          source: 'portfolio-rebalancer',
          ...(notification.dedupeKey === undefined ? {} : { dedupeKey: notification.dedupeKey }),
          ...(channel === undefined ? {} : { channel }),
        });
      } catch (error) {
        throw new NotifyError(deps.name, `K.I.T.'s notifications slot failed: ${deps.scrub(error instanceof Error ? error.message : String(error))}`, true);
      }
      const refused = answer === false || (typeof answer === 'object' && answer !== null && (answer as { success?: unknown }).success === false);
      if (refused) {
        const said = typeof answer === 'object' && answer !== null ? (answer as { error?: unknown }).error : undefined;
        throw new NotifyError(deps.name, `K.I.T.'s notifications slot did not deliver${typeof said === 'string' ? `: ${deps.scrub(said)}` : ''}`, true);
      }
    },
  };
}
