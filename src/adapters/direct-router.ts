// The direct OrderRouter: orders go straight to each venue adapter's placeOrder / fetchOrder /
// cancelOrder. Used standalone and for paper venues, when the host offers no Smart Order Router.
// A venue that cannot trade is refused with a typed, non-retryable error, never skipped silently.
import { OrderCallError } from '../errors.js';
import type { OrderRouter, Venue } from '../ports.js';

export type DirectRouter = OrderRouter & { readonly name: 'direct' };

export function createDirectRouter(venues: readonly Venue[]): DirectRouter {
  const byId = new Map(venues.map((venue) => [venue.id, venue]));
  const tradable = (id: string, operation: string, clientOrderId: string) => {
    const venue = byId.get(id);
    if (!venue?.placeOrder || !venue.fetchOrder || !venue.cancelOrder || !venue.capabilities.trade) {
      const why = venue ? `venue "${id}" cannot trade (${venue.kind}, read-only here)` : `no venue named "${id}" is configured`;
      throw new OrderCallError(id, operation, 'rejected', why, clientOrderId);
    }
    return { placeOrder: venue.placeOrder, fetchOrder: venue.fetchOrder, cancelOrder: venue.cancelOrder };
  };
  return {
    name: 'direct',
    submit: async (venue, order) => tradable(venue, 'place order', order.clientOrderId).placeOrder(order),
    status: async (venue, id) => tradable(venue, 'fetch order', id).fetchOrder(id),
    cancel: async (venue, id) => tradable(venue, 'cancel order', id).cancelOrder(id),
  };
}
