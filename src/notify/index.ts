// Alerts on the channels people use: builds the configured channels and the dispatcher over them.
// Callers send through the Notifier port and call flushOutbox() at the start of each check.
import type { Clock, Logger, OutboxStore } from '../ports.js';
import type { NotificationsConfig } from './config.js';
import { createChannels, type ChannelDeps } from './create-channels.js';
import { createDispatcher, type Dispatcher } from './dispatcher.js';

export { kitNotificationsSlot, type KitNotificationsSlot } from './kit-slot.js';
export { notificationsSchema, type ChannelConfig, type NotificationsConfig } from './config.js';
export type { Dispatcher, FlushReport, SendReport } from './dispatcher.js';
export { NotifyError } from './errors.js';

export interface NotificationDeps extends Omit<ChannelDeps, 'timeoutMs'> {
  outbox: OutboxStore;
  clock: Clock;
  logger: Logger;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface Notifications extends Dispatcher {
  /** The channels in use, by name and kind (never their settings, which hold secrets). */
  channels: { name: string; kind: string }[];
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createNotifications(deps: NotificationDeps, config: NotificationsConfig): Notifications {
  const { channels, scrub } = createChannels({ ...deps, timeoutMs: config.timeout }, config.channels);
  const dispatcher = createDispatcher(
    { channels, outbox: deps.outbox, clock: deps.clock, logger: deps.logger, scrub, sleep: deps.sleep ?? realSleep, random: deps.random ?? Math.random },
    { attempts: config.attempts, baseMs: config.backoff_base, maxMs: config.backoff_max, maxWaitMs: config.max_wait, maxAgeMs: config.outbox_max_age },
  );
  return { ...dispatcher, channels: channels.map(({ name, kind }) => ({ name, kind })) };
}
