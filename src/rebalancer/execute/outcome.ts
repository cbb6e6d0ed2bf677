// Each leg as the user is told it: filled, partly filled, failed (why), cancelled, pending a
// manual transfer, or unknown (the venue would not say; looked up again on the next run). Read
// from the journal, the one record of what happened.
import type { Ledger } from '../../ports.js';
import { ZERO, type Decimal } from '../../money.js';
import type { LegOutcome, LegStatus, ManifestOrder, PendingTransferJson } from './types.js';

export function legOutcome(ledger: Ledger, order: ManifestOrder, note?: string): LegOutcome {
  const journaled = ledger.order(order.client_order_id);
  const base = { client_order_id: order.client_order_id, venue: order.venue, market: order.symbol, side: order.side, quantity: order.quantity, ...(note ? { resumed: note } : {}) };
  if (!journaled) return { ...base, filled: '0', average_price: null, fee: '0', status: 'planned', error: null };
  const filled = journaled.filled;
  let status: LegStatus;
  if (journaled.status === 'filled') status = 'filled';
  else if (journaled.status === 'rejected') status = filled.gt(0) ? 'partly_filled' : 'failed';
  else if (journaled.status === 'cancelled') status = filled.gt(0) ? 'partly_filled' : 'cancelled';
  else status = 'unknown';
  const lastError = [...ledger.orderEvents(order.client_order_id)].reverse().find((event) => event.event === 'error')?.details.message;
  const error = status === 'failed' || status === 'unknown' ? (lastError ?? (status === 'unknown' ? 'no answer from the venue yet' : 'refused')) : null;
  return { ...base, filled: filled.toFixed(), average_price: journaled.averagePrice?.toFixed() ?? null, fee: journaled.fee.toFixed(), status, error };
}

export function pendingOutcome(leg: PendingTransferJson): LegOutcome {
  return { client_order_id: '', venue: leg.venue, market: leg.market, side: leg.side, quantity: leg.quantity, filled: '0', average_price: null, fee: '0', status: 'pending_transfer', error: `waits for manual transfer ${leg.waits_for}` };
}

/** The actual fees of the run in the reporting currency, from its booked trades. */
export function runFees(ledger: Ledger, runId: string): Decimal {
  return ledger.trades().filter((trade) => trade.rebalanceId === runId).reduce((acc, trade) => acc.plus(trade.fee), ZERO);
}

export function runStatus(orders: readonly LegOutcome[]): 'completed' | 'partial' | 'failed' {
  // A leg waiting for the user's transfer was never the run's to send: it does not make it partial.
  const sent = orders.filter((o) => o.status !== 'pending_transfer');
  if (sent.every((o) => o.status === 'filled')) return 'completed';
  return sent.some((o) => o.status === 'filled' || o.status === 'partly_filled') ? 'partial' : 'failed';
}
