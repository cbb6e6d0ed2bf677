// The shapes that cross K.I.T.'s `execution` slot. K.I.T. names the slot's methods
// (src/core/plugin-slots.ts: placeOrder, cancelOrder, getOpenOrders; optional smartRoute,
// getExecutions) but defines no argument shapes, so ours follow the only order shapes its code has:
// ExchangeManager's `Order` / `TradeResult` and `cancelOrder(...) -> boolean`
// (src/exchanges/exchange-manager.ts), plus ccxt's `clientOrderId`, `average` and fee currency,
// which we need to find an order again. The plan is the Smart Order Router's `ExecutionPlan`
// (skills/smart-order-router/handler.ts), with our client order ids added to each segment.
// Numbers, not Decimals, because that is what those shapes carry (see kit-router-numbers.ts).
import { z } from 'zod';
import type { OrderSide } from '../ports/orders.js';

/** What we pass to placeOrder: ExchangeManager's order fields as one object. */
export interface KitOrderParams {
  exchange: string;
  symbol: string;
  side: OrderSide;
  type: 'market' | 'limit';
  amount: number;
  price?: number;
  /** Our slippage guard for a market order: the slot must not fill worse than this. */
  worstPrice?: number;
  clientOrderId: string;
}

/** What we pass to getOpenOrders / getExecutions: the venue, and the order we look for as a hint. */
export interface KitOrderQuery {
  exchange: string;
  clientOrderId?: string;
}

/** What we pass to cancelOrder: ExchangeManager.cancelOrder(exchange, orderId, symbol), plus ours. */
export interface KitCancelParams {
  exchange: string;
  orderId: string;
  symbol: string;
  clientOrderId: string;
}

const time = z.union([z.date(), z.number(), z.string()]).transform((value, context) => {
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) {
    context.addIssue({ code: 'custom', message: 'is not a time' });
    return z.NEVER;
  }
  return at;
});

/** ExchangeManager's `Order`, with ccxt's clientOrderId / average / fee currency. */
export const kitOrderSchema = z.object({
  id: z.string().min(1),
  clientOrderId: z.string().min(1).nullish(),
  exchange: z.string().min(1),
  symbol: z.string().min(1),
  type: z.enum(['market', 'limit', 'stop']),
  side: z.enum(['buy', 'sell']),
  amount: z.number().nonnegative(),
  price: z.number().nonnegative().nullish(),
  average: z.number().positive().nullish(),
  filled: z.number().nonnegative(),
  remaining: z.number().nonnegative().nullish(),
  status: z.enum(['open', 'closed', 'canceled', 'rejected', 'expired']),
  timestamp: time,
  fee: z.number().nonnegative().nullish(),
  feeCurrency: z.string().min(1).nullish(),
});
export type KitOrder = z.infer<typeof kitOrderSchema>;

/** ExchangeManager's `TradeResult`. */
export const tradeResultSchema = z.object({
  success: z.boolean(),
  order: kitOrderSchema.optional(),
  error: z.string().optional(),
});

export const orderListSchema = z.array(kitOrderSchema);

const routeResultSchema = z.object({ success: z.boolean(), orders: orderListSchema.optional(), error: z.string().optional() });

// Answers that come in two forms are told apart first, so that a parse error names the field
// that is wrong instead of "matches neither form".
const isObjectWith = (value: unknown, key: string) => typeof value === 'object' && value !== null && key in value;

/** placeOrder answers a TradeResult (ExchangeManager) or the order itself. */
export const placeAnswerSchema = (answer: unknown) => (isObjectWith(answer, 'success') ? tradeResultSchema : kitOrderSchema);

/** cancelOrder answers a boolean (ExchangeManager) or a TradeResult. */
export const cancelAnswerSchema = (answer: unknown) => (typeof answer === 'boolean' ? z.boolean() : tradeResultSchema);

/** smartRoute answers, per plan, the orders it placed: a TradeResult with `orders`, or a bare list. */
export const routeAnswerSchema = (answer: unknown) => (Array.isArray(answer) ? orderListSchema : routeResultSchema);

export type KitStrategy = 'best-price' | 'split' | 'twap' | 'vwap' | 'iceberg' | 'sniper';

/** handler.ts `Venue`: `fee` is a rate (0.001), `latency` in ms. */
export interface KitVenue {
  id: string;
  name: string;
  type: 'cex' | 'dex';
  price: number;
  available: number;
  fee: number;
  latency: number;
}

/** handler.ts `RouteSegment` (`fee` an amount in the quote currency, `estimatedFill` a fraction), plus ours. */
export interface KitRouteSegment {
  venue: KitVenue;
  amount: number;
  price: number;
  fee: number;
  estimatedFill: number;
  clientOrderId: string;
  type: 'market' | 'limit';
  worstPrice?: number;
}

/** handler.ts `ExecutionPlan`, plus the market and side it is for (handler.ts takes them apart). */
export interface KitExecutionPlan {
  strategy: KitStrategy;
  segments: KitRouteSegment[];
  totalAmount: number;
  avgPrice: number;
  totalFees: number;
  estimatedSavings: number;
  estimatedSlippage: number;
  symbol: string;
  side: OrderSide;
}
