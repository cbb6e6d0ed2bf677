// The notifier used until a channel is wired: each alert printed as its title, a blank line and
// its Markdown body, so `kit rebalance watch --once` from cron mails the alert to the crontab's owner.
import type { Writable } from 'node:stream';
import type { Notification, Notifier } from '../../ports.js';

export const alertText = (notification: Notification) => `${notification.title}\n\n${notification.body}\n`;

export function stdoutNotifier(out: Pick<Writable, 'write'>): Notifier {
  return {
    send: async (notification) => {
      out.write(`${alertText(notification)}\n`);
    },
  };
}
