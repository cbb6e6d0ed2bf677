// What every step of placing, looking up and cancelling one order needs: the journal, the router,
// the retry policy with its sleep and random source, and where progress and notes go.
import { Decimal } from '../../money.js';
import type { JournaledOrder, Ledger, OrderRequest, OrderRouter, OrderState } from '../../ports.js';
import type { RetryPolicy } from './retry.js';
import { applyState } from './settle.js';
import type { ManifestOrder, ProgressEvent } from './types.js';

export interface LegContext {
  ledger: Ledger;
  router: OrderRouter;
  policy: RetryPolicy;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  runId: string;
  currency: string;
  now: () => Date;
  progress: (event: ProgressEvent) => void;
  /** What a resume did with an order, by client order id. */
  notes: Map<string, string>;
}

export function requestOf(order: ManifestOrder): OrderRequest {
  return {
    clientOrderId: order.client_order_id,
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    quantity: new Decimal(order.quantity),
    ...(order.limit_price ? { limitPrice: new Decimal(order.limit_price) } : {}),
    worstPrice: new Decimal(order.worst_price),
  };
}

/** Records a venue's answer (booking fills when final) and tells the progress display. */
export function record(ctx: LegContext, order: ManifestOrder, state: OrderState): JournaledOrder {
  const journaled = applyState(ctx.ledger, order, state, ctx.runId, ctx.currency);
  const kind =
    journaled.status === 'filled' ? 'filled'
    : journaled.status === 'cancelled' ? (journaled.filled.gt(0) ? 'partly_filled' : 'cancelled')
    : journaled.status === 'rejected' ? 'failed'
    : journaled.status === 'partially_filled' ? 'partly_filled'
    : 'acknowledged';
  ctx.progress({ kind, order, detail: journaled.filled.gt(0) ? `${journaled.filled.toFixed()} filled${journaled.averagePrice ? ` at ${journaled.averagePrice.toFixed()}` : ''}` : undefined });
  return journaled;
}

export function recordError(ctx: LegContext, order: ManifestOrder, message: string, refused: boolean): void {
  ctx.ledger.recordOrderError(order.client_order_id, { at: ctx.now(), message, refused });
  if (refused) ctx.progress({ kind: 'failed', order, detail: message });
}
