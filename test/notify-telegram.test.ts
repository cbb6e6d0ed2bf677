// Telegram Bot API sendMessage against a fake Bot API on 127.0.0.1, through real fetch.
import { afterEach, describe, expect, it } from 'vitest';
import { telegramMessages } from '../src/notify/telegram-format.js';
import { checkHtml, checkMarkdownV2, fakeTelegram, type FakeServer } from './helpers/fake-chat-servers.js';
import { CHAT, driftAlert, everythingSaid, harness, TOKEN } from './helpers/notify-setup.js';

let server: FakeServer;
const unescapeHtml = (text: string) => text.replace(/<\/?(b|pre)>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const unescapeMarkdownV2 = (text: string) => text.replace(/```\n?/g, '').replace(/\\(.)|\*/g, (_, escaped: string | undefined) => escaped ?? '');
afterEach(async () => server?.close());

const env = { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_CHAT_ID: CHAT };
const telegram = (extra: Record<string, unknown> = {}) => ({ channels: [{ kind: 'telegram', base_url: server.baseUrl, ...extra }] });

describe('Telegram channel', () => {
  it('posts to /bot<token>/sendMessage with the chat id from TELEGRAM_CHAT_ID and an HTML text Telegram accepts', async () => {
    server = await fakeTelegram(TOKEN, CHAT);
    const h = harness(telegram(), { env });
    const report = await h.notifications.dispatch(driftAlert());
    expect(report).toEqual({ delivered: ['telegram'], queued: [], skipped: [] });
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request!.path).toBe(`/bot${TOKEN}/sendMessage`);
    expect(request!.body).toMatchObject({ chat_id: CHAT, parse_mode: 'HTML' });
    expect(request!.body.text).toContain('<b>⚠️ Portfolio drift 7.2% &gt; 5% threshold</b>');
    expect(request!.body.text).toContain('<pre>| Asset | Target | Current | Drift |');
  });

  it('escapes every MarkdownV2 reserved character, so "-4.9%" or "(~$4,800)" never breaks parsing', async () => {
    server = await fakeTelegram(TOKEN, CHAT);
    const h = harness(telegram({ parse_mode: 'MarkdownV2' }), { env });
    const report = await h.notifications.dispatch(driftAlert({ title: 'Drift_check [BTC] +7.2% (a*b) #1 {x} = y! > z | w ~ `q` \\' }));
    expect(report.delivered).toEqual(['telegram']);
    const text: string = server.requests[0]!.body.text;
    expect(checkMarkdownV2(text)).toBeUndefined();
    expect(text).toContain('Drift\\_check \\[BTC\\] \\+7\\.2% \\(a\\*b\\) \\#1 \\{x\\} \\= y\\! \\> z \\| w \\~ \\`q\\` \\\\');
    expect(text).toMatch(/```\n\| Asset/);
  });

  it('splits a long alert into messages of at most 4096 characters, in order, losing nothing', async () => {
    server = await fakeTelegram(TOKEN, CHAT);
    const rows = Array.from({ length: 400 }, (_, i) => `| A${i} | 1% | 1.5% | +0.5% |`);
    const prose = Array.from({ length: 60 }, (_, i) => `Note ${i}: <b>&</b> rebalance_${i}.`).join(' ');
    const body = [prose, ...rows, 'Done. 🚀'].join('\n');
    for (const mode of ['HTML', 'MarkdownV2'] as const) {
      server.requests.length = 0;
      const h = harness(telegram({ parse_mode: mode }), { env });
      expect((await h.notifications.dispatch(driftAlert({ body }))).delivered).toEqual(['telegram']);
      expect(server.requests.length).toBeGreaterThan(2);
      const texts = server.requests.map((request) => request.body.text as string);
      for (const text of texts) {
        expect(text.length).toBeLessThanOrEqual(4096);
        expect(mode === 'HTML' ? checkHtml(text) : checkMarkdownV2(text)).toBeUndefined();
      }
      const shown = texts.map(mode === 'HTML' ? unescapeHtml : unescapeMarkdownV2).join('\n');
      for (const row of rows) expect(shown.split(row)).toHaveLength(2);
      expect(shown).toContain(prose);
      expect(shown).toContain('Done. 🚀');
    }
  });

  it('cuts one overlong line on a space and never inside an escape or an emoji', () => {
    const body = `${'word-'.repeat(1500)}🚀${'x.'.repeat(3000)}`;
    for (const mode of ['HTML', 'MarkdownV2'] as const) {
      const texts = telegramMessages(driftAlert({ body }), mode);
      expect(texts.length).toBeGreaterThan(1);
      for (const text of texts) {
        expect(text.length).toBeLessThanOrEqual(4096);
        expect(mode === 'HTML' ? checkHtml(text) : checkMarkdownV2(text)).toBeUndefined();
        expect(text).not.toMatch(/[\uD800-\uDBFF]$/);
      }
      expect(texts.join('').match(/🚀/g)).toHaveLength(1);
    }
  });

  it('waits the retry_after Telegram sends with a 429, then delivers', async () => {
    server = await fakeTelegram(TOKEN, CHAT);
    server.failNext({ status: 429, body: { ok: false, error_code: 429, description: 'Too Many Requests: retry after 7', parameters: { retry_after: 7 } } });
    const h = harness(telegram(), { env });
    const report = await h.notifications.dispatch(driftAlert());
    expect(report.delivered).toEqual(['telegram']);
    expect(h.sleeps).toEqual([7000]);
    expect(server.requests).toHaveLength(2);
    expect(h.ledger.outboxEntries('pending')).toEqual([]);
  });

  it('backs off exponentially (with jitter, capped) through 5xx answers, then delivers', async () => {
    server = await fakeTelegram(TOKEN, CHAT);
    server.failNext({ status: 502, body: 'Bad Gateway' }, { status: 500, body: { ok: false, error_code: 500, description: 'Internal Server Error' } }, { status: 503 });
    const h = harness({ ...telegram(), attempts: 4, backoff_base: '1s', backoff_max: '3s' }, { env });
    expect((await h.notifications.dispatch(driftAlert())).delivered).toEqual(['telegram']);
    // random() = 0.5: three quarters of 1 s, 2 s, then the 3 s cap.
    expect(h.sleeps).toEqual([750, 1500, 2250]);
    expect(server.requests).toHaveLength(4);
  });

  it('keeps the bot token out of errors, logs and the outbox when Telegram refuses it', async () => {
    server = await fakeTelegram('999:other-token', CHAT);
    const h = harness(telegram(), { env });
    const report = await h.notifications.dispatch(driftAlert());
    expect(report.queued).toHaveLength(1);
    expect(report.queued[0]!.error).toContain('HTTP 401: Unauthorized');
    expect(h.sleeps).toEqual([]); // a refused token is not retried in a loop
    expect(everythingSaid(h, report)).not.toContain(TOKEN);
    expect(everythingSaid(h, report)).not.toContain(TOKEN.split(':')[1]);
  });

  it('keeps the token out of a network error too (nothing listening)', async () => {
    server = await fakeTelegram(TOKEN, CHAT);
    const base = server.baseUrl;
    await server.close();
    const h = harness({ channels: [{ kind: 'telegram', base_url: base }], attempts: 2 }, { env });
    const report = await h.notifications.dispatch(driftAlert());
    expect(report.queued[0]!.error).toMatch(/network error \(ECONNREFUSED\)/);
    expect(h.sleeps).toHaveLength(1);
    expect(everythingSaid(h, report)).not.toContain(TOKEN);
    server = { close: async () => {} } as FakeServer;
  });

  it('names the unset variable, and keeps the alert, when TELEGRAM_BOT_TOKEN is missing', async () => {
    server = await fakeTelegram(TOKEN, CHAT);
    const h = harness(telegram(), { env: { TELEGRAM_CHAT_ID: CHAT } });
    const report = await h.notifications.dispatch(driftAlert());
    expect(report.queued[0]!.error).toBe('Alert channel "telegram" could not deliver: token comes from the environment variable TELEGRAM_BOT_TOKEN, which is not set\nSet TELEGRAM_BOT_TOKEN in the environment of the process that runs the rebalancer.');
    expect(server.requests).toHaveLength(0);
    expect(h.ledger.outboxEntries('pending')).toHaveLength(1);
  });
});
