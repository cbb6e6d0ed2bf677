// Failures of a jupiter venue as our VenueError, with the original (scrubbed) as cause: Jupiter's
// and the Solana node's own retryable flags, a dropped connection retryable, anything else not.
import { RebalancerError, VenueError } from '../../errors.js';
import { scrubError } from '../ccxt/scrub.js';
import { SolanaRpcError } from '../solana/solana-rpc.js';
import { JupiterApiError } from './jupiter-api.js';

export function toJupiterError(venue: string, operation: string, scrub: (text: string) => string, error: unknown): Error {
  // Ours already (a usage error, a wallet's venue error): its message was written without secrets.
  if (error instanceof RebalancerError) return error;
  scrubError(error, scrub);
  const retryable = error instanceof JupiterApiError || error instanceof SolanaRpcError ? error.retryable : error instanceof TypeError;
  const text = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
  return new VenueError(venue, operation, scrub(text.length > 400 ? `${text.slice(0, 400)}...` : text), retryable, { cause: error });
}
