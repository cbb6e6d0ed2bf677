// Drives every order of a run's manifest to an answer, whatever state a crash left it in: an order
// not yet journaled is journaled, then sent; one journaled but unanswered ("pending") is looked up
// by client order id and sent only if the venue does not have it; one open is polled and then
// cancelled; a finished one is left alone. So the first run and any resume run the same code.
import { type LegContext, requestOf } from './leg-context.js';
import { lookUp } from './lookup.js';
import { closeOpenOrders } from './open-orders.js';
import { sendOrder } from './send-order.js';
import type { ManifestOrder } from './types.js';

export async function runLegs(ctx: LegContext, orders: readonly ManifestOrder[], resuming: boolean): Promise<void> {
  for (const order of orders) {
    const journaled = ctx.ledger.order(order.client_order_id);
    if (!journaled) {
      ctx.ledger.recordOrderIntent({ ...requestOf(order), venue: order.venue, rebalanceId: ctx.runId, at: ctx.now() });
      if (resuming) ctx.notes.set(order.client_order_id, 'not sent before the interruption: sent now');
      await sendOrder(ctx, order);
    } else if (journaled.status === 'pending') {
      const found = await lookUp(ctx, order);
      if ('found' in found) ctx.notes.set(order.client_order_id, `found at the venue (${found.found.status})`);
      else if ('notFound' in found) {
        ctx.notes.set(order.client_order_id, 'not found at the venue: sent under the same client order id');
        await sendOrder(ctx, order);
      } else ctx.notes.set(order.client_order_id, `the venue would not say (${found.unknown}); asked again on the next resume`);
    } else if (resuming) {
      ctx.notes.set(order.client_order_id, journaled.status === 'open' || journaled.status === 'partially_filled' ? 'open at the venue: followed up' : `already ${journaled.status}`);
    }
  }
  await closeOpenOrders(ctx, orders);
}
