// A failed send is never lost: it is written to the ledger's outbox (migration 7) with its
// attempts and the last (scrubbed) error, and the next check's flushOutbox() delivers it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLedger } from '../src/ledger/open-ledger.js';
import { createNotifications, notificationsSchema } from '../src/notify/index.js';
import { fakeTelegram, type FakeServer } from './helpers/fake-chat-servers.js';
import { CHAT, driftAlert, everythingSaid, harness, TOKEN } from './helpers/notify-setup.js';

let server: FakeServer;
afterEach(async () => server?.close());

const env = { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_CHAT_ID: CHAT };
const down = (times: number) => Array.from({ length: times }, () => ({ status: 503, body: { ok: false, error_code: 503, description: `Service Unavailable, token ${TOKEN}` } }));

describe('notification outbox', () => {
  it('records a permanent failure with attempts and error, and the next flush delivers it once', async () => {
    server = await fakeTelegram(TOKEN, CHAT);
    server.failNext(...down(3));
    const h = harness({ channels: [{ kind: 'telegram', base_url: server.baseUrl }], attempts: 3 }, { env });
    const report = await h.notifications.dispatch(driftAlert());
    expect(report.delivered).toEqual([]);
    expect(h.sleeps).toHaveLength(2);
    const [pending] = h.ledger.outboxEntries('pending');
    expect(pending).toMatchObject({ channel: 'telegram', attempts: 3, status: 'pending', notification: driftAlert() });
    expect(pending!.lastError).toBe('Alert channel "telegram" could not deliver: HTTP 503: Service Unavailable, token [redacted]');
    expect(h.logs.some((log) => log.level === 'warn' && JSON.stringify(log.data).includes('"outboxId"'))).toBe(true);

    h.now.value = new Date('2026-03-02T18:00:00Z');
    const flush = await h.notifications.flushOutbox();
    expect(flush).toEqual({ delivered: 1, failed: [], expired: [], pending: 0 });
    expect(server.requests).toHaveLength(4);
    expect(server.requests[3]!.body.text).toContain('Portfolio drift 7.2%');
    expect(h.ledger.outboxEntries('sent')).toMatchObject([{ id: pending!.id, attempts: 4, sentAt: new Date('2026-03-02T18:00:00Z') }]);

    expect(await h.notifications.flushOutbox()).toEqual({ delivered: 0, failed: [], expired: [], pending: 0 });
    expect(server.requests).toHaveLength(4);
    expect(everythingSaid(h, report, flush)).not.toContain(TOKEN);
  });

  it('survives a restart: the outbox is in the ledger file', async () => {
    server = await fakeTelegram(TOKEN, CHAT);
    const file = join(mkdtempSync(join(tmpdir(), 'outbox-')), 'ledger.sqlite');
    const first = openLedger(file);
    first.enqueueOutbox({ channel: 'telegram', notification: driftAlert(), attempts: 4, lastError: 'HTTP 503', at: new Date('2026-03-02T14:00:00Z') });
    first.close();
    const reopened = openLedger(file);
    const notifications = createNotifications(
      { env, fetch, stdout: process.stdout, stateDir: '/tmp', outbox: reopened, clock: { now: () => new Date('2026-03-02T18:00:00Z') }, logger: { debug() {}, info() {}, warn() {}, error() {} } },
      notificationsSchema.parse({ channels: [{ kind: 'telegram', base_url: server.baseUrl }] }),
    );
    expect((await notifications.flushOutbox()).delivered).toBe(1);
    expect(reopened.outboxEntries('sent')).toHaveLength(1);
    reopened.close();
  });

  it('stops flushing a channel that is still down, keeps order, and counts the attempts', async () => {
    server = await fakeTelegram(TOKEN, CHAT);
    const h = harness({ channels: [{ kind: 'telegram', base_url: server.baseUrl }], attempts: 2 }, { env });
    for (const title of ['first', 'second', 'third']) h.ledger.enqueueOutbox({ channel: 'telegram', notification: driftAlert({ title }), attempts: 1, lastError: 'x', at: h.now.value });
    server.failNext(...down(2));
    const flush = await h.notifications.flushOutbox();
    expect(flush).toMatchObject({ delivered: 0, pending: 3 });
    expect(flush.failed).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
    expect(h.ledger.outboxEntries('pending').map((entry) => entry.attempts)).toEqual([3, 1, 1]);

    const again = await h.notifications.flushOutbox();
    expect(again).toMatchObject({ delivered: 3, pending: 0 });
    expect(server.requests.slice(2).map((request) => (request.body.text as string).split('\n')[0])).toEqual(['<b>⚠️ first</b>', '<b>⚠️ second</b>', '<b>⚠️ third</b>']);
  });

  it('does not sleep through a long retry_after: the alert waits in the outbox until it is due', async () => {
    server = await fakeTelegram(TOKEN, CHAT);
    server.failNext({ status: 429, body: { ok: false, error_code: 429, description: 'Too Many Requests: retry after 600', parameters: { retry_after: 600 } } });
    const h = harness({ channels: [{ kind: 'telegram', base_url: server.baseUrl }], max_wait: '60s' }, { env });
    const report = await h.notifications.dispatch(driftAlert());
    expect(report.queued).toHaveLength(1);
    expect(h.sleeps).toEqual([]);
    expect(h.ledger.outboxEntries('pending')[0]!.nextAttemptAt).toEqual(new Date('2026-03-02T14:10:00Z'));

    h.now.value = new Date('2026-03-02T14:05:00Z');
    expect(await h.notifications.flushOutbox()).toMatchObject({ delivered: 0, pending: 1 });
    expect(server.requests).toHaveLength(1);
    h.now.value = new Date('2026-03-02T14:10:00Z');
    expect(await h.notifications.flushOutbox()).toMatchObject({ delivered: 1, pending: 0 });
  });

  it('expires (and reports) an alert older than outbox_max_age, or for a channel no longer configured', async () => {
    const h = harness({ channels: [{ kind: 'stdout' }], outbox_max_age: '1d' });
    h.ledger.enqueueOutbox({ channel: 'stdout', notification: driftAlert({ title: 'old' }), attempts: 4, lastError: 'EPIPE', at: new Date('2026-02-28T00:00:00Z') });
    h.ledger.enqueueOutbox({ channel: 'telegram', notification: driftAlert({ title: 'orphan' }), attempts: 1, lastError: 'HTTP 503', at: h.now.value });
    const flush = await h.notifications.flushOutbox();
    expect(flush.expired).toEqual([
      { channel: 'stdout', outboxId: 1, reason: 'undelivered for longer than 24 h' },
      { channel: 'telegram', outboxId: 2, reason: 'channel "telegram" is no longer configured' },
    ]);
    expect(h.stdout).toEqual([]);
    expect(h.ledger.outboxEntries('expired').map((entry) => entry.lastError)).toEqual([
      'undelivered for longer than 24 h; last error: EPIPE',
      'channel "telegram" is no longer configured; last error: HTTP 503',
    ]);
    expect(h.logs.filter((log) => log.level === 'error')).toHaveLength(2);
  });

  it('lets only one of two processes take an entry at a time', () => {
    const h = harness({ channels: [] });
    const id = h.ledger.enqueueOutbox({ channel: 'stdout', notification: driftAlert(), attempts: 1, lastError: 'x', at: h.now.value });
    const now = h.now.value;
    const until = new Date(now.getTime() + 60_000);
    expect(h.ledger.claimOutbox(id, now, until)).toBe(true);
    expect(h.ledger.claimOutbox(id, now, until)).toBe(false);
    expect(h.ledger.dueOutbox(now, 10)).toEqual([]);
    expect(h.ledger.claimOutbox(id, until, new Date(until.getTime() + 60_000))).toBe(true);
  });
});
