// ccxt's exception classes turned into ours. Classification walks the error's class chain by name
// (ccxt names each class), so it does not depend on which copy of ccxt's errors module threw.
// Retryable: network failures, timeouts, rate limits, maintenance. Not: funds, orders, keys, symbols.
import { OrderCallError, VenueError, type VenueFailure } from '../../errors.js';
import { scrubError } from './scrub.js';

export function ccxtClassNames(error: unknown): Set<string> {
  const names = new Set<string>();
  for (let proto = error && typeof error === 'object' ? Object.getPrototypeOf(error) : null; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    names.add((proto as { constructor: { name: string } }).constructor.name);
  }
  return names;
}

export function failureOf(error: unknown, duplicate?: RegExp): VenueFailure {
  const names = ccxtClassNames(error);
  const message = error instanceof Error ? error.message : String(error);
  if (names.has('DuplicateOrderId') || (duplicate && names.has('ExchangeError') && duplicate.test(message))) return 'duplicate_order';
  if (names.has('OrderNotFound')) return 'order_not_found';
  if (names.has('RequestTimeout')) return 'timeout';
  if (names.has('RateLimitExceeded') || names.has('DDoSProtection')) return 'rate_limit';
  if (names.has('NetworkError') || names.has('ExchangeNotAvailable') || names.has('CancelPending')) return 'network';
  if (names.has('ExchangeError')) return 'rejected';
  return 'unknown_outcome';
}

const WHAT: Record<VenueFailure, string> = {
  network: 'network error, try again',
  timeout: 'no answer in time; the request may have reached the exchange',
  rate_limit: 'rate limited by the exchange, try again later',
  rejected: 'refused by the exchange',
  duplicate_order: 'the client order id was already used',
  order_not_found: 'no such order',
  unknown_outcome: 'unexpected answer',
};

function describe(error: unknown, failure: VenueFailure): string {
  const names = ccxtClassNames(error);
  const reason = names.has('InsufficientFunds') ? 'insufficient funds' : names.has('AuthenticationError') ? 'API key refused (check the key, its permissions and IP whitelist)' : names.has('BadSymbol') ? 'unknown market' : WHAT[failure];
  const text = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
  return `${reason}: ${text.length > 300 ? `${text.slice(0, 300)}...` : text}`;
}

export interface ErrorContext {
  venue: string;
  scrub: (text: string) => string;
  duplicate?: RegExp | undefined;
  /** Seconds the exchange asked to wait (a Retry-After header), if it said. */
  retryAfter?: () => number | undefined;
}

/** A failed read (balances, prices, markets, history) as a VenueError; the scrubbed original is the cause. */
export function toVenueError(context: ErrorContext, operation: string, error: unknown): VenueError {
  if (error instanceof VenueError) return error;
  scrubError(error, context.scrub);
  const failure = failureOf(error);
  const retryable = failure === 'network' || failure === 'timeout' || failure === 'rate_limit';
  return new VenueError(context.venue, operation, context.scrub(describe(error, failure)), retryable, { cause: error });
}

/** A failed order call as an OrderCallError, which the executor uses to retry or look the order up. */
export function toOrderError(context: ErrorContext, operation: string, clientOrderId: string, error: unknown): OrderCallError {
  if (error instanceof OrderCallError) return error;
  scrubError(error, context.scrub);
  const failure = failureOf(error, context.duplicate);
  const seconds = failure === 'rate_limit' ? context.retryAfter?.() : undefined;
  return new OrderCallError(context.venue, operation, failure, context.scrub(describe(error, failure)), clientOrderId, {
    cause: error,
    ...(seconds !== undefined ? { retryAfterMs: seconds * 1000 } : {}),
  });
}
