// The bridge's answers as our errors. The bridge names each refusal with a code (MT5's own retcode
// beside it); timeouts, rate limits and 5xx are retryable, a refused trade is not. Every message
// passes through the scrubber, so the bridge token never leaves this adapter.
import { OrderCallError, VenueError, type VenueFailure } from '../../errors.js';
import { HttpFailure } from '../http-json.js';

/** What the bridge said when an answer was not a success. */
export class BridgeAnswerError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'BridgeAnswerError';
  }
}

const REASONS: Record<string, string> = {
  UNAUTHORIZED: 'the bridge refused the token (check MT5_BRIDGE_TOKEN or the token credential)',
  INVALID_VOLUME: 'invalid volume',
  NO_MONEY: 'not enough money (free margin) for this order',
  MARKET_CLOSED: 'the market is closed',
  TRADE_DISABLED: 'trading is disabled for this symbol',
  INVALID_PRICE: 'invalid price',
  UNKNOWN_SYMBOL: 'unknown symbol',
  DUPLICATE_COMMENT: 'the client order id was already used',
  NOT_FOUND: 'no such order',
  REQUOTE: 'the price moved past the allowed deviation (requote)',
};

export function failureOf(error: unknown): VenueFailure {
  if (error instanceof HttpFailure) return error.kind;
  if (!(error instanceof BridgeAnswerError)) return 'unknown_outcome';
  if (error.code === 'DUPLICATE_COMMENT') return 'duplicate_order';
  if (error.code === 'NOT_FOUND' || (error.status === 404 && error.code !== 'UNKNOWN_SYMBOL')) return 'order_not_found';
  if (error.status === 429) return 'rate_limit';
  // 504: the bridge sent the request to the terminal and got no answer in time.
  if (error.status === 504 || error.code === 'TRADE_TIMEOUT') return 'timeout';
  if (error.status >= 500) return 'network';
  if (error.status === 0) return 'unknown_outcome';
  return 'rejected';
}

function describe(error: unknown, failure: VenueFailure): string {
  if (error instanceof HttpFailure) return `${failure === 'timeout' ? 'no answer in time; the request may have reached the bridge' : 'the bridge cannot be reached'}: ${error.message}`;
  if (error instanceof BridgeAnswerError) {
    const reason = REASONS[error.code] ?? (failure === 'rate_limit' ? 'rate limited by the bridge, try again later' : failure === 'network' ? 'the bridge or terminal failed, try again' : `refused (${error.code})`);
    const text = error.message.replace(/\s+/g, ' ').trim();
    return text ? `${reason}: ${text.length > 300 ? `${text.slice(0, 300)}...` : text}` : reason;
  }
  return `unexpected answer: ${error instanceof Error ? error.message : String(error)}`;
}

export interface ErrorContext {
  venue: string;
  scrub: (text: string) => string;
}

function scrubbed(error: unknown, scrub: (text: string) => string): unknown {
  if (error instanceof Error) {
    error.message = scrub(error.message);
    if (error.stack) error.stack = scrub(error.stack);
  }
  return error;
}

export function toVenueError(context: ErrorContext, operation: string, error: unknown): VenueError {
  if (error instanceof VenueError) return error;
  const failure = failureOf(error);
  const retryable = failure === 'network' || failure === 'timeout' || failure === 'rate_limit';
  return new VenueError(context.venue, operation, context.scrub(describe(error, failure)), retryable, { cause: scrubbed(error, context.scrub) });
}

export function toOrderError(context: ErrorContext, operation: string, clientOrderId: string, error: unknown): OrderCallError {
  if (error instanceof OrderCallError) return error;
  const failure = failureOf(error);
  const wait = error instanceof BridgeAnswerError ? error.retryAfterMs : undefined;
  return new OrderCallError(context.venue, operation, failure, context.scrub(describe(error, failure)), clientOrderId, {
    cause: scrubbed(error, context.scrub),
    ...(wait !== undefined ? { retryAfterMs: wait } : {}),
  });
}
