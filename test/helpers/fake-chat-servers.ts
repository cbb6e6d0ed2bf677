// Fake Telegram, Discord and Slack servers on 127.0.0.1 (node:http), reached through real fetch.
// Each checks a request the way the real service does (path, JSON body, length limits, Telegram's
// entity parsing) and answers as it would; a test can queue failures (429 with retry_after, 5xx).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  raw: string;
  body: any;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface FakeServer {
  baseUrl: string;
  requests: Recorded[];
  /** Replies used before the service's own answer, one per request, in order. */
  failNext(...replies: Reply[]): void;
  close(): Promise<void>;
}

type Handle = (request: Recorded) => Reply;

export async function startFake(handle: Handle): Promise<FakeServer> {
  const requests: Recorded[] = [];
  const queued: Reply[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        body = undefined;
      }
      const recorded = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, raw, body };
      requests.push(recorded);
      const reply = queued.shift() ?? handle(recorded);
      const text = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      res.writeHead(reply.status, { 'content-type': typeof reply.body === 'string' ? 'text/plain' : 'application/json', ...reply.headers });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    failNext: (...replies) => queued.push(...replies),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const telegramError = (code: number, description: string): Reply => ({ status: code, body: { ok: false, error_code: code, description } });

/** The Bot API: POST /bot<token>/sendMessage, {chat_id, text, parse_mode}, text 1..4096 after parsing. */
export function fakeTelegram(token: string, chatId: string): Promise<FakeServer> {
  return startFake((request) => {
    if (request.path !== `/bot${token}/sendMessage`) return telegramError(401, 'Unauthorized');
    if (request.method !== 'POST' || !String(request.headers['content-type']).startsWith('application/json')) return telegramError(400, 'Bad Request: expected JSON');
    const { chat_id: chat, text, parse_mode: mode } = request.body ?? {};
    if (String(chat) !== chatId) return telegramError(400, 'Bad Request: chat not found');
    if (typeof text !== 'string' || text.length === 0) return telegramError(400, 'Bad Request: message text is empty');
    if (text.length > 4096) return telegramError(400, 'Bad Request: message is too long');
    const problem = mode === 'MarkdownV2' ? checkMarkdownV2(text) : mode === 'HTML' ? checkHtml(text) : undefined;
    if (problem) return telegramError(400, `Bad Request: can't parse entities: ${problem}`);
    return { status: 200, body: { ok: true, result: { message_id: request.path.length, text } } };
  });
}

const RESERVED = '_*[]()~`>#+-=|{}.!';

/** Telegram's MarkdownV2 rules, as far as we use them: *bold*, ``` blocks, everything else escaped. */
export function checkMarkdownV2(text: string): string | undefined {
  let bold = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '\\') {
      i++;
      continue;
    }
    if (text.startsWith('```', i)) {
      const end = text.indexOf('```', i + 3);
      if (end < 0) return 'unclosed pre block';
      const inside = text.slice(i + 3, end);
      for (let j = 0; j < inside.length; j++) {
        if (inside[j] === '\\') j++;
        else if (inside[j] === '`') return 'unescaped ` in pre';
      }
      i = end + 2;
      continue;
    }
    if (char === '*') bold = !bold;
    else if (RESERVED.includes(char)) return `Character '${char}' is reserved and must be escaped with the preceding '\\'`;
  }
  return bold ? 'unclosed bold entity' : undefined;
}

/** Telegram's HTML rules: only known tags, balanced; & only as an entity; < only as a tag. */
export function checkHtml(text: string): string | undefined {
  const open: string[] = [];
  const pattern = /<(\/?)([a-z-]+)>|&(amp|lt|gt|quot);|[<>&]/g;
  for (const match of text.matchAll(pattern)) {
    if (match[3]) continue;
    if (!match[2]) return `unsupported start tag or unescaped ${match[0]}`;
    if (!['b', 'i', 'u', 's', 'code', 'pre'].includes(match[2])) return `unsupported tag ${match[2]}`;
    if (match[1]) {
      if (open.pop() !== match[2]) return `unmatched end tag ${match[2]}`;
    } else open.push(match[2]);
  }
  return open.length > 0 ? `unclosed ${open.join(', ')}` : undefined;
}

/** A Discord webhook: POST /api/webhooks/<id>/<token>; content ≤ 2000, embed description ≤ 4096; 204. */
export function fakeDiscord(path: string): Promise<FakeServer> {
  return startFake((request) => {
    if (request.path !== path) return { status: 401, body: { message: 'Invalid Webhook Token', code: 50027 } };
    const { content, embeds } = request.body ?? {};
    if (!content && !(Array.isArray(embeds) && embeds.length > 0)) return { status: 400, body: { message: 'Cannot send an empty message', code: 50006 } };
    if (typeof content === 'string' && content.length > 2000) return { status: 400, body: { message: 'Invalid Form Body', errors: { content: 'Must be 2000 or fewer in length.' } } };
    for (const embed of embeds ?? []) {
      if (String(embed.description ?? '').length > 4096 || String(embed.title ?? '').length > 256) return { status: 400, body: { message: 'Invalid Form Body' } };
    }
    return { status: 204 };
  });
}

/** A Slack incoming webhook: POST /services/T/B/X; text or blocks (≤ 50, sections ≤ 3000); answers "ok". */
export function fakeSlack(path: string): Promise<FakeServer> {
  return startFake((request) => {
    if (request.path !== path) return { status: 404, body: 'no_service' };
    const { text, blocks } = request.body ?? {};
    if (typeof text !== 'string' && !Array.isArray(blocks)) return { status: 400, body: 'invalid_payload' };
    if (Array.isArray(blocks)) {
      if (blocks.length > 50) return { status: 400, body: 'invalid_blocks' };
      for (const block of blocks) {
        if (block.type === 'section' && String(block.text?.text ?? '').length > 3000) return { status: 400, body: 'invalid_blocks' };
        if (block.type === 'header' && String(block.text?.text ?? '').length > 150) return { status: 400, body: 'invalid_blocks' };
      }
    }
    return { status: 200, body: 'ok' };
  });
}
