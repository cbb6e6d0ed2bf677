// Orders still open at the venue once every leg was sent (a resting limit, a partial fill): asked
// about a few times, then cancelled, so a run never leaves an order working after it ends. A cancel
// that fails is followed by a lookup: the order may have filled or been cancelled meanwhile.
import { backoffMs, classifyFailure } from './retry.js';
import { type LegContext, record, recordError } from './leg-context.js';
import { lookUp } from './lookup.js';
import { isFinal } from './settle.js';
import type { ManifestOrder } from './types.js';

const POLLS = 3;

const stillOpen = (ctx: LegContext, order: ManifestOrder) => {
  const journaled = ctx.ledger.order(order.client_order_id);
  return journaled !== undefined && journaled.status !== 'pending' && !isFinal(journaled);
};

export async function closeOpenOrders(ctx: LegContext, orders: readonly ManifestOrder[]): Promise<void> {
  for (const order of orders) {
    for (let poll = 1; poll <= POLLS && stillOpen(ctx, order); poll++) {
      await ctx.sleep(backoffMs(ctx.policy, poll, ctx.random));
      await lookUp(ctx, order);
    }
    if (stillOpen(ctx, order)) await cancel(ctx, order);
  }
}

async function cancel(ctx: LegContext, order: ManifestOrder): Promise<void> {
  try {
    const journaled = record(ctx, order, await ctx.router.cancel(order.venue, order.client_order_id));
    if (journaled.status === 'cancelled') ctx.notes.set(order.client_order_id, 'cancelled: still open at the end of the run');
  } catch (error) {
    recordError(ctx, order, `cancel: ${classifyFailure(error).message}`, false);
    await lookUp(ctx, order);
  }
}
