// One JSON POST and how its answer is judged: 2xx delivered; 429, 408 and 5xx worth retrying
// (with the wait the service asked for, from the Retry-After header or a JSON retry_after, as
// Telegram and Discord send it); any other 4xx is a setting to fix. Everything said is scrubbed.
import { NotifyError } from './errors.js';
import type { Scrub } from './scrub.js';

export type Fetch = typeof globalThis.fetch;

export interface HttpDeps {
  fetch: Fetch;
  timeoutMs: number;
  scrub: Scrub;
}

export interface HttpAnswer {
  status: number;
  text: string;
  /** The body parsed as JSON, when it is JSON. */
  json: unknown;
  retryAfterMs: number | undefined;
}

/** Posts `body` (an object, sent as JSON, or a string sent as is); throws NotifyError on a network failure. */
export async function postJson(deps: HttpDeps, channel: string, url: string, body: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  let response: Response;
  try {
    response = await deps.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'portfolio-rebalancer', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(deps.timeoutMs),
      redirect: 'error',
    });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const reason = timedOut ? `no answer within ${deps.timeoutMs} ms` : `network error (${deps.scrub(causeText(error))})`;
    throw new NotifyError(channel, reason, true);
  }
  const text = await response.text().catch(() => '');
  const json = parseJson(text);
  return { status: response.status, text, json, retryAfterMs: retryAfter(response.headers.get('retry-after'), json) };
}

/** Throws the NotifyError an unsuccessful answer means; `said` is the service's own explanation. */
export function failIfNotOk(channel: string, answer: HttpAnswer, said: string | undefined, scrub: Scrub): void {
  if (answer.status >= 200 && answer.status < 300) return;
  const explanation = scrub(clip(said ?? answer.text).trim());
  const reason = `HTTP ${answer.status}${explanation ? `: ${explanation}` : ''}`;
  const retryable = answer.status === 429 || answer.status === 408 || answer.status >= 500;
  throw new NotifyError(channel, reason, retryable, { status: answer.status, retryAfterMs: answer.retryAfterMs, details: hint(answer.status) });
}

function hint(status: number): string | undefined {
  if (status === 401 || status === 403) return 'Check the token or webhook URL in the environment variable this channel reads.';
  if (status === 404) return 'The webhook or chat does not exist (deleted, or a wrong id).';
  return undefined;
}

/** Seconds (or an HTTP date) from Retry-After; else retry_after from the body, in seconds. */
function retryAfter(header: string | null, json: unknown): number | undefined {
  if (header !== null && header.trim() !== '') {
    const seconds = Number(header.trim());
    if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.max(0, date - Date.now());
  }
  const body = json as { retry_after?: unknown; parameters?: { retry_after?: unknown } } | undefined;
  const value = body?.parameters?.retry_after ?? body?.retry_after;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.ceil(value * 1000) : undefined;
}

function parseJson(text: string): unknown {
  if (!/^\s*[[{]/.test(text)) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function causeText(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}

const clip = (text: string) => (text.length > 300 ? `${text.slice(0, 299)}…` : text);
