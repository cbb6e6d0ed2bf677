// Jupiter's HTTP APIs (Swap API v1 and Price API v3) over fetch. Every failure becomes a
// JupiterApiError that says what Jupiter said and whether trying again can help (no answer, 429
// and 5xx can; a 400 such as "no route" cannot); the API key never appears in one.
import type { z } from 'zod';
import { fetchSend, HttpFailure, parseJson, type Send } from '../http-json.js';
import { errorAnswer, priceAnswer, quoteAnswer, swapAnswer, type QuoteAnswer } from './payloads.js';

export const DEFAULT_JUPITER_URL = 'https://api.jup.ag';
const TIMEOUT_MS = 10_000;

export class JupiterApiError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'JupiterApiError';
  }
}

export interface QuoteParams {
  inputMint: string;
  outputMint: string;
  /** Base units of inputMint (exact in). */
  amount: bigint;
  slippageBps: number;
}

/** A parsed quote and the exact text Jupiter sent, which goes back to /swap untouched. */
export interface JupiterQuote {
  answer: QuoteAnswer;
  raw: string;
}

export interface JupiterApi {
  quote(params: QuoteParams): Promise<JupiterQuote>;
  swap(userPublicKey: string, quote: JupiterQuote): Promise<z.infer<typeof swapAnswer>>;
  /** USD prices of mints (those Jupiter can price). */
  prices(mints: readonly string[]): Promise<z.infer<typeof priceAnswer>>;
}

export interface JupiterApiOptions {
  baseUrl: string;
  apiKey?: string | undefined;
  send?: Send;
  timeoutMs?: number;
}

export function createJupiterApi(options: JupiterApiOptions): JupiterApi {
  const base = options.baseUrl.replace(/\/+$/, '');
  const headers: Record<string, string> = { accept: 'application/json', ...(options.apiKey ? { 'x-api-key': options.apiKey } : {}) };
  const send = options.send ?? fetchSend;

  const call = async (method: 'GET' | 'POST', path: string, body?: string): Promise<string> => {
    const request = { method, url: `${base}${path}`, headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' }, body, timeoutMs: options.timeoutMs ?? TIMEOUT_MS };
    let answer;
    try {
      answer = await send(request);
    } catch (error) {
      const why = error instanceof HttpFailure && error.kind === 'timeout' ? error.message : `cannot reach ${base} (${error instanceof Error ? error.message : String(error)})`;
      throw new JupiterApiError(`${path.split('?')[0]}: ${why}`, true, { cause: error });
    }
    if (answer.status < 200 || answer.status > 299) throw answerError(path.split('?')[0]!, answer.status, answer.text);
    return answer.text;
  };

  return {
    async quote(params) {
      const query = new URLSearchParams({ inputMint: params.inputMint, outputMint: params.outputMint, amount: params.amount.toString(), slippageBps: String(params.slippageBps), swapMode: 'ExactIn' });
      const raw = await call('GET', `/swap/v1/quote?${query}`);
      return { answer: parse('/swap/v1/quote', quoteAnswer, raw), raw };
    },
    async swap(userPublicKey, quote) {
      // The quote goes back byte for byte as Jupiter sent it.
      const body = `{"userPublicKey":${JSON.stringify(userPublicKey)},"wrapAndUnwrapSol":true,"dynamicComputeUnitLimit":true,"quoteResponse":${quote.raw}}`;
      return parse('/swap/v1/swap', swapAnswer, await call('POST', '/swap/v1/swap', body));
    },
    async prices(mints) {
      const text = await call('GET', `/price/v3?ids=${mints.map(encodeURIComponent).join(',')}`);
      // usdPrice is a JSON number: keep its digits as text, so no float rounds them.
      return parse('/price/v3', priceAnswer, text.replace(/("usdPrice"\s*:\s*)(-?\d[\d.eE+-]*)/g, '$1"$2"'));
    },
  };
}

function parse<T extends z.ZodType>(path: string, schema: T, text: string): z.infer<T> {
  const parsed = schema.safeParse(parseJson(text));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  throw new JupiterApiError(`${path}: the answer is not what Jupiter sends${where} (${issue?.message ?? 'not JSON'}); is base_url Jupiter's API?`, false);
}

/** A non-2xx answer, in Jupiter's words where its body has them. */
function answerError(path: string, status: number, text: string): JupiterApiError {
  const body = errorAnswer.safeParse(parseJson(text));
  const said = body.success ? [body.data.error ?? body.data.message, body.data.errorCode].filter(Boolean).join(' ') : '';
  const quoted = said ? `: Jupiter said "${said.length > 200 ? `${said.slice(0, 200)}...` : said}"` : '';
  const hint = status === 401 || status === 403 ? ' (check credentials.api_key; Jupiter wants an x-api-key from portal.jup.ag)' : status === 429 ? ' (rate limited, try again later)' : '';
  return new JupiterApiError(`${path}: HTTP ${status}${quoted}${hint}`, status === 429 || status >= 500);
}
