// Discord and Slack incoming webhooks against fake servers on 127.0.0.1, through real fetch.
import { afterEach, describe, expect, it } from 'vitest';
import { fakeDiscord, fakeSlack, type FakeServer } from './helpers/fake-chat-servers.js';
import { DISCORD_PATH, driftAlert, everythingSaid, harness, SLACK_PATH } from './helpers/notify-setup.js';

let server: FakeServer;
afterEach(async () => server?.close());

const discordEnv = () => ({ DISCORD_WEBHOOK_URL: `https://discord.com${DISCORD_PATH}` });
const slackEnv = () => ({ SLACK_WEBHOOK_URL: `https://hooks.slack.com${SLACK_PATH}` });
const longBody = Array.from({ length: 300 }, (_, i) => `| ASSET${i} | 0.33% | 0.40% | +0.07% |`).join('\n');

describe('Discord webhook', () => {
  it('posts content to the webhook path (base_url swaps only the host), with mentions off and the table in a code block', async () => {
    server = await fakeDiscord(DISCORD_PATH);
    const h = harness({ channels: [{ kind: 'discord', base_url: server.baseUrl }] }, { env: discordEnv() });
    const report = await h.notifications.dispatch(driftAlert({ body: `@everyone look\n${driftAlert().body}` }));
    expect(report.delivered).toEqual(['discord']);
    const [request] = server.requests;
    expect(request!.path).toBe(DISCORD_PATH);
    expect(request!.body.allowed_mentions).toEqual({ parse: [] });
    expect(request!.body.content).toMatch(/^\*\*⚠️ Portfolio drift 7\.2% > 5% threshold\*\*\n@everyone look\n\*\*Drift check\*\*/);
    expect(request!.body.content).toContain('```\n| Asset | Target | Current | Drift |');
  });

  it('splits content over 2000 characters into several posts, every row kept once', async () => {
    server = await fakeDiscord(DISCORD_PATH);
    const h = harness({ channels: [{ kind: 'discord', base_url: server.baseUrl }] }, { env: discordEnv() });
    expect((await h.notifications.dispatch(driftAlert({ body: longBody }))).delivered).toEqual(['discord']);
    expect(server.requests.length).toBeGreaterThan(5);
    const contents = server.requests.map((request) => request.body.content as string);
    for (const content of contents) expect(content.length).toBeLessThanOrEqual(2000);
    for (const content of contents) expect(content.match(/```/g)?.length ?? 0).toBe(2);
    for (let i = 0; i < 300; i++) expect(contents.join('\n').split(`| ASSET${i} |`)).toHaveLength(2);
  });

  it('sends embeds (title, description ≤ 4096, colour, timestamp) when asked', async () => {
    server = await fakeDiscord(DISCORD_PATH);
    const h = harness({ channels: [{ kind: 'discord', base_url: server.baseUrl, embeds: true }] }, { env: discordEnv() });
    expect((await h.notifications.dispatch(driftAlert({ severity: 'critical', body: longBody }))).delivered).toEqual(['discord']);
    const embeds = server.requests.map((request) => request.body.embeds[0]);
    expect(embeds.length).toBeGreaterThan(1);
    expect(embeds[0]).toMatchObject({ title: '🚨 Portfolio drift 7.2% > 5% threshold', color: 0xe74c3c, timestamp: '2026-03-02T14:00:00.000Z' });
    for (const embed of embeds) expect(embed.description.length).toBeLessThanOrEqual(4096);
  });

  it("honours Discord's retry_after (seconds, in the body and header) on a 429, then delivers", async () => {
    server = await fakeDiscord(DISCORD_PATH);
    server.failNext({ status: 429, body: { message: 'You are being rate limited.', retry_after: 1.5, global: false } });
    const h = harness({ channels: [{ kind: 'discord', base_url: server.baseUrl }] }, { env: discordEnv() });
    expect((await h.notifications.dispatch(driftAlert())).delivered).toEqual(['discord']);
    expect(h.sleeps).toEqual([1500]);
  });

  it('keeps the webhook token out of everything when Discord refuses it', async () => {
    server = await fakeDiscord('/api/webhooks/1/other');
    const h = harness({ channels: [{ kind: 'discord', base_url: server.baseUrl }] }, { env: discordEnv() });
    const report = await h.notifications.dispatch(driftAlert());
    expect(report.queued[0]!.error).toContain('HTTP 401: Invalid Webhook Token');
    expect(everythingSaid(h, report)).not.toContain('secretDiscordToken');
  });
});

describe('Slack webhook', () => {
  it('posts blocks: a header and mrkdwn sections, with &, < and > escaped and **bold** as *bold*', async () => {
    server = await fakeSlack(SLACK_PATH);
    const h = harness({ channels: [{ kind: 'slack', base_url: server.baseUrl }] }, { env: slackEnv() });
    const report = await h.notifications.dispatch(driftAlert({ body: `**Drift** <BTC> & ETH\n${driftAlert().body}` }));
    expect(report.delivered).toEqual(['slack']);
    const [request] = server.requests;
    expect(request!.path).toBe(SLACK_PATH);
    expect(request!.body.text).toBe('⚠️ Portfolio drift 7.2% &gt; 5% threshold');
    expect(request!.body.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: '⚠️ Portfolio drift 7.2% > 5% threshold', emoji: true } });
    expect(request!.body.blocks[1].text.type).toBe('mrkdwn');
    expect(request!.body.blocks[1].text.text).toMatch(/^\*Drift\* &lt;BTC&gt; &amp; ETH\n/);
    expect(request!.body.blocks[1].text.text).toContain('```\n| Asset |');
  });

  it('keeps sections within 3000 characters and every row once', async () => {
    server = await fakeSlack(SLACK_PATH);
    const h = harness({ channels: [{ kind: 'slack', base_url: server.baseUrl }] }, { env: slackEnv() });
    expect((await h.notifications.dispatch(driftAlert({ body: longBody }))).delivered).toEqual(['slack']);
    const sections = server.requests.flatMap((request) => request.body.blocks).filter((block: { type: string }) => block.type === 'section');
    expect(sections.length).toBeGreaterThan(3);
    const all = sections.map((block: { text: { text: string } }) => block.text.text).join('\n');
    for (let i = 0; i < 300; i++) expect(all.split(`| ASSET${i} |`)).toHaveLength(2);
  });

  it('honours a 429 Retry-After header, and keeps the webhook path out of a 404 error', async () => {
    server = await fakeSlack(SLACK_PATH);
    server.failNext({ status: 429, headers: { 'retry-after': '3' }, body: 'rate_limited' });
    const h = harness({ channels: [{ kind: 'slack', base_url: server.baseUrl }] }, { env: slackEnv() });
    expect((await h.notifications.dispatch(driftAlert())).delivered).toEqual(['slack']);
    expect(h.sleeps).toEqual([3000]);

    const wrong = harness({ channels: [{ kind: 'slack', base_url: server.baseUrl }] }, { env: { SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T9/B9/wrongSecretValue123' } });
    const report = await wrong.notifications.dispatch(driftAlert());
    expect(report.queued[0]!.error).toContain('HTTP 404: no_service');
    expect(everythingSaid(wrong, report)).not.toContain('wrongSecretValue123');
  });

  it('sends plain mrkdwn text when blocks are off', async () => {
    server = await fakeSlack(SLACK_PATH);
    const h = harness({ channels: [{ kind: 'slack', base_url: server.baseUrl, blocks: false }] }, { env: slackEnv() });
    await h.notifications.dispatch(driftAlert());
    expect(server.requests[0]!.body.blocks).toBeUndefined();
    expect(server.requests[0]!.body.text).toMatch(/^\*⚠️ Portfolio drift 7\.2% &gt; 5% threshold\*\n\*Drift check\*/);
  });
});
