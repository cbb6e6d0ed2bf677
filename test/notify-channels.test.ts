// The notifications config, and the channels that need no chat service: the generic JSON webhook
// (HMAC-signed), a JSON-lines file, stdout, and K.I.T.'s notifications slot.
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, parseConfigText } from '../src/config.js';
import { kitNotificationsSlot } from '../src/notify/kit-slot.js';
import { startFake, type FakeServer } from './helpers/fake-chat-servers.js';
import { driftAlert, everythingSaid, harness, TOKEN } from './helpers/notify-setup.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function configProblems(yaml: string): string {
  try {
    parseConfigText(`portfolio_rebalancer:\n${yaml.replace(/^/gm, '  ')}\n`, 'test.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the config to be refused');
}

describe('notifications config', () => {
  it('reads a channels list, with Telegram reading TELEGRAM_BOT_TOKEN / TELEGRAM_CHAT_ID by default', () => {
    const config = parseConfigText('portfolio_rebalancer:\n  notifications:\n    channels:\n      - kind: telegram\n      - {kind: slack, min_severity: critical}\n    attempts: 5\n', 'x.yaml');
    expect(config.notifications.channels).toMatchObject([
      { kind: 'telegram', token: '${TELEGRAM_BOT_TOKEN}', chat_id: '${TELEGRAM_CHAT_ID}', parse_mode: 'HTML', base_url: 'https://api.telegram.org' },
      { kind: 'slack', webhook_url: '${SLACK_WEBHOOK_URL}', min_severity: 'critical' },
    ]);
    expect(config.notifications).toMatchObject({ attempts: 5, backoff_base: 1000, max_wait: 60_000 });
    expect(parseConfigText('portfolio_rebalancer: {}\n', 'x.yaml').notifications.channels).toEqual([]);
  });

  it('refuses a token or webhook URL written into the file, without repeating it', () => {
    const message = configProblems(`notifications:\n  channels:\n    - {kind: telegram, token: "${TOKEN}"}\n    - {kind: discord, webhook_url: "https://discord.com/api/webhooks/1/leakyToken123"}`);
    expect(message).toContain('portfolio_rebalancer.notifications.channels[0].token (line 4): the bot token must be written as an environment reference such as ${TELEGRAM_BOT_TOKEN}');
    expect(message).toContain('notifications.channels[1].webhook_url (line 5): the webhook URL must be written as an environment reference such as ${DISCORD_WEBHOOK_URL}');
    expect(message).not.toContain(TOKEN);
    expect(message).not.toContain('leakyToken123');
  });

  it('reports every misspelt or unknown key by name, with what is accepted, never its value', () => {
    const message = configProblems(`notifications:\n  channels:\n    - {kind: telegram, tokn: "${TOKEN}"}\n  api_key: "${TOKEN}"`);
    expect(message).toContain('notifications.channels[0].tokn (line 4): unknown setting "tokn" for a telegram channel; expected one of kind, name, enabled, min_severity, token, chat_id, parse_mode, base_url');
    expect(message).toContain('notifications.api_key (line 5): unknown setting "api_key"; expected one of channels, attempts,');
    expect(message).not.toContain(TOKEN);
  });

  it('names the kinds when one is unknown', () => {
    expect(configProblems('notifications:\n  channels:\n    - {kind: pager}')).toContain('unknown channel kind; expected kind: one of telegram, discord, slack, webhook, file, stdout, kit');
  });
});

describe('generic JSON webhook', () => {
  it('posts the Notification as JSON, signed with HMAC-SHA256 of the raw body, with one id across retries', async () => {
    server = await startFake(() => ({ status: 200, body: { received: true } }));
    server.failNext({ status: 500 });
    const secret = 's3cret-signing-key';
    const h = harness({ channels: [{ kind: 'webhook', url: `${server.baseUrl}/hooks/alerts`, secret: '${HOOK_SECRET}' }] }, { env: { HOOK_SECRET: secret } });
    expect((await h.notifications.dispatch(driftAlert())).delivered).toEqual(['webhook']);
    const [first, second] = server.requests;
    expect(second!.path).toBe('/hooks/alerts');
    expect(JSON.parse(second!.raw)).toEqual({ source: 'portfolio-rebalancer', title: driftAlert().title, body: driftAlert().body, severity: 'warning', at: '2026-03-02T14:00:00.000Z', dedupeKey: 'drift:BTC' });
    expect(second!.headers['x-signature-256']).toBe(`sha256=${createHmac('sha256', secret).update(second!.raw).digest('hex')}`);
    expect(second!.headers['x-notification-id']).toBe(first!.headers['x-notification-id']);
    expect(everythingSaid(h)).not.toContain(secret);
  });
});

describe('file and stdout channels', () => {
  it('appends one JSON line per alert to a file relative to the state directory', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'notify-file-'));
    const h = harness({ channels: [{ kind: 'file', path: 'alerts/out.jsonl' }] }, { stateDir });
    await h.notifications.send(driftAlert());
    await h.notifications.send(driftAlert({ title: 'Back within bands', severity: 'info', dedupeKey: undefined }));
    const lines = readFileSync(join(stateDir, 'alerts/out.jsonl'), 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((line) => [line.title, line.severity])).toEqual([
      [driftAlert().title, 'warning'],
      ['Back within bands', 'info'],
    ]);
  });

  it('prints alerts on stdout, and skips a channel whose min_severity is higher', async () => {
    const h = harness({ channels: [{ kind: 'stdout' }, { kind: 'stdout', name: 'pager', min_severity: 'critical' }] });
    expect(await h.notifications.dispatch(driftAlert())).toEqual({ delivered: ['stdout'], queued: [], skipped: ['pager'] });
    expect(h.stdout.join('')).toMatch(/^⚠️ \[WARNING\] 2026-03-02T14:00:00.000Z Portfolio drift 7.2% > 5% threshold\n\*\*Drift check\*\*/);
  });
});

describe("K.I.T.'s notifications slot", () => {
  const slotFor = (answer: unknown) => {
    const sent: any[] = [];
    const slot = { send: async (message: unknown) => (sent.push(message), answer), configure: () => undefined, getChannels: () => ['telegram'] };
    return { sent, api: { slots: { get: (name: string) => (name === 'notifications' ? slot : null) } } };
  };

  it('is found in the slot registry only when it has send, configure and getChannels', () => {
    expect(kitNotificationsSlot(slotFor(true).api)).toBeDefined();
    expect(kitNotificationsSlot({ slots: { get: () => ({ send() {} }) } })).toBeUndefined();
    expect(kitNotificationsSlot(undefined)).toBeUndefined();
  });

  it('is used when no channels are configured, with a Markdown message', async () => {
    const { sent, api } = slotFor({ success: true });
    const h = harness({}, { kitSlot: kitNotificationsSlot(api), env: { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_CHAT_ID: '42' } });
    expect(h.notifications.channels).toEqual([{ name: 'kit', kind: 'kit' }]); // the slot routes to Telegram itself: not twice
    expect((await h.notifications.dispatch(driftAlert())).delivered).toEqual(['kit']);
    expect(sent[0]).toMatchObject({ title: driftAlert().title, severity: 'warning', message: `*${driftAlert().title}*\n\n${driftAlert().body}`, timestamp: '2026-03-02T14:00:00.000Z' });
  });

  it('counts {success: false} as not delivered, scrubbing what the slot said', async () => {
    const { api } = slotFor({ success: false, error: `telegram refused bot${TOKEN}` });
    const h = harness({ channels: [{ kind: 'kit', channel: 'telegram' }], attempts: 2 }, { kitSlot: kitNotificationsSlot(api) });
    const report = await h.notifications.dispatch(driftAlert());
    expect(report.queued[0]!.error).toBe('Alert channel "kit" could not deliver: K.I.T.\'s notifications slot did not deliver: telegram refused bot[redacted]');
    expect(everythingSaid(h, report)).not.toContain(TOKEN);
  });

  it('defaults to Telegram as K.I.T. does when its variables are set, else to stdout', () => {
    expect(harness({}, { env: { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_CHAT_ID: '42' } }).notifications.channels).toEqual([{ name: 'telegram', kind: 'telegram' }]);
    expect(harness({}).notifications.channels).toEqual([{ name: 'stdout', kind: 'stdout' }]);
  });
});
