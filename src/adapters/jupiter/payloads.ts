// Jupiter's answers, parsed once at the edge (samples in fixtures/jupiter/). Amounts are integer
// strings in base units; the Price API's usdPrice is a JSON number, read from the answer's text
// (see jupiter-api.ts) so the digits Jupiter sent are the digits we keep.
import { z } from 'zod';
import { decimalJson } from '../http-json.js';

const baseUnits = z.string().regex(/^\d{1,30}$/, { error: 'expected an integer amount in base units' });

const swapInfo = z.object({
  label: z.string().optional(),
  inputMint: z.string(),
  outputMint: z.string(),
  inAmount: baseUnits,
  outAmount: baseUnits,
  feeAmount: baseUnits.optional(),
  feeMint: z.string().optional(),
});

/** GET /swap/v1/quote: what `amount` of inputMint gives (exact in), the route, and the slippage floor. */
export const quoteAnswer = z.object({
  inputMint: z.string(),
  inAmount: baseUnits,
  outputMint: z.string(),
  outAmount: baseUnits,
  otherAmountThreshold: baseUnits,
  swapMode: z.enum(['ExactIn', 'ExactOut']),
  slippageBps: z.number().int().min(0),
  /** A fraction despite its name ("0.0012" is 0.12%), as Jupiter's own UI reads it. */
  priceImpactPct: decimalJson,
  routePlan: z.array(z.object({ swapInfo, percent: z.number().nullish() })).min(1),
});
export type QuoteAnswer = z.infer<typeof quoteAnswer>;
export type RouteStep = QuoteAnswer['routePlan'][number];

/** POST /swap/v1/swap: the unsigned transaction (base64) and the block height it is valid until. */
export const swapAnswer = z.object({
  swapTransaction: z.string().min(1),
  lastValidBlockHeight: z.number().int().nonnegative().optional(),
  simulationError: z.unknown().optional(),
});

/** GET /price/v3?ids=...: per mint its USD price and decimals; mints without a reliable price are left out. */
export const priceAnswer = z.record(z.string(), z.object({ usdPrice: decimalJson, decimals: z.number().int().min(0).max(255).optional() }).nullable());

/** An error body: {error, errorCode} from the swap API, {message} or {code, message} from the gateway. */
export const errorAnswer = z.object({ error: z.string().optional(), errorCode: z.string().optional(), message: z.string().optional(), code: z.union([z.string(), z.number()]).optional() });
