// The HTTP client of 1inch's Swap API v6.0: GET {base}/swap/v6.0/{chainId}/..., the key as a
// Bearer header (never in the URL), every answer parsed with zod. Requests go one at a time: the
// API's plans allow a few requests a second, and a burst of parallel quotes earns a 429.
import type { z } from 'zod';
import { fetchSend, parseJson, retryAfterMs, type Send } from '../http-json.js';
import { allowanceSchema, approveTransactionSchema, errorSchema, quoteSchema, swapSchema, type ApproveTransaction, type SwapAnswer } from './payloads.js';

export const DEFAULT_ONEINCH_URL = 'https://api.1inch.dev';

export interface OneInchApiOptions {
  baseUrl: string;
  chainId: number;
  apiKey: string;
  timeoutMs: number;
  send?: Send | undefined;
}

export interface SwapParams {
  src: string;
  dst: string;
  amount: bigint;
  from: string;
  /** Percent, as 1inch takes it ("0.5" = 0.5%). */
  slippage: string;
}

export interface OneInchApi {
  /** Base units of `dst` that `amount` base units of `src` buy. */
  quote(src: string, dst: string, amount: bigint): Promise<bigint>;
  swap(params: SwapParams): Promise<SwapAnswer>;
  allowance(token: string, wallet: string): Promise<bigint>;
  approveTransaction(token: string, amount: bigint): Promise<ApproveTransaction>;
}

/** 1inch answered, but not with what was asked: an HTTP error (its own words in `said`), or status 0 for a wrong shape. */
export class OneInchAnswerError extends Error {
  constructor(
    readonly status: number,
    readonly path: string,
    readonly said: { error?: string | undefined; description: string } | undefined,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'OneInchAnswerError';
  }
}

export function createOneInchApi(options: OneInchApiOptions): OneInchApi {
  const send = options.send ?? fetchSend;
  const root = `${options.baseUrl.replace(/\/+$/, '')}/swap/v6.0/${options.chainId}`;
  let queue: Promise<unknown> = Promise.resolve();

  const get = <T extends z.ZodType>(path: string, params: Record<string, string>, schema: T): Promise<z.output<T>> => {
    const call = async () => {
      const answer = await send({ method: 'GET', url: `${root}${path}?${new URLSearchParams(params).toString()}`, headers: { authorization: `Bearer ${options.apiKey}`, accept: 'application/json' }, timeoutMs: options.timeoutMs });
      const json = parseJson(answer.text);
      const where = `/swap/v6.0/${options.chainId}${path}`;
      if (answer.status < 200 || answer.status >= 300) {
        const said = errorSchema.safeParse(json);
        throw new OneInchAnswerError(answer.status, where, said.success ? said.data : undefined, `HTTP ${answer.status}`, retryAfterMs(answer.retryAfter));
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue && issue.path.length > 0 ? issue.path.join('.') : 'the answer';
        throw new OneInchAnswerError(0, where, undefined, `${field}: ${issue?.message ?? 'unexpected'}`);
      }
      return parsed.data;
    };
    const result = queue.then(call, call);
    queue = result.catch(() => undefined);
    return result;
  };

  return {
    quote: async (src, dst, amount) => (await get('/quote', { src, dst, amount: amount.toString() }, quoteSchema)).dstAmount,
    // disableEstimate: the approval this swap may need is not mined yet, so 1inch's gas estimate would fail.
    swap: (p) => get('/swap', { src: p.src, dst: p.dst, amount: p.amount.toString(), from: p.from, origin: p.from, slippage: p.slippage, disableEstimate: 'true' }, swapSchema),
    allowance: async (token, wallet) => (await get('/approve/allowance', { tokenAddress: token, walletAddress: wallet }, allowanceSchema)).allowance,
    approveTransaction: (token, amount) => get('/approve/transaction', { tokenAddress: token, amount: amount.toString() }, approveTransactionSchema),
  };
}
