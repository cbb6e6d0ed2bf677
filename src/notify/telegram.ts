// Telegram Bot API sendMessage (https://core.telegram.org/bots/api#sendmessage): POST
// /bot<token>/sendMessage with {chat_id, text, parse_mode}. An answer is {ok, result} or
// {ok: false, error_code, description, parameters: {retry_after}}. A long alert goes out as
// several messages, in order; a failure part-way fails the send (the outbox resends it whole).
import type { Notification } from '../ports.js';
import { SEVERITY_RANK, type Channel, type HttpChannelDeps } from './channel.js';
import { NotifyError } from './errors.js';
import { failIfNotOk, postJson } from './http.js';
import { telegramMessages, type ParseMode } from './telegram-format.js';

export interface TelegramOptions {
  token: string;
  chatId: string;
  parseMode: ParseMode;
  baseUrl: string;
}

export function createTelegramChannel(deps: HttpChannelDeps, options: TelegramOptions): Channel {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/bot${options.token}/sendMessage`;
  return {
    name: deps.name,
    kind: 'telegram',
    minSeverity: deps.minSeverity,
    async send(notification: Notification) {
      for (const text of telegramMessages(notification, options.parseMode)) {
        const answer = await postJson(deps.http, deps.name, url, {
          chat_id: options.chatId,
          text,
          parse_mode: options.parseMode,
          disable_web_page_preview: true,
          disable_notification: SEVERITY_RANK[notification.severity] < SEVERITY_RANK.warning,
        });
        const body = answer.json as { ok?: unknown; description?: unknown } | undefined;
        failIfNotOk(deps.name, answer, typeof body?.description === 'string' ? body.description : undefined, deps.http.scrub);
        if (body?.ok !== true) throw new NotifyError(deps.name, 'the Bot API did not answer ok: true', false, { status: answer.status });
      }
    },
  };
}
