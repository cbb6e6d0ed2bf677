// What went wrong inside K.I.T.'s execution slot, translated to ours. The slot wraps ccxt, so a
// thrown error is classified by ccxt's class names (walking the prototype chain, most specific
// first), then Node's socket codes, then an HTTP status, then its wording; ExchangeManager flattens
// errors to `{success: false, error: message}`, which only the wording can classify. Messages are
// scrubbed of anything key-like before they reach the user; the original stays as `cause`.
import { OrderCallError, type VenueFailure } from '../errors.js';

const BY_CLASS: Record<string, VenueFailure> = {
  RequestTimeout: 'timeout',
  TimeoutError: 'timeout',
  AbortError: 'timeout',
  RateLimitExceeded: 'rate_limit',
  DDoSProtection: 'rate_limit',
  DuplicateOrderId: 'duplicate_order',
  OrderNotFound: 'order_not_found',
  OnMaintenance: 'network',
  ExchangeNotAvailable: 'network',
  InvalidNonce: 'network',
  NetworkError: 'network',
  InvalidOrder: 'rejected',
  InsufficientFunds: 'rejected',
  BadSymbol: 'rejected',
  BadRequest: 'rejected',
  AuthenticationError: 'rejected',
  PermissionDenied: 'rejected',
  AccountSuspended: 'rejected',
  NotSupported: 'rejected',
  ExchangeError: 'rejected',
};

const BY_CODE: Record<string, VenueFailure> = {
  ETIMEDOUT: 'timeout',
  ESOCKETTIMEDOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  ECONNRESET: 'network',
  ECONNREFUSED: 'network',
  EPIPE: 'network',
  ENOTFOUND: 'network',
  EAI_AGAIN: 'network',
  ENETUNREACH: 'network',
};

const BY_WORDING: Array<[RegExp, VenueFailure]> = [
  [/timed? ?out|timeout/i, 'timeout'],
  [/rate.?limit|too many requests|\b429\b/i, 'rate_limit'],
  [/duplicate/i, 'duplicate_order'],
  [/order.{0,20}not (?:be )?found|unknown order/i, 'order_not_found'],
  [/network|socket|fetch failed|ECONN|ENOTFOUND|EAI_AGAIN|\b50[234]\b|unavailable/i, 'network'],
];

/** Why a thrown error happened; `unknown_outcome` when nothing about it says. */
export function classifyThrown(error: unknown): VenueFailure {
  for (let proto: unknown = error; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    const name = (proto as { constructor?: { name?: unknown } }).constructor?.name;
    const failure = typeof name === 'string' ? BY_CLASS[name] : undefined;
    if (failure) return failure;
  }
  const named = typeof (error as { name?: unknown })?.name === 'string' ? BY_CLASS[(error as { name: string }).name] : undefined;
  if (named) return named;
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && BY_CODE[code]) return BY_CODE[code];
  const status = (error as { status?: unknown; statusCode?: unknown })?.status ?? (error as { statusCode?: unknown })?.statusCode;
  if (status === 429) return 'rate_limit';
  if (status === 408) return 'timeout';
  if (typeof status === 'number' && status >= 500) return 'network';
  return classifyWording(messageOf(error)) ?? 'unknown_outcome';
}

/** Why the slot said `success: false`: by its wording, else a plain refusal. */
export function classifyRefusal(message: string): VenueFailure {
  return classifyWording(message) ?? 'rejected';
}

function classifyWording(message: string): VenueFailure | undefined {
  return BY_WORDING.find(([pattern]) => pattern.test(message))?.[1];
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  return '';
}

const SECRET_WORD = 'api[-_]?key|api[-_]?secret|secret|signature|sign|token|access[-_]?token|passphrase|password|private[-_]?key|x-mbx-apikey|authorization';
// The value may be a scheme plus token ("Bearer x"): the scheme is kept, whatever follows is not.
const SECRET_PAIR = new RegExp(`\\b(${SECRET_WORD})(["']?\\s*[:=]\\s*["']?)(?:(Bearer|Basic)\\s+)?[^\\s&,"';}]+`, 'gi');
const URL_QUERY = /(https?:\/\/[^\s?#]+)\?[^\s#]*/g;
const BEARER = /\b(Bearer|Basic)\s+[^\s,;]+/gi;
// Opaque runs this long are keys or signatures far more often than anything a user needs to read.
const OPAQUE = /[A-Za-z0-9+/_=-]{32,}/g;
const MAX_LENGTH = 240;

/** The slot's wording without query strings, key=value secrets, bearer tokens or long opaque runs. */
export function redactSecrets(text: string): string {
  const scrubbed = text
    .replace(URL_QUERY, '$1?[redacted]')
    .replace(SECRET_PAIR, (_, word: string, separator: string, scheme?: string) => `${word}${separator}${scheme ? `${scheme} ` : ''}[redacted]`)
    .replace(BEARER, '$1 [redacted]')
    .replace(OPAQUE, '[redacted]')
    .replace(/\s+/g, ' ')
    .trim();
  return scrubbed.length > MAX_LENGTH ? `${scrubbed.slice(0, MAX_LENGTH - 1)}…` : scrubbed;
}

/** A thrown slot error as ours, classified, scrubbed, the original kept as `cause`. */
export function slotCallError(venue: string, operation: string, clientOrderId: string, error: unknown): OrderCallError {
  if (error instanceof OrderCallError) return error;
  const failure = classifyThrown(error);
  const said = redactSecrets(messageOf(error)) || 'no message';
  const retryAfterMs = (error as { retryAfterMs?: unknown })?.retryAfterMs;
  return new OrderCallError(venue, operation, failure, `K.I.T.'s execution slot failed (${said})${hint(operation, failure)}`, clientOrderId, {
    cause: error,
    ...(typeof retryAfterMs === 'number' ? { retryAfterMs } : {}),
  });
}

/** A `success: false` answer as ours. */
export function slotRefusalError(venue: string, operation: string, clientOrderId: string, message: string | undefined): OrderCallError {
  const said = redactSecrets(message ?? '') || 'no reason given';
  const failure = classifyRefusal(said);
  return new OrderCallError(venue, operation, failure, `K.I.T.'s execution slot refused it (${said})${hint(operation, failure)}`, clientOrderId);
}

/** An answer we cannot read: the call may have acted, so the order must be looked up, not resent. */
export function wrongShapeError(venue: string, operation: string, clientOrderId: string, what: string, cause?: unknown): OrderCallError {
  return new OrderCallError(venue, operation, 'unknown_outcome', `K.I.T.'s execution slot answered ${what}${hint(operation, 'unknown_outcome')}`, clientOrderId, cause === undefined ? {} : { cause });
}

/** What a user must do when the call may have acted although it failed. */
function hint(operation: string, failure: VenueFailure): string {
  if (failure !== 'timeout' && failure !== 'network' && failure !== 'unknown_outcome') return '';
  if (operation === 'place order') return '; the order may have been placed: look it up by client order id before retrying';
  if (operation === 'cancel order') return '; the cancel may have been applied: look the order up before retrying';
  return '';
}

/** The slot did not answer within the router's own limit. */
export function slotTimeoutError(venue: string, operation: string, clientOrderId: string, timeoutMs: number): OrderCallError {
  return new OrderCallError(venue, operation, 'timeout', `K.I.T.'s execution slot did not answer within ${timeoutMs} ms${hint(operation, 'timeout')}`, clientOrderId);
}
