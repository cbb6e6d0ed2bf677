// Asking the venue about an order by its client order id: the only safe answer to "did my request
// get through?". Retryable failures of the lookup itself are retried with backoff; the answer is
// the venue's state, "not found" (it never arrived), or "unknown" (the venue would not say).
import { backoffMs, classifyFailure } from './retry.js';
import { type LegContext, record } from './leg-context.js';
import type { JournaledOrder } from '../../ports.js';
import type { ManifestOrder } from './types.js';

export type Lookup = { found: JournaledOrder } | { notFound: true } | { unknown: string };

export async function lookUp(ctx: LegContext, order: ManifestOrder): Promise<Lookup> {
  let last = '';
  for (let attempt = 1; attempt <= ctx.policy.attempts; attempt++) {
    try {
      const state = await ctx.router.status(order.venue, order.client_order_id);
      ctx.progress({ kind: 'found', order, detail: state.status });
      return { found: record(ctx, order, state) };
    } catch (error) {
      const failure = classifyFailure(error);
      if (failure.kind === 'not_found') {
        ctx.progress({ kind: 'not_found', order });
        return { notFound: true };
      }
      last = failure.message;
      if (failure.kind === 'refused' || failure.kind === 'duplicate') return { unknown: last };
      if (attempt < ctx.policy.attempts) {
        const waitMs = backoffMs(ctx.policy, attempt, ctx.random, 'retryAfterMs' in failure ? failure.retryAfterMs : undefined);
        ctx.progress({ kind: 'retry', order, detail: `lookup: ${last}`, waitMs });
        await ctx.sleep(waitMs);
      }
    }
  }
  return { unknown: last };
}
