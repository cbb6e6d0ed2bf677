// An order as it crosses to a venue (through the host's router or an adapter) and the state the
// venue reports back. Shared by the venue, router and order-journal ports.
import type { Decimal } from '../money.js';

export type OrderSide = 'buy' | 'sell';

export interface OrderRequest {
  /** Ours, unique, journaled before submission: a retry with the same id never doubles an order. */
  clientOrderId: string;
  symbol: string;
  side: OrderSide;
  type: 'limit' | 'market';
  quantity: Decimal;
  limitPrice?: Decimal;
  /** The slippage guard: a market order must not fill worse than this (venues that cannot enforce it refuse or the router checks). */
  worstPrice?: Decimal;
}

export type OrderStatus = 'open' | 'partially_filled' | 'filled' | 'cancelled' | 'rejected';

export interface OrderState {
  clientOrderId: string;
  venueOrderId: string;
  status: OrderStatus;
  filled: Decimal;
  averagePrice?: Decimal;
  fee: Decimal;
  feeAsset: string;
  updatedAt: Date;
}
