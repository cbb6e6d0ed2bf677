// An order from the gateway's live orders list, with its executions, as our OrderState. IBKR's
// statuses: PendingSubmit, PreSubmitted, Submitted (working), Filled, Cancelled/ApiCancelled,
// Inactive (refused or expired). The fee is the executions' commissions in the order's currency
// (`cashCcy`); a final status waits until the executions cover the fill with their commissions,
// since the executor books an order's trades, fee included, once it is final.
import type { OrderState, OrderStatus } from '../../ports.js';
import { ZERO } from '../../money.js';
import type { Executions } from './executions.js';
import type { LiveOrder } from './payloads.js';

function reported(order: LiveOrder): OrderStatus {
  const status = order.status.toLowerCase();
  if (status === 'filled') return 'filled';
  if (status === 'cancelled' || status === 'apicancelled') return 'cancelled';
  if (status === 'inactive') return 'rejected';
  return order.filledQuantity?.gt(0) ? 'partially_filled' : 'open';
}

function statusOf(order: LiveOrder, executions: Executions): OrderStatus {
  const status = reported(order);
  const filled = order.filledQuantity ?? ZERO;
  const settled = executions.priced && executions.size.gte(filled) && (status !== 'filled' || executions.size.gt(0));
  if (status === 'open' || status === 'partially_filled' || settled) return status;
  // Final at IBKR, but its fee is not all known yet: still followed, not booked.
  if (status === 'filled') return 'partially_filled';
  return filled.gt(0) ? 'partially_filled' : status;
}

export function toOrderState(order: LiveOrder, executions: Executions, fallback: { clientOrderId: string; currency: string; now: Date }): OrderState {
  const updated = order.lastExecutionTime_r ?? executions.at?.getTime();
  return {
    clientOrderId: fallback.clientOrderId,
    venueOrderId: order.orderId,
    status: statusOf(order, executions),
    filled: order.filledQuantity ?? ZERO,
    ...(order.avgPrice?.gt(0) ? { averagePrice: order.avgPrice } : {}),
    fee: executions.commission,
    feeAsset: order.cashCcy ?? fallback.currency,
    updatedAt: updated !== undefined ? new Date(updated) : fallback.now,
  };
}
