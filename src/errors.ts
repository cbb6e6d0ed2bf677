// Typed errors with messages a user can act on: what failed, the value, what was expected, how
// to fix it. `shortMessage` is one line; `details` may add more; `cause` keeps the original.
// Findings about data (a drifted asset, a stale price) are Diagnostics, not errors.

export interface ErrorOptions {
  cause?: unknown;
  details?: string;
}

export class RebalancerError extends Error {
  readonly shortMessage: string;
  readonly details: string | undefined;
  /** Process exit code for the CLI: 2 bad input, 3 data not usable, 4 venue failure, 1 other. */
  readonly exitCode: number = 1;

  constructor(shortMessage: string, options: ErrorOptions = {}) {
    super(options.details ? `${shortMessage}\n${options.details}` : shortMessage, options.cause ? { cause: options.cause } : undefined);
    this.name = new.target.name;
    this.shortMessage = shortMessage;
    this.details = options.details;
  }
}

/** A venue call failed; `retryable` says whether trying again may help (network, rate limit). */
export class VenueError extends RebalancerError {
  override readonly exitCode = 4;
  constructor(
    readonly venue: string,
    readonly operation: string,
    message: string,
    readonly retryable: boolean,
    options: ErrorOptions = {},
  ) {
    super(`Venue "${venue}" failed to ${operation}: ${message}`, options);
  }
}

/**
 * Why a venue call failed, for the executor's retry and resume decisions. `unknown_outcome`: the
 * call may have acted but its answer could not be read (wrong shape, an unclassifiable failure);
 * retrying blindly will not help, looking the order up will.
 */
export type VenueFailure = 'network' | 'timeout' | 'rate_limit' | 'rejected' | 'duplicate_order' | 'order_not_found' | 'unknown_outcome';

/**
 * An order call that failed in a known way. `outcomeUnknown` is true when the venue may have
 * acted (a timeout after sending): the order must be looked up by client order id before a retry.
 */
export class OrderCallError extends VenueError {
  constructor(
    venue: string,
    operation: string,
    readonly failure: VenueFailure,
    message: string,
    readonly clientOrderId: string,
    options: ErrorOptions & { retryAfterMs?: number } = {},
  ) {
    super(venue, operation, message, RETRYABLE[failure], options);
    this.retryAfterMs = options.retryAfterMs;
  }
  readonly retryAfterMs: number | undefined;
  get outcomeUnknown(): boolean {
    return this.failure === 'timeout' || this.failure === 'network' || this.failure === 'unknown_outcome';
  }
}

const RETRYABLE: Record<VenueFailure, boolean> = {
  network: true,
  timeout: true,
  rate_limit: true,
  rejected: false,
  duplicate_order: false,
  order_not_found: false,
  unknown_outcome: false,
};

/** Input the user gave (a CLI argument, a file) that cannot be used. */
export class UsageError extends RebalancerError {
  override readonly exitCode = 2;
}

/**
 * A file or folder the user controls cannot be used as it is: a state folder that is a file, a
 * ledger that is not SQLite or cannot be written, a log file that is a folder. The message names
 * the path and what to do.
 */
export class StorageError extends RebalancerError {
  override readonly exitCode = 2;
}

/** The portfolio data cannot support a decision (no price, zero price, no holdings). */
export class DataError extends RebalancerError {
  override readonly exitCode = 3;
}

/** A broken invariant inside the core: a bug, never a user mistake. */
export class InvariantError extends RebalancerError {}

export function errorMessage(error: unknown): string {
  if (error instanceof RebalancerError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
