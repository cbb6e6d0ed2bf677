// A dispatcher over real channels, a throwaway ledger, a logger that records, and a sleep that
// records instead of waiting: the retry tests run no timers.
import { Writable } from 'node:stream';
import { openLedger } from '../../src/ledger/open-ledger.js';
import { createNotifications, notificationsSchema } from '../../src/notify/index.js';
import type { KitNotificationsSlot } from '../../src/notify/kit-slot.js';
import type { Ledger, Logger, Notification } from '../../src/ports.js';

export const TOKEN = '7012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw_t';
export const CHAT = '-1001234567890';
export const DISCORD_PATH = '/api/webhooks/1234567890123/Xk9_secretDiscordToken-abcdefghijklmnopqrstuvwxyz';
export const SLACK_PATH = '/services/T0001/B0002/slackSecretXXXXXXXXXXXX';

export const driftAlert = (overrides: Partial<Notification> = {}): Notification => ({
  title: 'Portfolio drift 7.2% > 5% threshold',
  body: [
    '**Drift check** at 2026-03-02 09:00 (threshold 5%)',
    '',
    '| Asset | Target | Current | Drift |',
    '|-------|--------|---------|-------|',
    '| BTC | 40% | 47.2% | +7.2% |',
    '| ETH | 30% | 25.1% | -4.9% |',
    '| USDC | 30% | 27.7% | -2.3% |',
    '',
    'Recommended: sell 0.05 BTC (~$4,800), buy 1.2 ETH. Run `kit rebalance execute` to apply.',
  ].join('\n'),
  severity: 'warning',
  at: new Date('2026-03-02T14:00:00Z'),
  dedupeKey: 'drift:BTC',
  ...overrides,
});

export interface Harness {
  ledger: Ledger;
  logs: { level: string; data: unknown; message?: string | undefined }[];
  sleeps: number[];
  stdout: string[];
  notifications: ReturnType<typeof createNotifications>;
  now: { value: Date };
}

export function harness(config: unknown, options: { env?: Record<string, string>; kitSlot?: KitNotificationsSlot; stateDir?: string } = {}): Harness {
  const ledger = openLedger(':memory:');
  const logs: Harness['logs'] = [];
  const sleeps: number[] = [];
  const stdout: string[] = [];
  const now = { value: new Date('2026-03-02T14:00:00Z') };
  const log = (level: string) => (data: object | string, message?: string) => void logs.push({ level, data, message });
  const logger: Logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
  const out = new Writable({ write: (chunk: Buffer, _encoding, done) => (stdout.push(chunk.toString()), done()) });
  const notifications = createNotifications(
    {
      env: options.env ?? {},
      fetch: globalThis.fetch,
      stdout: out,
      stateDir: options.stateDir ?? '/tmp',
      kitSlot: options.kitSlot,
      outbox: ledger,
      clock: { now: () => now.value },
      logger,
      sleep: async (ms) => void sleeps.push(ms),
      random: () => 0.5,
    },
    notificationsSchema.parse(config),
  );
  return { ledger, logs, sleeps, stdout, notifications, now };
}

/** Everything a user or operator could see: logs, outbox rows, reports. */
export function everythingSaid(h: Harness, ...more: unknown[]): string {
  const outbox = [...h.ledger.outboxEntries('pending'), ...h.ledger.outboxEntries('sent'), ...h.ledger.outboxEntries('expired')];
  return JSON.stringify([h.logs, outbox, ...more]);
}
