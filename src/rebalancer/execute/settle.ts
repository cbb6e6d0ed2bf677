// A finished order's fills, booked as trades (source "rebalance", with the run id) in the same
// transaction that records its final state: a buy becomes a lot whose cost includes the fee (the
// tax engine adds a buy's fee to its basis), a sell disposes of the lots the tax optimizer chose
// (under specific identification, one trade per chosen lot, each naming its lot). Trade ids come
// from the client order id, so booking an order twice (a resume) adds nothing.
import { Decimal, ZERO } from '../../money.js';
import type { JournaledOrder, Ledger, OrderState, TradeRecord } from '../../ports.js';
import type { ManifestOrder } from './types.js';

const FINAL = new Set(['filled', 'cancelled', 'rejected']);

export const isFinal = (order: Pick<JournaledOrder, 'status'>) => FINAL.has(order.status);

/** The trades for what an order filled, in the reporting currency. */
export function tradesFor(order: ManifestOrder, journaled: JournaledOrder, runId: string, currency: string): TradeRecord[] {
  if (journaled.filled.lte(0) || !journaled.averagePrice) return [];
  const quoteValue = new Decimal(order.quote_value);
  const price = journaled.averagePrice.times(quoteValue);
  // A fee taken in the base asset is valued at the fill price; otherwise it is in the quote.
  const feeValue = journaled.feeAsset === order.base ? journaled.fee.times(price) : journaled.fee.times(quoteValue);
  const base = { source: 'rebalance' as const, venue: order.venue, executedAt: journaled.updatedAt, side: order.side, asset: order.base, assetClass: order.asset_class, price, currency, rebalanceId: runId };
  const lots = order.lots.map((lot) => ({ lotId: lot.lot_id, quantity: new Decimal(lot.quantity) }));
  return splitOverLots(base, order.client_order_id, order.side === 'sell' ? lots : [], { quantity: journaled.filled, total: journaled.filled.times(price), fee: feeValue });
}

export type TradeBase = Omit<TradeRecord, 'id' | 'quantity' | 'total' | 'fee' | 'lotRef'>;

/**
 * One trade, or (a sale under specific identification) one per chosen lot, each naming its lot,
 * with the total and fee shared pro rata and the last part taking what is left, so the parts sum
 * to the whole exactly. Ids are the client order id (with #n per part): booking twice adds nothing.
 */
export function splitOverLots(base: TradeBase, clientOrderId: string, lots: readonly { lotId: string; quantity: Decimal }[], whole: { quantity: Decimal; total: Decimal; fee: Decimal }): TradeRecord[] {
  const parts = lots.length > 0 ? lotParts(lots, whole.quantity) : [{ quantity: whole.quantity }];
  let totalLeft = whole.total;
  let feeLeft = whole.fee;
  return parts.map((part, index) => {
    const last = index === parts.length - 1;
    const total = last ? totalLeft : whole.total.times(part.quantity).div(whole.quantity);
    const fee = last ? feeLeft : whole.fee.times(part.quantity).div(whole.quantity);
    totalLeft = totalLeft.minus(total);
    feeLeft = feeLeft.minus(fee);
    const id = parts.length === 1 ? clientOrderId : `${clientOrderId}#${index + 1}`;
    return { ...base, id, quantity: part.quantity, total, fee, ...(part.lotRef ? { lotRef: part.lotRef } : {}) };
  });
}

/** The filled quantity dealt over the chosen lots in order; anything beyond them names no lot. */
function lotParts(lots: readonly { lotId: string; quantity: Decimal }[], filled: Decimal): { quantity: Decimal; lotRef?: string }[] {
  const parts: { quantity: Decimal; lotRef?: string }[] = [];
  let left = filled;
  for (const lot of lots) {
    if (left.lte(0)) break;
    const quantity = Decimal.min(left, lot.quantity);
    if (quantity.gt(0)) parts.push({ quantity, lotRef: lot.lotId });
    left = left.minus(quantity);
  }
  if (left.gt(ZERO)) parts.push({ quantity: left });
  return parts;
}

/** Records what the venue reported and, once the order is final, books its fills: one transaction. */
export function applyState(ledger: Ledger, order: ManifestOrder, state: OrderState, runId: string, currency: string): JournaledOrder {
  return ledger.transaction(() => {
    const journaled = ledger.recordOrderState(state);
    if (isFinal(journaled)) ledger.recordTrades(tradesFor(order, journaled, runId, currency));
    return journaled;
  });
}

/** Books every finished order of the run that is not booked yet (after a crash between the two). */
export function settleAll(ledger: Ledger, orders: readonly ManifestOrder[], runId: string, currency: string): void {
  ledger.transaction(() => {
    for (const order of orders) {
      const journaled = ledger.order(order.client_order_id);
      if (journaled && isFinal(journaled)) ledger.recordTrades(tradesFor(order, journaled, runId, currency));
    }
  });
}
