// Slack incoming webhook (https://api.slack.com/messaging/webhooks): POST {text, blocks}; the
// answer is the plain text "ok", or an error word (invalid_payload, no_service...) with 4xx, and
// 429 with Retry-After. Slack's mrkdwn is not Markdown: &, < and > are escaped, **bold** becomes
// *bold*, tables go in ``` blocks. Limits: header 150, a section 3000, 50 blocks a message.
import type { Notification } from '../ports.js';
import { rebase, SEVERITY_ICON, type Channel, type HttpChannelDeps } from './channel.js';
import { failIfNotOk, postJson } from './http.js';
import { bodyLines, chunkLines, clip, groups, toLines, type Line } from './split.js';

export const SLACK_SECTION_LIMIT = 3000;
export const SLACK_TEXT_LIMIT = 40_000;
const HEADER_LIMIT = 150;
const MAX_BLOCKS = 50;

export interface SlackOptions {
  webhookUrl: string;
  baseUrl?: string | undefined;
  blocks: boolean;
}

const escapeMrkdwn = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const toMrkdwn = (text: string) => escapeMrkdwn(text).replace(/\*\*(.+?)\*\*/g, '*$1*');

function render(lines: Line[]): string {
  return groups(lines)
    .map((group) => {
      const text = group.map((line) => line.text).join('\n');
      if (group[0]?.kind === 'title') return `*${escapeMrkdwn(text)}*`;
      if (group[0]?.kind === 'pre') return `\`\`\`\n${escapeMrkdwn(text)}\n\`\`\``;
      return toMrkdwn(text);
    })
    .join('\n');
}

/** The JSON bodies one alert is posted as, each within Slack's limits. */
export function slackPayloads(notification: Notification, options: Pick<SlackOptions, 'blocks'>): object[] {
  const title = `${SEVERITY_ICON[notification.severity]} ${notification.title}`;
  if (!options.blocks) return chunkLines(toLines(title, notification.body), SLACK_TEXT_LIMIT, render).map((text) => ({ text }));
  const sections = chunkLines(bodyLines(notification.body), SLACK_SECTION_LIMIT, render).map((text) => ({
    type: 'section',
    text: { type: 'mrkdwn', text },
  }));
  const header = { type: 'header', text: { type: 'plain_text', text: clip(title, HEADER_LIMIT), emoji: true } };
  const blocks = [header, ...sections];
  const payloads: object[] = [];
  for (let start = 0; start < blocks.length; start += MAX_BLOCKS) {
    payloads.push({ text: clip(escapeMrkdwn(title), HEADER_LIMIT), blocks: blocks.slice(start, start + MAX_BLOCKS) });
  }
  return payloads;
}

export function createSlackChannel(deps: HttpChannelDeps, options: SlackOptions): Channel {
  const url = rebase(options.webhookUrl, options.baseUrl);
  return {
    name: deps.name,
    kind: 'slack',
    minSeverity: deps.minSeverity,
    async send(notification: Notification) {
      for (const payload of slackPayloads(notification, options)) {
        const answer = await postJson(deps.http, deps.name, url, payload);
        failIfNotOk(deps.name, answer, undefined, deps.http.scrub);
      }
    },
  };
}
