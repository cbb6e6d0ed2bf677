// The answers of 1inch's Swap API v6.0 that this adapter reads, parsed once here. Amounts are
// decimal strings of base units (a uint256 does not fit a JS number) and become bigint; fields
// the adapter does not use are not required, so a richer answer still parses.
import { z } from 'zod';

const BASE_UNITS = 'expected a whole number of base units as a decimal string';
const baseUnits = z
  .string({ error: (issue) => (issue.input === undefined ? `missing; ${BASE_UNITS}` : BASE_UNITS) })
  .regex(/^\d{1,80}$/, { error: BASE_UNITS })
  .transform((text) => BigInt(text));
const address = z.string({ error: 'expected an EVM address' }).regex(/^0x[0-9a-fA-F]{40}$/, { error: 'expected an EVM address' });
const calldata = z.string({ error: 'expected hex calldata' }).regex(/^0x([0-9a-fA-F]{2})*$/, { error: 'expected hex calldata' });

/** GET /swap/v6.0/{chain}/quote */
export const quoteSchema = z.object({ dstAmount: baseUnits });

/** GET /swap/v6.0/{chain}/swap: the expected output and the router call that does it. */
export const swapSchema = z.object({
  dstAmount: baseUnits,
  tx: z.object({ from: address, to: address, data: calldata, value: baseUnits, gas: z.number().optional(), gasPrice: baseUnits.optional() }),
});

/** GET /swap/v6.0/{chain}/approve/allowance */
export const allowanceSchema = z.object({ allowance: baseUnits });

/** GET /swap/v6.0/{chain}/approve/transaction: an ERC-20 approve() of the router, to send to the token. */
export const approveTransactionSchema = z.object({ to: address, data: calldata, value: baseUnits, gasPrice: baseUnits.optional() });

/** What 1inch answers with a 4xx: `{statusCode, error, description, requestId, meta}`. */
export const errorSchema = z.object({
  statusCode: z.number().optional(),
  error: z.string().optional(),
  description: z.string(),
  requestId: z.string().optional(),
  meta: z.array(z.object({ type: z.string(), value: z.unknown() })).optional(),
});

export type SwapAnswer = z.output<typeof swapSchema>;
export type ApproveTransaction = z.output<typeof approveTransactionSchema>;
