// Telegram's two markups. Every character Telegram treats as markup is escaped, so an asset name
// or a "-5.2%" never makes the Bot API refuse the message ("can't parse entities"). Tables and
// ``` blocks go out as <pre> / ``` blocks (monospace), which is how a table stays readable.
import type { Notification } from '../ports.js';
import { SEVERITY_ICON } from './channel.js';
import { chunkLines, groups, toLines, type Line } from './split.js';

export type ParseMode = 'HTML' | 'MarkdownV2';

/** Telegram's limit for one message's text. */
export const TELEGRAM_LIMIT = 4096;

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** Outside code: every character of _*[]()~`>#+-=|{}.! and the backslash itself. */
export const escapeMarkdownV2 = (text: string) => text.replace(/[_*[\]()~`>#+\-=|{}.!\\]/g, '\\$&');
/** Inside ``` blocks only ` and \ are special. */
const escapeCode = (text: string) => text.replace(/[`\\]/g, '\\$&');

function renderHtml(lines: Line[]): string {
  return groups(lines)
    .map((group) => {
      const text = group.map((line) => line.text).join('\n');
      if (group[0]?.kind === 'title') return `<b>${escapeHtml(text)}</b>`;
      if (group[0]?.kind === 'pre') return `<pre>${escapeHtml(text)}</pre>`;
      return escapeHtml(text);
    })
    .join('\n');
}

function renderMarkdownV2(lines: Line[]): string {
  return groups(lines)
    .map((group) => {
      const text = group.map((line) => line.text).join('\n');
      if (group[0]?.kind === 'title') return `*${escapeMarkdownV2(text)}*`;
      if (group[0]?.kind === 'pre') return `\`\`\`\n${escapeCode(text)}\n\`\`\``;
      return escapeMarkdownV2(text);
    })
    .join('\n');
}

/** The alert as one or more message texts, each within Telegram's limit. */
export function telegramMessages(notification: Notification, mode: ParseMode, limit = TELEGRAM_LIMIT): string[] {
  const title = `${SEVERITY_ICON[notification.severity]} ${notification.title}`;
  const render = mode === 'HTML' ? renderHtml : renderMarkdownV2;
  return chunkLines(toLines(title, notification.body), limit, render);
}
