// A channel that could not deliver an alert. The message is scrubbed before it is built (see
// scrub.ts), and the raw cause is not kept: a fetch error can quote the URL, which for a webhook
// or a Telegram bot is the secret itself.
import { RebalancerError } from '../errors.js';

export interface NotifyErrorOptions {
  /** HTTP status, when the channel answered. */
  status?: number | undefined;
  /** How long the channel asked us to wait (429 Retry-After, Telegram or Discord retry_after). */
  retryAfterMs?: number | undefined;
  details?: string | undefined;
}

export class NotifyError extends RebalancerError {
  override readonly exitCode = 4;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(
    readonly channel: string,
    readonly reason: string,
    /** Whether trying again soon may help (network, timeout, 429, 5xx). */
    readonly retryable: boolean,
    options: NotifyErrorOptions = {},
  ) {
    super(`Alert channel "${channel}" could not deliver: ${reason}`, options.details === undefined ? {} : { details: options.details });
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }
}
