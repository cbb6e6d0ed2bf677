// The HTTP client of a Client Portal gateway: paths under /v1/api, JSON in and out. The gateway
// reports a failure as `{error: "..."}`, sometimes with status 200, so that shape is an error at
// any status (a what-if preview also has an `error` field, beside its figures: not this shape). The session is kept alive with /tickle and checked for a login before use.
import type { z } from 'zod';
import type { Clock } from '../../ports.js';
import { fetchSend, parseJson, retryAfterMs, type Send } from '../http-json.js';
import { GatewayAnswerError } from './errors.js';
import { parseJsonExact } from './exact-json.js';
import { tickleSchema } from './payloads.js';

export interface GatewayOptions {
  baseUrl: string;
  timeoutMs: number;
  send: Send | undefined;
  clock: Clock;
}

export interface Gateway {
  /** `exactNumbers`: JSON numbers reach the schema as the strings of their digits (exact-json.ts). */
  call<T extends z.ZodType>(method: 'GET' | 'POST' | 'DELETE', path: string, schema: T, body?: unknown, read?: { exactNumbers: boolean }): Promise<z.output<T>>;
  /** Tickles the session when a minute has passed since the last tickle; refuses when it is not logged in. */
  session(): Promise<void>;
}

/** The gateway drops a session left alone for about five minutes; a tickle a minute is plenty. */
const TICKLE_EVERY_MS = 60_000;

export function createGateway(options: GatewayOptions): Gateway {
  const send = options.send ?? fetchSend;
  const base = `${options.baseUrl.replace(/\/+$/, '')}/v1/api`;
  let tickled = -Infinity;
  let tickling: Promise<void> | undefined;
  const gateway: Gateway = {
    async call(method, path, schema, body, read) {
      const answer = await send({
        method,
        url: `${base}${path}`,
        headers: { accept: 'application/json', 'user-agent': 'kit-portfolio-rebalancer', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        timeoutMs: options.timeoutMs,
      });
      const json = read?.exactNumbers ? parseJsonExact(answer.text) : parseJson(answer.text);
      const said = errorText(json);
      if (said !== undefined || answer.status < 200 || answer.status >= 300) {
        throw new GatewayAnswerError(answer.status >= 200 && answer.status < 300 ? 400 : answer.status, said ?? `HTTP ${answer.status}`, retryAfterMs(answer.retryAfter));
      }
      const parsed = schema.safeParse(json);
      // Status 0: answered, but not in the API's shape; an order call may have acted.
      if (!parsed.success) throw new GatewayAnswerError(0, `the answer to ${method} ${path.split('?')[0]} is not in the Client Portal API's shape`);
      return parsed.data;
    },
    session() {
      const now = options.clock.now().getTime();
      if (now - tickled < TICKLE_EVERY_MS) return Promise.resolve();
      // Calls made together (balances, prices, markets) share one tickle.
      tickling ??= gateway
        .call('POST', '/tickle', tickleSchema, {})
        .then((status) => {
          if (status.iserver && !status.iserver.authStatus.authenticated) throw new GatewayAnswerError(401, 'the brokerage session is not authenticated');
          tickled = now;
        })
        .finally(() => (tickling = undefined));
      return tickling;
    },
  };
  return gateway;
}

/** The text of an `{error: "..."}` answer (optionally with statusCode), else undefined. */
function errorText(json: unknown): string | undefined {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return undefined;
  const { error, ...rest } = json as Record<string, unknown>;
  return typeof error === 'string' && Object.keys(rest).every((key) => key === 'statusCode') ? error : undefined;
}
