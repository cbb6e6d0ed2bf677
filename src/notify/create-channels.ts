// The configured channels, built once per run. A channel that cannot work yet (an unset
// environment variable, no K.I.T. slot) is still built, as one whose every send fails with the
// reason: its alerts then wait in the outbox until the setting is fixed instead of vanishing.
// With no channels configured, alerts go where K.I.T. would send them: its notifications slot
// when one is registered, else Telegram when TELEGRAM_BOT_TOKEN and TELEGRAM_CHAT_ID are set, else stdout.
import { isAbsolute, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import type { Notification, Severity } from '../ports.js';
import type { Channel } from './channel.js';
import { channelSchema, type ChannelConfig, type ChannelKind } from './config.js';
import { createDiscordChannel } from './discord.js';
import { resolveRef, type Env } from './env.js';
import { NotifyError } from './errors.js';
import { createFileChannel } from './file.js';
import type { Fetch } from './http.js';
import { createKitChannel, type KitNotificationsSlot } from './kit-slot.js';
import { createScrubber, type Scrub } from './scrub.js';
import { createSlackChannel } from './slack.js';
import { createStdoutChannel } from './stdout.js';
import { createTelegramChannel } from './telegram.js';
import { createWebhookChannel } from './webhook.js';

export interface ChannelDeps {
  env: Env;
  fetch: Fetch;
  stdout: Writable;
  /** Where a relative file channel path lives. */
  stateDir: string;
  /** K.I.T.'s notifications slot, when the host has one (see kitNotificationsSlot). */
  kitSlot?: KitNotificationsSlot | undefined;
  timeoutMs: number;
}

export interface BuiltChannels {
  channels: Channel[];
  /** Masks every token and webhook URL the channels use. */
  scrub: Scrub;
}

export function createChannels(deps: ChannelDeps, configs: readonly ChannelConfig[]): BuiltChannels {
  const secrets: string[] = [];
  const used = new Map<string, number>();
  const named = (configs.length > 0 ? configs : defaultChannels(deps)).map((config) => {
    const base = config.name ?? config.kind;
    const count = (used.get(base) ?? 0) + 1;
    used.set(base, count);
    return { config, name: count === 1 ? base : `${base}-${count}` };
  });
  // Secrets first, so the scrubber knows every one before any channel can fail.
  const resolved = named.map(({ config, name }) => ({ config, name, values: resolveSecrets(config, name, deps.env, secrets) }));
  const scrub = createScrubber(secrets);
  const channels = resolved
    .filter(({ config }) => config.enabled)
    .map(({ config, name, values }) => (values instanceof NotifyError ? brokenChannel(name, config.kind, config.min_severity, values) : build(deps, scrub, config, name, values)));
  return { channels, scrub };
}

type Secrets = Record<string, string | undefined>;

/** Resolves the ${ENV} references of one channel; collects the secret values for the scrubber. */
function resolveSecrets(config: ChannelConfig, name: string, env: Env, secrets: string[]): Secrets | NotifyError {
  const keep = (value: string) => (secrets.push(value), value);
  try {
    switch (config.kind) {
      case 'telegram':
        return { token: keep(resolveRef(name, 'token', config.token, env)), chatId: resolveRef(name, 'chat_id', config.chat_id, env) };
      case 'discord':
      case 'slack':
        return { url: keep(resolveRef(name, 'webhook_url', config.webhook_url, env)) };
      case 'webhook':
        return { url: keep(resolveRef(name, 'url', config.url, env)), secret: config.secret === undefined ? undefined : keep(resolveRef(name, 'secret', config.secret, env)) };
      default:
        return {};
    }
  } catch (error) {
    if (error instanceof NotifyError) return error;
    throw error;
  }
}

function build(deps: ChannelDeps, scrub: Scrub, config: ChannelConfig, name: string, values: Secrets): Channel {
  const http = { fetch: deps.fetch, timeoutMs: deps.timeoutMs, scrub };
  const common = { name, minSeverity: config.min_severity, http };
  switch (config.kind) {
    case 'telegram':
      return createTelegramChannel(common, { token: values.token!, chatId: values.chatId!, parseMode: config.parse_mode, baseUrl: config.base_url });
    case 'discord':
      return createDiscordChannel(common, { webhookUrl: values.url!, baseUrl: config.base_url, embeds: config.embeds, username: config.username });
    case 'slack':
      return createSlackChannel(common, { webhookUrl: values.url!, baseUrl: config.base_url, blocks: config.blocks });
    case 'webhook':
      return createWebhookChannel(common, { url: values.url!, baseUrl: config.base_url, secret: values.secret, signatureHeader: config.signature_header });
    case 'file':
      return createFileChannel(common, isAbsolute(config.path) ? config.path : resolve(deps.stateDir, config.path));
    case 'stdout':
      return createStdoutChannel(common, deps.stdout);
    case 'kit':
      if (!deps.kitSlot) {
        const error = new NotifyError(name, "K.I.T. has no 'notifications' slot registered", true, { details: 'Register a notifications plugin in K.I.T., or configure another channel.' });
        return brokenChannel(name, 'kit', config.min_severity, error);
      }
      return createKitChannel({ name, minSeverity: config.min_severity, scrub }, deps.kitSlot, config.channel);
  }
}

function brokenChannel(name: string, kind: ChannelKind, minSeverity: Severity, error: NotifyError): Channel {
  return {
    name,
    kind,
    minSeverity,
    send: (_notification: Notification) => Promise.reject(error),
  };
}

function defaultChannels(deps: ChannelDeps): ChannelConfig[] {
  // The slot is K.I.T.'s own router to the user's channels (Telegram among them): never both.
  if (deps.kitSlot) return [channelSchema.parse({ kind: 'kit' })];
  if (deps.env.TELEGRAM_BOT_TOKEN?.trim() && deps.env.TELEGRAM_CHAT_ID?.trim()) return [channelSchema.parse({ kind: 'telegram' })];
  return [channelSchema.parse({ kind: 'stdout' })];
}
