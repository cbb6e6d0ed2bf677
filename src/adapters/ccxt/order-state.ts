// A ccxt Order as our OrderState. Some exchanges answer a placement with ids only (OKX): no status
// yet reads as open with nothing filled, and the next fetch tells the rest.
import type { Order } from 'ccxt';
import { ZERO, type Decimal } from '../../money.js';
import type { OrderState, OrderStatus } from '../../ports.js';
import { dec } from './numbers.js';

function statusOf(order: Order): OrderStatus {
  const filled = dec(order.filled) ?? ZERO;
  switch (order.status) {
    case 'closed':
      return 'filled';
    case 'canceled':
    case 'expired':
      return 'cancelled';
    case 'rejected':
      return 'rejected';
    default:
      return filled.gt(0) ? 'partially_filled' : 'open';
  }
}

export function toOrderState(order: Order, fallback: { clientOrderId: string; quote: string; now: Date }): OrderState {
  // ccxt fills `fees` (one per currency) beside the typed `fee` on most exchanges.
  const listed = (order as Order & { fees?: Array<{ cost?: number; currency?: string } | undefined> }).fees;
  const fees = listed?.length ? listed : order.fee ? [order.fee] : [];
  const fee = fees.reduce((total: Decimal, item) => total.plus(dec(item?.cost) ?? ZERO), ZERO);
  const average = dec(order.average);
  const stamp = order.lastUpdateTimestamp ?? order.lastTradeTimestamp ?? order.timestamp;
  return {
    // Ours, not the answer's: a Binance cancel answers with the cancel request's own client id.
    clientOrderId: fallback.clientOrderId,
    venueOrderId: String(order.id ?? ''),
    status: statusOf(order),
    filled: dec(order.filled) ?? ZERO,
    ...(average && average.gt(0) ? { averagePrice: average } : {}),
    fee,
    feeAsset: fees.find((item) => item?.currency)?.currency ?? fallback.quote,
    updatedAt: typeof stamp === 'number' ? new Date(stamp) : fallback.now,
  };
}
