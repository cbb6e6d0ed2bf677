// What the order planner produces: orders ready for a router or a venue, and the legs that wait.
import type { Diagnostic } from '../../diagnostics.js';
import type { Decimal } from '../../money.js';
import type { OrderSide } from '../../ports.js';

/** The `execution:` settings that shape orders. */
export interface OrderSettings {
  slippageTolerance: Decimal;
  useLimitOrders: boolean;
  splitLargeOrders: boolean;
  /** In the reporting currency: an order worth more is split into children no larger than this. */
  splitThreshold: Decimal;
}

export interface PlannedOrder {
  /** Deterministic from the run and the leg, in the venue's accepted form. */
  clientOrderId: string;
  /** The trade id, with "/<n>" for the n-th child of a split order ("t3/2"). */
  leg: string;
  tradeId: string;
  venue: string;
  symbol: string;
  base: string;
  quote: string;
  side: OrderSide;
  type: 'limit' | 'market';
  quantity: Decimal;
  /** Limit orders only: the worst price, on the price grid. */
  limitPrice?: Decimal;
  /** The slippage guard: the worst acceptable price (the limit price for a limit order). */
  worstPrice: Decimal;
  /** The ask (buy) or bid (sell) the order was priced from, or the plan's price. */
  referencePrice: Decimal;
  /** For children of a split order: which one, of how many. */
  part?: { index: number; of: number };
}

/** A buy that waits for a manual transfer: reported, never sent. */
export interface PendingTransferLeg {
  status: 'pending_transfer';
  tradeId: string;
  venue: string;
  symbol: string;
  side: OrderSide;
  quantity: Decimal;
  /** The transfer id it waits for ("x1"). */
  waitsFor: string;
}

export interface OrderPlan {
  /** Per venue, sells before buys, in plan order otherwise. */
  orders: PlannedOrder[];
  pending: PendingTransferLeg[];
  diagnostics: Diagnostic[];
}
