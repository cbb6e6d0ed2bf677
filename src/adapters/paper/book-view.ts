// A paper venue's own book as the venue sees it, in the shape `kit paper book --json` prints:
// {venue, balances: {ASSET: qty}, orders: [{client_order_id, side, asset, quantity, filled, status}]}.
import type { PaperBookStore, PaperStore } from '../../ports.js';

export interface PaperBookView {
  venue: string;
  balances: Record<string, string>;
  orders: { client_order_id: string; side: string; asset: string; quantity: string; filled: string; status: string }[];
}

export function paperBookView(store: PaperStore & PaperBookStore, venue: string): PaperBookView {
  const balances = store.paperVenue(venue)?.balances ?? new Map();
  return {
    venue,
    balances: Object.fromEntries([...balances].filter(([, quantity]) => !quantity.isZero()).map(([asset, quantity]) => [asset, quantity.toFixed()])),
    orders: store.paperOrders(venue).map((order) => ({
      client_order_id: order.clientOrderId,
      side: order.side,
      asset: order.symbol.split('/')[0] ?? order.symbol,
      quantity: order.quantity.toFixed(),
      filled: order.filled.toFixed(),
      status: order.status,
    })),
  };
}
