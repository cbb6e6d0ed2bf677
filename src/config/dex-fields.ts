// The venue fields of the DEX adapters (uniswap, sushiswap, pancakeswap), spread into
// venueSchema. They reuse the wallet fields (rpc_url, chain_id, addresses, tokens) and the venue's
// `quote:` (the token every price is quoted against, which must be one of `tokens:`).
import { z } from 'zod';
import { integer } from './fields.js';
import { describeInput } from './problems.js';

const contract = (what: string) => z.string().regex(/^0x[0-9a-fA-F]{40}$/, { error: (issue) => `${describeInput(issue.input)} is not a ${what} address; expected 0x and 40 hex digits` });

export const dexVenueFields = {
  /** adapter: uniswap. The V3 QuoterV2 contract (defaults to Ethereum mainnet's). */
  quoter: contract('quoter').optional(),
  /** adapter: sushiswap or pancakeswap. The V2 router (defaults to the protocol's main chain's). */
  router: contract('router').optional(),
  /** adapter: uniswap. The SwapRouter02 that swaps are built for (defaults to Ethereum mainnet's); a V2 venue's router: both quotes and swaps. */
  swap_router: contract('swap router').optional(),
  /** The pool fee in hundredths of a basis point (3000 = 0.3%): uniswap's pool to quote, and every DEX's taker fee. */
  fee_tier: integer(1, 999_999).optional(),
};
