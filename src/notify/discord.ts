// Discord incoming webhook (https://discord.com/developers/docs/resources/webhook#execute-webhook):
// POST the webhook URL with {content} (at most 2000 characters) or {embeds} (a description of at
// most 4096). Success is 204; 429 carries retry_after in seconds. Mentions are switched off, so
// an alert can never ping @everyone. Discord renders the body's Markdown itself; tables go in ```.
import type { Notification } from '../ports.js';
import { rebase, SEVERITY_ICON, type Channel, type HttpChannelDeps } from './channel.js';
import { failIfNotOk, postJson } from './http.js';
import { bodyLines, chunkLines, clip, groups, toLines, type Line } from './split.js';

export const DISCORD_CONTENT_LIMIT = 2000;
export const DISCORD_EMBED_LIMIT = 4096;
const TITLE_LIMIT = 256;
const COLOR = { info: 0x3498db, warning: 0xf1c40f, critical: 0xe74c3c } as const;

export interface DiscordOptions {
  webhookUrl: string;
  baseUrl?: string | undefined;
  embeds: boolean;
  username?: string | undefined;
}

const escapeTitle = (text: string) => text.replace(/[*_~`|\\]/g, '\\$&');

function render(lines: Line[]): string {
  return groups(lines)
    .map((group) => {
      const text = group.map((line) => line.text).join('\n');
      if (group[0]?.kind === 'title') return `**${escapeTitle(text)}**`;
      if (group[0]?.kind === 'pre') return `\`\`\`\n${text.replace(/```/g, "'''")}\n\`\`\``;
      return text;
    })
    .join('\n');
}

/** The JSON bodies one alert is posted as, each within Discord's limits. */
export function discordPayloads(notification: Notification, options: Pick<DiscordOptions, 'embeds' | 'username'>): object[] {
  const title = `${SEVERITY_ICON[notification.severity]} ${notification.title}`;
  const base = { allowed_mentions: { parse: [] }, ...(options.username ? { username: options.username } : {}) };
  if (!options.embeds) {
    return chunkLines(toLines(title, notification.body), DISCORD_CONTENT_LIMIT, render).map((content) => ({ ...base, content }));
  }
  const parts = chunkLines(bodyLines(notification.body), DISCORD_EMBED_LIMIT, render);
  return (parts.length > 0 ? parts : ['']).map((description, index) => ({
    ...base,
    embeds: [
      {
        title: clip(index === 0 ? title : `${title} (${index + 1}/${parts.length})`, TITLE_LIMIT),
        description,
        color: COLOR[notification.severity],
        timestamp: notification.at.toISOString(),
      },
    ],
  }));
}

export function createDiscordChannel(deps: HttpChannelDeps, options: DiscordOptions): Channel {
  const url = rebase(options.webhookUrl, options.baseUrl);
  return {
    name: deps.name,
    kind: 'discord',
    minSeverity: deps.minSeverity,
    async send(notification: Notification) {
      for (const payload of discordPayloads(notification, options)) {
        const answer = await postJson(deps.http, deps.name, url, payload);
        const said = (answer.json as { message?: unknown } | undefined)?.message;
        failIfNotOk(deps.name, answer, typeof said === 'string' ? said : undefined, deps.http.scrub);
      }
    },
  };
}
