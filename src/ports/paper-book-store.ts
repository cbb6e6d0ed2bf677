// A paper venue's own order book, as the venue sees it: its orders by client order id and their
// fills. It is separate from the ledger's order journal on purpose, so after a crash the two can be
// compared like a real venue and our records. Balances stay in PaperStore (paper_balances).
import type { Decimal } from '../money.js';
import type { OrderSide, OrderStatus } from './orders.js';

export interface PaperOrder {
  venue: string;
  clientOrderId: string;
  venueOrderId: string;
  symbol: string;
  side: OrderSide;
  type: 'limit' | 'market';
  quantity: Decimal;
  limitPrice?: Decimal | undefined;
  status: OrderStatus;
  filled: Decimal;
  averagePrice?: Decimal | undefined;
  fee: Decimal;
  feeAsset: string;
  /** Why a rejected order was refused. */
  reason?: string | undefined;
  createdAt: Date;
  updatedAt: Date;
}

export interface PaperFill {
  venue: string;
  clientOrderId: string;
  quantity: Decimal;
  price: Decimal;
  fee: Decimal;
  feeAsset: string;
  at: Date;
}

export interface PaperBookStore {
  paperOrder(venue: string, clientOrderId: string): PaperOrder | undefined;
  /** Every order the venue has seen, oldest first. */
  paperOrders(venue: string): PaperOrder[];
  /** Orders still open or partially filled, oldest first. */
  openPaperOrders(venue: string): PaperOrder[];
  /** Fills, oldest first: of one order, or of the whole venue. */
  paperFills(venue: string, clientOrderId?: string): PaperFill[];
  /** Adds an order; a client order id the venue already has is refused. */
  insertPaperOrder(order: PaperOrder): void;
  /** Replaces an order's state (status, filled, average price, fee). */
  updatePaperOrder(order: PaperOrder): void;
  addPaperFill(fill: PaperFill): void;
  /** Cancels every open order of the venue (a reset to the config); returns how many. */
  cancelOpenPaperOrders(venue: string, at: Date, reason: string): number;
  /** Runs `fn` in one transaction, so an order, its fill and the balances change together. */
  transaction<T>(fn: () => T): T;
}
