// JSON over HTTP for the broker adapters (the MT5 bridge, the IBKR gateway): one request with a
// timeout, and failures sorted the way the adapters map them: no answer in time, no connection,
// or an answer (any status, for the adapter to read). Payloads are parsed with zod at the edge.
import { z } from 'zod';
import { Decimal } from '../money.js';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string | undefined;
  timeoutMs: number;
}

export interface HttpAnswer {
  status: number;
  text: string;
  retryAfter?: string | undefined;
}

/** One HTTP exchange; `fetchSend` by default, a TLS-lenient one for a local gateway. */
export type Send = (request: HttpRequest) => Promise<HttpAnswer>;

/** The request got no answer: `timeout` may have reached the server, `network` may not have. */
export class HttpFailure extends Error {
  constructor(
    readonly kind: 'timeout' | 'network',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'HttpFailure';
  }
}

export const fetchSend: Send = async (request) => {
  try {
    const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body ?? null, signal: AbortSignal.timeout(request.timeoutMs) });
    return { status: response.status, text: await response.text(), retryAfter: response.headers.get('retry-after') ?? undefined };
  } catch (error) {
    throw toHttpFailure(error, request.timeoutMs);
  }
};

export function toHttpFailure(error: unknown, timeoutMs: number): HttpFailure {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') return new HttpFailure('timeout', `no answer within ${timeoutMs} ms`, { cause: error });
  const code = (error as { cause?: { code?: string } } | undefined)?.cause?.code;
  return new HttpFailure('network', `cannot connect${code ? ` (${code})` : ''}`, { cause: error });
}

/** The answer's JSON, or undefined when it is not JSON (a proxy's HTML error page). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A decimal sent as a JSON string or number ("0.1" or 0.1), as a Decimal; NaN and Infinity refused. */
export const decimalJson = z.union([z.string(), z.number()]).transform((input, ctx) => {
  const text = String(input).trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text)) {
    ctx.addIssue({ code: 'custom', message: `${JSON.stringify(input)} is not a number` });
    return z.NEVER;
  }
  return new Decimal(text);
});

/** Seconds of a Retry-After header, in milliseconds, if it gave a number. */
export function retryAfterMs(header: string | undefined): number | undefined {
  const seconds = Number(header);
  return header !== undefined && header.trim() !== '' && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}
