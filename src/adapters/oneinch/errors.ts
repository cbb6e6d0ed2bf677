// 1inch's failures as our VenueError: no answer or a 429 / 5xx may pass (retryable); a 4xx is
// 1inch refusing the request, in its own words (`description`); an answer of the wrong shape is
// not retried. Every text passes through the scrubber, so the API key never leaves the adapter.
import { VenueError } from '../../errors.js';
import { HttpFailure } from '../http-json.js';
import { OneInchAnswerError } from './api.js';

export interface ErrorContext {
  venue: string;
  /** The variable the key comes from, to name in a refused-key message. */
  keyVariable: string;
  scrub: (text: string) => string;
}

const clip = (text: string) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 300)}...` : line;
};

function describe(error: unknown, context: ErrorContext): { text: string; retryable: boolean } {
  if (error instanceof SwapRefusal) return { text: error.message, retryable: false };
  if (error instanceof HttpFailure) {
    return { text: error.kind === 'timeout' ? `1inch gave no answer in time (${error.message})` : `1inch cannot be reached: ${error.message}`, retryable: true };
  }
  if (!(error instanceof OneInchAnswerError)) return { text: `unexpected failure: ${error instanceof Error ? error.message : String(error)}`, retryable: false };
  const { status, path, said } = error;
  const words = said ? `: ${clip(said.description)}${said.error ? ` (${clip(said.error)})` : ''}` : '';
  if (status === 0) return { text: `the answer to GET ${path} is not in 1inch's shape (${clip(error.message)})`, retryable: false };
  if (status === 429) return { text: `1inch rate limit reached (HTTP 429)${words}; try again later`, retryable: true };
  if (status >= 500) return { text: `1inch failed (HTTP ${status})${words}; try again`, retryable: true };
  if (status === 401 || status === 403) return { text: `1inch refused the API key (HTTP ${status}); check ${context.keyVariable}`, retryable: false };
  return { text: `1inch refused GET ${path} (HTTP ${status})${words || ' without saying why'}`, retryable: false };
}

/** Scrubs the error in place (message and stack), so it can be kept as the cause. */
function scrubbed(error: unknown, scrub: (text: string) => string): unknown {
  if (error instanceof Error) {
    error.message = scrub(error.message);
    if (error.stack) error.stack = scrub(error.stack);
    if (error.cause instanceof Error) scrubbed(error.cause, scrub);
  }
  return error;
}

export function toVenueError(context: ErrorContext, operation: string, error: unknown): VenueError {
  if (error instanceof VenueError) return error;
  const { text, retryable } = describe(error, context);
  const extra = error instanceof OneInchAnswerError && error.retryAfterMs !== undefined ? ` (retry after ${Math.ceil(error.retryAfterMs / 1000)} s)` : '';
  return new VenueError(context.venue, operation, context.scrub(`${text}${extra}`), retryable, { cause: scrubbed(error, context.scrub) });
}

/** This adapter declines a swap (no route worth it, a guard not met): said as is, never retried. */
export class SwapRefusal extends Error {
  override name = 'SwapRefusal';
}
