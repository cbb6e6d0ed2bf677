// The gateway's answers as our errors. IBKR says what went wrong in `{error: "..."}` text, so the
// text decides duplicates; timeouts, 429 and 5xx are retryable, a refused order is not. A 5xx on an
// order call may have acted (outcome unknown): the executor looks the order up by cOID first.
import { OrderCallError, VenueError, type VenueFailure } from '../../errors.js';
import { HttpFailure } from '../http-json.js';

export class GatewayAnswerError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'GatewayAnswerError';
  }
}

/** A TLS certificate refusal: trying again will not help, the config must change. */
const certificateRefused = (error: unknown) => error instanceof HttpFailure && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(error.message);

export function failureOf(error: unknown): VenueFailure {
  if (certificateRefused(error)) return 'rejected';
  if (error instanceof HttpFailure) return error.kind;
  if (!(error instanceof GatewayAnswerError)) return 'unknown_outcome';
  if (/already registered|duplicate/i.test(error.message)) return 'duplicate_order';
  if (error.status === 429) return 'rate_limit';
  if (error.status >= 500) return 'network';
  if (error.status === 0) return 'unknown_outcome';
  return 'rejected';
}

function describe(error: unknown, failure: VenueFailure, gateway: string): string {
  if (certificateRefused(error)) return `the gateway's certificate is not trusted (${(error as Error).message}); for the Client Portal gateway on this machine set insecure_tls: true`;
  if (error instanceof HttpFailure) {
    return failure === 'timeout' ? `no answer in time; the request may have reached the gateway: ${error.message}` : `the gateway at ${gateway} cannot be reached (is it running?): ${error.message}`;
  }
  if (error instanceof GatewayAnswerError) {
    const reason =
      error.status === 401 ? `the gateway session is not logged in; log in at ${gateway}` : failure === 'rate_limit' ? 'rate limited by the gateway, try again later' : failure === 'network' ? 'the gateway failed, try again' : failure === 'duplicate_order' ? 'the client order id was already used' : 'refused by IBKR';
    const text = error.message.replace(/\s+/g, ' ').trim();
    return text ? `${reason}: ${text.length > 300 ? `${text.slice(0, 300)}...` : text}` : reason;
  }
  return `unexpected answer: ${error instanceof Error ? error.message : String(error)}`;
}

export interface ErrorContext {
  venue: string;
  gateway: string;
}

export function toVenueError(context: ErrorContext, operation: string, error: unknown): VenueError {
  if (error instanceof VenueError) return error;
  const failure = failureOf(error);
  const retryable = failure === 'network' || failure === 'timeout' || failure === 'rate_limit';
  return new VenueError(context.venue, operation, describe(error, failure, context.gateway), retryable, { cause: error });
}

export function toOrderError(context: ErrorContext, operation: string, clientOrderId: string, error: unknown): OrderCallError {
  if (error instanceof OrderCallError) return error;
  if (error instanceof VenueError) return new OrderCallError(context.venue, operation, error.retryable ? 'network' : 'rejected', error.shortMessage, clientOrderId, { cause: error });
  const failure = failureOf(error);
  const wait = error instanceof GatewayAnswerError ? error.retryAfterMs : undefined;
  return new OrderCallError(context.venue, operation, failure, describe(error, failure, context.gateway), clientOrderId, { cause: error, ...(wait !== undefined ? { retryAfterMs: wait } : {}) });
}
