// The holdings a plan leaves behind, at the expected prices and fees.
import { ONE, ZERO, type Decimal } from '../money.js';
import type { Holding } from '../snapshot.js';
import { venueKey } from './funds.js';
import type { PlannedTrade, Transfer } from './types.js';

/** Holdings after the trades and transfers, at the expected prices and fees. */
export function applyPlan(holdings: readonly Holding[], trades: readonly PlannedTrade[], transfers: readonly Transfer[]): Holding[] {
  const book = new Map<string, Holding>();
  const add = (venue: string, asset: string, quantity: Decimal) => {
    const id = venueKey(venue, asset);
    const current = book.get(id);
    book.set(id, { venue, asset, quantity: (current?.quantity ?? ZERO).plus(quantity) });
  };
  for (const holding of holdings) add(holding.venue, holding.asset, holding.quantity);
  for (const trade of trades) {
    const sign = trade.side === 'buy' ? ONE : ONE.neg();
    add(trade.venue, trade.asset, trade.quantity.times(sign));
    // A swap's quoted price already has the pool fee in it: taking the fee again would count it twice.
    add(trade.venue, trade.quote, trade.notional.times(sign.neg()).minus(trade.swap ? 0 : trade.fee));
  }
  for (const transfer of transfers) {
    add(transfer.from, transfer.asset, transfer.amount.neg());
    add(transfer.to, transfer.arrivesAs?.asset ?? transfer.asset, transfer.arrivesAs?.amount ?? transfer.amount);
  }
  return [...book.values()].filter((holding) => !holding.quantity.isZero());
}
