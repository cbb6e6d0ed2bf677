// Sending one journaled order. Its intent is in the journal before the first try, so a crash at
// any point leaves a record to resolve. A refusal ends the leg; a rate limit or 5xx is retried
// after a backoff; a timeout or network error (the venue may have taken it) is first looked up by
// client order id, and only an order the venue does not have is sent again, under the same id.
import { backoffMs, classifyFailure, type CallFailure } from './retry.js';
import { type LegContext, record, recordError, requestOf } from './leg-context.js';
import { lookUp } from './lookup.js';
import type { ManifestOrder } from './types.js';

export async function sendOrder(ctx: LegContext, order: ManifestOrder): Promise<void> {
  const request = requestOf(order);
  let failure: CallFailure | undefined;
  for (let attempt = 1; attempt <= ctx.policy.attempts; attempt++) {
    ctx.progress({ kind: 'sent', order, detail: attempt > 1 ? `try ${attempt}` : undefined });
    try {
      record(ctx, order, await ctx.router.submit(order.venue, request));
      return;
    } catch (error) {
      failure = classifyFailure(error);
    }
    if (failure.kind === 'refused') {
      recordError(ctx, order, failure.message, true);
      return;
    }
    // Kept as an event; the order stays unfinished until the venue's answer is known.
    recordError(ctx, order, failure.message, false);
    if (failure.kind !== 'retry') {
      const found = await lookUp(ctx, order);
      if (!('notFound' in found)) return;
    }
    if (attempt < ctx.policy.attempts) {
      const waitMs = backoffMs(ctx.policy, attempt, ctx.random, 'retryAfterMs' in failure ? failure.retryAfterMs : undefined);
      ctx.progress({ kind: 'retry', order, detail: failure.message, waitMs });
      await ctx.sleep(waitMs);
    }
  }
  // Out of tries: only a venue that says it does not have the order lets us call it failed.
  const last = await lookUp(ctx, order);
  if ('notFound' in last) recordError(ctx, order, `not placed after ${ctx.policy.attempts} tries: ${failure?.message ?? 'no answer'}`, true);
}
