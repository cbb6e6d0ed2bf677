// The JSON shape of DEX swaps handed out to sign (execute's `swaps`, `kit rebalance swaps --json`
// and the rebalance_swaps tool): decimal strings, and each unsigned transaction as the wallet needs
// it (EVM: to, data, value in wei, chain_id; Solana: the base64 transaction). Never signed.
import { z } from 'zod';
import { NEVER_SIGNS, type SwapListing } from '../rebalancer.js';
import { decimalString as dec, diagnosticJson, diagnosticJsonSchema } from './json-parts.js';

const transaction = z.discriminatedUnion('chain', [
  z.object({ chain: z.literal('evm'), chain_id: z.number().int(), from: z.string(), to: z.string(), data: z.string(), value: z.string().describe('in wei'), description: z.string() }),
  z.object({ chain: z.literal('solana'), from: z.string(), transaction: z.string().describe('base64 of the unsigned versioned transaction'), last_valid_block_height: z.number().int().nullable(), description: z.string() }),
]);

export const swapLegJsonSchema = z.object({
  step: z.number().int().describe('the order to sign and send them in'),
  client_order_id: z.string(),
  venue: z.string(),
  market: z.string(),
  side: z.enum(['buy', 'sell']),
  quantity: dec,
  amount_in: dec.nullable(),
  amount_out: dec.nullable().describe('what the quote the swap was built at pays out'),
  min_amount_out: dec.nullable().describe('the least that may come out (slippage_tolerance on the quote)'),
  price: dec.nullable(),
  price_impact: dec.nullable(),
  fee_rate: dec.nullable(),
  quote_source: z.string().nullable(),
  after: z.array(z.string()).describe('earlier swaps on the same venue whose proceeds this one spends'),
  transactions: z.array(transaction),
  status: z.enum(['to_sign', 'planned', 'failed']),
  error: z.string().nullable(),
});

export const runSwapsJsonSchema = z.object({
  file: z.string().nullable().describe('where the unsigned swaps were written'),
  legs: z.array(swapLegJsonSchema),
});

/** `kit rebalance swaps --json` and the rebalance_swaps tool. */
export const swapsListingJsonSchema = z.object({
  run_id: z.string().nullable().describe('the listing run id the client order ids derive from'),
  unsigned: z.literal(true),
  note: z.string(),
  swaps: z.array(swapLegJsonSchema),
  file: z.string().nullable().describe('--out: where the swaps were also written'),
  refusals: z.array(z.object({ code: z.string(), message: z.string() })),
  diagnostics: z.array(diagnosticJsonSchema),
});

export type SwapsListingJson = z.infer<typeof swapsListingJsonSchema>;

export function swapsListingJson(listing: SwapListing, file: string | null = null): SwapsListingJson {
  const ordered = listing.legs.some((leg) => leg.after.length > 0);
  const note = listing.legs.length === 0 ? (listing.blocked ? 'No swap was built: the plan cannot be trusted (see refusals).' : 'The plan has no DEX swaps: nothing to sign.') : `${NEVER_SIGNS}${ordered ? ' The order matters: a buy spends what an earlier sell on the same venue brings.' : ''}`;
  return { run_id: listing.runId, unsigned: true, note, swaps: listing.legs, file, refusals: listing.refusals, diagnostics: listing.diagnostics.map(diagnosticJson) };
}
