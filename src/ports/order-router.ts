// K.I.T.'s `execution` slot, the Smart Order Router: orders leave through here, never directly.
import type { OrderRequest, OrderState } from './orders.js';

export interface OrderRouter {
  submit(venue: string, order: OrderRequest): Promise<OrderState>;
  status(venue: string, clientOrderId: string): Promise<OrderState>;
  cancel(venue: string, clientOrderId: string): Promise<OrderState>;
}
