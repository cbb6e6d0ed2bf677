// The HTTP client of one MT5 bridge: the bearer token on every request, JSON in and out, and a
// non-2xx answer turned into a BridgeAnswerError with the bridge's error code.
import type { z } from 'zod';
import { fetchSend, parseJson, retryAfterMs, type Send } from '../http-json.js';
import { BridgeAnswerError } from './errors.js';
import { errorSchema } from './payloads.js';

export interface BridgeOptions {
  baseUrl: string;
  token: string;
  timeoutMs: number;
  send?: Send | undefined;
}

export interface Bridge {
  call<T extends z.ZodType>(method: 'GET' | 'POST' | 'DELETE', path: string, schema: T, body?: unknown): Promise<z.output<T>>;
}

export function createBridge(options: BridgeOptions): Bridge {
  const send = options.send ?? fetchSend;
  const base = options.baseUrl.replace(/\/+$/, '');
  return {
    async call(method, path, schema, body) {
      const answer = await send({
        method,
        url: `${base}${path}`,
        headers: { authorization: `Bearer ${options.token}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        timeoutMs: options.timeoutMs,
      });
      const json = parseJson(answer.text);
      if (answer.status < 200 || answer.status >= 300) {
        const said = errorSchema.safeParse(json);
        const code = said.success ? said.data.error.code : answer.status === 401 ? 'UNAUTHORIZED' : `HTTP_${answer.status}`;
        const message = said.success ? said.data.error.message + (said.data.error.retcode ? ` (retcode ${said.data.error.retcode})` : '') : `HTTP ${answer.status}`;
        throw new BridgeAnswerError(answer.status, code, message, retryAfterMs(answer.retryAfter));
      }
      const parsed = schema.safeParse(json);
      // Status 0 marks "answered, but not in the protocol's shape": the call may have acted.
      if (!parsed.success) throw new BridgeAnswerError(0, 'BAD_ANSWER', `the answer to ${method} ${path.split('?')[0]} is not in the bridge protocol's shape`);
      return parsed.data;
    },
  };
}
