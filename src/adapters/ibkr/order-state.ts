// An order from the gateway's live orders list as our OrderState. IBKR's statuses: PendingSubmit,
// PreSubmitted, Submitted (working), Filled, Cancelled/ApiCancelled, Inactive (refused or expired).
import { ZERO } from '../../money.js';
import type { OrderState, OrderStatus } from '../../ports.js';
import type { LiveOrder } from './payloads.js';

function statusOf(order: LiveOrder): OrderStatus {
  const status = order.status.toLowerCase();
  if (status === 'filled') return 'filled';
  if (status === 'cancelled' || status === 'apicancelled') return 'cancelled';
  if (status === 'inactive') return 'rejected';
  return order.filledQuantity?.gt(0) ? 'partially_filled' : 'open';
}

export function toOrderState(order: LiveOrder, fallback: { clientOrderId: string; currency: string; now: Date }): OrderState {
  return {
    clientOrderId: fallback.clientOrderId,
    venueOrderId: order.orderId,
    status: statusOf(order),
    filled: order.filledQuantity ?? ZERO,
    ...(order.avgPrice?.gt(0) ? { averagePrice: order.avgPrice } : {}),
    // The live orders list carries no commission; IBKR reports it with the executions.
    fee: ZERO,
    feeAsset: order.cashCcy ?? fallback.currency,
    updatedAt: order.lastExecutionTime_r ? new Date(order.lastExecutionTime_r) : fallback.now,
  };
}
