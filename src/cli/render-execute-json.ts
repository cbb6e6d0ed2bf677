// The stable JSON of `kit rebalance execute --json` and the rebalance_execute tool: one object with
// the run, the router that ran it, every leg, the transfers left to the user, the portfolio before
// and after, and the findings. Amounts are decimal strings; drift and weights are fractions.
import { z } from 'zod';
import { runSwapsJsonSchema } from './swaps-json.js';
import type { ExecuteResult } from '../rebalancer.js';
import { decimalString as dec, diagnosticJson, diagnosticJsonSchema } from './json-parts.js';

const summary = z
  .object({
    total_value: dec,
    largest_drift: z.object({ asset: z.string(), drift: dec }).nullable(),
    assets: z.array(z.object({ asset: z.string(), value: dec, weight: dec, target: dec.nullable(), drift: dec.nullable(), status: z.string() })),
  })
  .nullable();

export const executeJsonSchema = z.object({
  run_id: z.string().nullable(),
  router: z.string().describe('which order router ran: "direct" or the host\'s Smart Order Router'),
  kind: z.enum(['executed', 'resumed', 'dry-run', 'refused', 'nothing']),
  status: z.enum(['completed', 'partial', 'failed']).nullable(),
  orders: z.array(
    z.object({
      client_order_id: z.string(),
      venue: z.string(),
      market: z.string(),
      side: z.enum(['buy', 'sell']),
      quantity: dec,
      filled: dec,
      average_price: dec.nullable(),
      fee: dec,
      status: z.enum(['filled', 'partly_filled', 'failed', 'cancelled', 'pending_transfer', 'unknown', 'planned']),
      error: z.string().nullable(),
      resumed: z.string().optional().describe('what a resume did with the order'),
    }),
  ),
  swaps: runSwapsJsonSchema.nullable().describe('standalone: DEX legs handed out as unsigned swaps to sign in your wallet (never sent)'),
  transfers_pending: z.array(z.object({ trade_id: z.string(), venue: z.string(), market: z.string(), side: z.enum(['buy', 'sell']), quantity: dec, waits_for: z.string() })),
  before: summary,
  after: summary,
  fees: dec,
  realised_gain: dec,
  refusals: z.array(z.object({ code: z.string(), message: z.string() })),
  diagnostics: z.array(diagnosticJsonSchema),
});

export type ExecuteJson = z.infer<typeof executeJsonSchema>;

export function executeJson(result: ExecuteResult): ExecuteJson {
  return {
    run_id: result.runId,
    router: result.router,
    kind: result.kind,
    status: result.status ?? null,
    orders: result.orders,
    swaps: result.swaps ?? null,
    transfers_pending: result.transfersPending,
    before: result.before,
    after: result.after,
    fees: result.fees.toFixed(),
    realised_gain: result.realisedGain.toFixed(),
    refusals: result.refusals,
    diagnostics: result.diagnostics.map(diagnosticJson),
  };
}

/** 0 when every leg filled (or nothing needed trading), 5 when some did not, 3 when refused. */
export function executeExitCode(result: ExecuteResult): number {
  if (result.kind === 'refused') return result.refusals.some((r) => r.code === 'declined' || r.code === 'nothing_to_resume') ? 0 : 3;
  if (result.kind === 'dry-run' || result.kind === 'nothing') return 0;
  return result.orders.every((order) => order.status === 'filled') && !result.swaps?.legs.some((leg) => leg.status === 'failed') ? 0 : 5;
}
