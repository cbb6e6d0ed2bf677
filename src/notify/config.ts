// The `notifications:` section: which channels alerts go to, and how hard to try. Secrets (bot
// tokens, webhook URLs, HMAC keys) are only ever written as ${ENV_VAR} references, so a config
// file can be shared or committed; a literal secret is refused with a message that never echoes it.
import { z } from 'zod';
import { boolean, duration, integer, oneOf } from '../config/fields.js';

export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export const CHANNEL_KINDS = ['telegram', 'discord', 'slack', 'webhook', 'file', 'stdout', 'kit'] as const;

const ENV_REF = /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/;

/** A secret: only `${ENV_VAR}`, never the value itself (which would then sit in the file). */
const envRef = (what: string, example: string) =>
  z.string({ error: `expected ${what} as an environment reference such as ${example}` }).refine((value) => ENV_REF.test(value.trim()), {
    error: `${what} must be written as an environment reference such as ${example}; put the value in that environment variable, not in the config`,
  });

/** A value that may be written literally or as `${ENV_VAR}` (a chat id, a non-secret URL). */
const plainOrRef = (what: string) => z.union([z.string(), z.number()], { error: `expected ${what}` }).transform(String);

const httpUrl = (what: string) =>
  z.string({ error: `expected ${what} such as https://example.com` }).refine((value) => ENV_REF.test(value.trim()) || /^https?:\/\/[^\s/]+/.test(value.trim()), {
    error: `${what} must be an http(s) URL or an environment reference such as \${ALERT_WEBHOOK_URL}`,
  });

/**
 * An object whose unknown keys are each reported by name (the path) with the keys it accepts,
 * never with their value: a misspelt `tokn: 123:ABC...` is still a token.
 */
function closed<T extends z.core.$ZodLooseShape>(label: string, shape: T) {
  const known = Object.keys(shape);
  return z
    .object(shape)
    .catchall(z.unknown())
    .superRefine(
      (value, ctx) => {
        if (typeof value !== 'object' || value === null) return;
        for (const key of Object.keys(value).filter((name) => !known.includes(name))) {
          ctx.addIssue({ code: 'custom', path: [key], message: `unknown setting ${JSON.stringify(key)}${label}; expected one of ${known.join(', ')}` });
        }
      },
      // Also when another key failed: one run reports every problem.
      { when: () => true },
    );
}

const common = {
  /** How this channel is named in logs and the outbox; defaults to its kind. */
  name: z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, { error: 'expected a short name of letters, digits, _ . or -' }).optional(),
  enabled: boolean().default(true),
  /** Alerts below this severity skip the channel. */
  min_severity: oneOf('severity', SEVERITIES).default('info'),
};

const telegram = closed(` for a telegram channel`, {
  kind: z.literal('telegram'),
  ...common,
  token: envRef('the bot token', '${TELEGRAM_BOT_TOKEN}').default('${TELEGRAM_BOT_TOKEN}'),
  chat_id: plainOrRef('a chat id such as -1001234567890').default('${TELEGRAM_CHAT_ID}'),
  parse_mode: oneOf('parse_mode', ['HTML', 'MarkdownV2'] as const).default('HTML'),
  base_url: httpUrl('base_url').default('https://api.telegram.org'),
});

const discord = closed(` for a discord channel`, {
  kind: z.literal('discord'),
  ...common,
  webhook_url: envRef('the webhook URL', '${DISCORD_WEBHOOK_URL}').default('${DISCORD_WEBHOOK_URL}'),
  embeds: boolean().default(false),
  username: z.string().max(80).optional(),
  /** Replaces the webhook URL's scheme and host (tests, proxies); its path is kept. */
  base_url: httpUrl('base_url').optional(),
});

const slack = closed(` for a slack channel`, {
  kind: z.literal('slack'),
  ...common,
  webhook_url: envRef('the webhook URL', '${SLACK_WEBHOOK_URL}').default('${SLACK_WEBHOOK_URL}'),
  blocks: boolean().default(true),
  base_url: httpUrl('base_url').optional(),
});

const webhook = closed(` for a webhook channel`, {
  kind: z.literal('webhook'),
  ...common,
  url: httpUrl('url'),
  /** HMAC-SHA256 key for the signature header; unsigned without it. */
  secret: envRef('the signing secret', '${ALERT_WEBHOOK_SECRET}').optional(),
  signature_header: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, { error: 'expected an HTTP header name' }).default('X-Signature-256'),
  base_url: httpUrl('base_url').optional(),
});

const file = closed(` for a file channel`, {
  kind: z.literal('file'),
  ...common,
  /** JSON lines are appended here; relative to the state directory. */
  path: z.string({ error: 'expected a file path such as alerts.jsonl' }).min(1).default('alerts.jsonl'),
});

const stdout = closed(' for a stdout channel', { kind: z.literal('stdout'), ...common });

/** K.I.T.'s `notifications` slot, when a host plugin registers one. */
const kit = closed(` for a kit channel`, {
  kind: z.literal('kit'),
  ...common,
  /** Passed to the slot's send as `channel` (one of its getChannels()); the slot's default when absent. */
  channel: z.string().optional(),
});

export const channelSchema = z.discriminatedUnion('kind', [telegram, discord, slack, webhook, file, stdout, kit], {
  error: (issue) => (issue.code === 'invalid_union' ? `unknown channel kind; expected kind: one of ${CHANNEL_KINDS.join(', ')}` : undefined),
});

const settings = closed('', {
    channels: z.array(channelSchema).default([]),
    /** Tries per alert and channel within one send, the first included. */
    attempts: integer(1, 10).default(4),
    /** Backoff: base * 2^(try-1), capped, with jitter. */
    backoff_base: duration().default(1_000),
    backoff_max: duration().default(30_000),
    /** A retry_after longer than this is not waited for: the alert goes to the outbox for the next check. */
    max_wait: duration().default(60_000),
    /** One HTTP request's time limit. */
    timeout: duration().default(10_000),
    /** Undelivered alerts older than this are marked expired (and reported) instead of sent late. */
    outbox_max_age: duration().default(7 * 86_400_000),
});

export const notificationsSchema = settings.prefault({});

export type NotificationsConfig = z.output<typeof notificationsSchema>;
export type ChannelConfig = z.output<typeof channelSchema>;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];
