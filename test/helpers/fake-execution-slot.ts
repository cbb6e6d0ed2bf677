// A fake of K.I.T.'s `execution` slot that behaves like a real one: a plugin over K.I.T.'s
// ExchangeManager and ccxt. It keeps its own book (orders by client order id), answers in
// ExchangeManager's shapes (TradeResult with an Order, cancelOrder -> boolean, plain numbers, Date
// timestamps), throws ccxt's error classes, and can reject, time out after accepting, hang, or
// lose an order. Faults are queued per placeOrder / smartRoute call, so tests are deterministic.
import type { KitCancelParams, KitExecutionPlan, KitOrderParams, KitOrderQuery } from '../../src/host/kit-router-shapes.js';

// ccxt's error hierarchy (the names are what matters; ccxt sets them the same way).
export class BaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
export class ExchangeError extends BaseError {}
export class InvalidOrder extends ExchangeError {}
export class OrderNotFound extends InvalidOrder {}
export class DuplicateOrderId extends InvalidOrder {}
export class NetworkError extends BaseError {}
export class RequestTimeout extends NetworkError {}
export class DDoSProtection extends NetworkError {}
export class RateLimitExceeded extends DDoSProtection {}

export type Fault = 'reject' | 'timeout_after_accept' | 'hang_after_accept' | 'lose_after_accept' | 'network_before' | 'rate_limit' | 'drop_from_answer';

export interface SlotOrder {
  id: string;
  clientOrderId: string;
  exchange: string;
  symbol: string;
  type: 'market' | 'limit';
  side: 'buy' | 'sell';
  amount: number;
  price?: number;
  average?: number;
  filled: number;
  remaining: number;
  status: 'open' | 'closed' | 'canceled';
  timestamp: Date;
  fee?: number;
}

export interface FakeSlotOptions {
  /** Last traded price per "BASE/QUOTE". */
  prices: Record<string, number>;
  feeRate?: number;
  getExecutions?: boolean;
  smartRoute?: boolean;
}

const SIGNED_URL = 'https://api.binance.com/api/v3/order?symbol=BTCUSDC&timestamp=1764000000000&signature=9f2c4e1ab7d3e5f60718293a4b5c6d7e8f9012345abcdef0123456789abcdef0';

export function fakeExecutionSlot(options: FakeSlotOptions) {
  const book = new Map<string, SlotOrder>();
  const sent: KitOrderParams[] = [];
  const faults: Fault[] = [];
  const feeRate = options.feeRate ?? 0.001;
  let clock = Date.parse('2026-11-23T14:00:00Z');
  let sequence = 0;
  /** Answers to return instead of the real one, per method, once. */
  const override: Partial<Record<'placeOrder' | 'getOpenOrders' | 'getExecutions' | 'cancelOrder' | 'smartRoute', unknown>> = {};
  const copy = (order: SlotOrder): SlotOrder => ({ ...order, timestamp: new Date(order.timestamp) });

  function fill(order: SlotOrder, amount: number, price: number): void {
    order.filled += amount;
    order.remaining = order.amount - order.filled;
    order.average = price;
    order.fee = (order.fee ?? 0) + amount * price * feeRate;
    order.status = order.remaining <= 0 ? 'closed' : 'open';
    order.timestamp = new Date((clock += 1000));
  }

  /** ExchangeManager.marketOrder / limitOrder, with the slippage guard a real slot would enforce. */
  function book1(params: KitOrderParams): { success: boolean; order?: SlotOrder; error?: string } {
    if (book.has(params.clientOrderId)) throw new DuplicateOrderId(`binance {"code":-2010,"msg":"Duplicate order sent."} clientOrderId ${params.clientOrderId}`);
    const market = options.prices[params.symbol];
    if (market === undefined) return { success: false, error: `binance does not have market symbol ${params.symbol}` };
    const beyond = params.worstPrice !== undefined && (params.side === 'buy' ? market > params.worstPrice : market < params.worstPrice);
    if (params.type === 'market' && beyond) return { success: false, error: `price ${market} is beyond the order's worst price ${params.worstPrice}` };
    const order: SlotOrder = {
      id: `kit-${++sequence}`,
      clientOrderId: params.clientOrderId,
      exchange: params.exchange,
      symbol: params.symbol,
      type: params.type,
      side: params.side,
      amount: params.amount,
      ...(params.price !== undefined ? { price: params.price } : {}),
      filled: 0,
      remaining: params.amount,
      status: 'open',
      timestamp: new Date((clock += 1000)),
    };
    const limit = params.price ?? market;
    const crosses = params.type === 'market' || (params.side === 'buy' ? market <= limit : market >= limit);
    if (crosses) fill(order, order.amount, params.type === 'market' ? market : limit);
    if (params.type === 'market') order.price = market;
    return { success: true, order };
  }

  async function place(params: KitOrderParams, fault: Fault | undefined) {
    sent.push({ ...params });
    if (fault === 'network_before') throw new NetworkError(`binance POST ${SIGNED_URL} fetch failed`);
    if (fault === 'rate_limit') throw new RateLimitExceeded('binance 429 Too Many Requests {"code":-1003,"msg":"Too many requests."}');
    if (fault === 'reject') return { success: false, error: 'binance {"code":-2010,"msg":"Account has insufficient balance for requested action."}' };
    const result = book1(params);
    if (!result.order) return result;
    if (fault !== 'lose_after_accept') book.set(params.clientOrderId, result.order);
    if (fault === 'timeout_after_accept') throw new RequestTimeout(`binance POST ${SIGNED_URL} request timed out (10000 ms)`);
    if (fault === 'hang_after_accept') return new Promise<never>(() => undefined);
    return { success: true, order: copy(result.order) };
  }

  const takeOverride = (method: keyof typeof override) => {
    if (!(method in override)) return { used: false as const };
    const value = override[method];
    delete override[method];
    return { used: true as const, value };
  };
  const list = (query: KitOrderQuery, open: boolean) =>
    [...book.values()].filter((order) => order.exchange === query.exchange && (order.status === 'open') === open).map(copy);

  const slot = {
    async placeOrder(params: KitOrderParams) {
      const forced = takeOverride('placeOrder');
      if (forced.used) {
        sent.push({ ...params });
        return forced.value;
      }
      return place(params, faults.shift());
    },
    async getOpenOrders(query: KitOrderQuery) {
      const forced = takeOverride('getOpenOrders');
      return forced.used ? forced.value : list(query, true);
    },
    async getExecutions(query: KitOrderQuery) {
      const forced = takeOverride('getExecutions');
      return forced.used ? forced.value : list(query, false);
    },
    /** ExchangeManager.cancelOrder: true when cancelled, false on any failure (it catches them). */
    async cancelOrder(params: KitCancelParams) {
      const forced = takeOverride('cancelOrder');
      if (forced.used) return forced.value;
      const order = [...book.values()].find((o) => o.id === params.orderId && o.exchange === params.exchange);
      if (!order || order.status !== 'open') return false;
      order.status = 'canceled';
      order.timestamp = new Date((clock += 1000));
      return true;
    },
    async smartRoute(plan: KitExecutionPlan) {
      const forced = takeOverride('smartRoute');
      if (forced.used) return forced.value;
      const fault = faults.shift();
      if (fault === 'timeout_after_accept' || fault === 'network_before') {
        for (const segment of plan.segments) book1Into(segment, plan);
        throw new RequestTimeout(`binance POST ${SIGNED_URL} request timed out (10000 ms)`);
      }
      const orders = [];
      for (const segment of plan.segments) {
        const result = book1Into(segment, plan);
        if (result.order && !(fault === 'drop_from_answer' && segment === plan.segments[0])) orders.push(copy(result.order));
      }
      return { success: true, orders };
    },
  };

  function book1Into(segment: KitExecutionPlan['segments'][number], plan: KitExecutionPlan) {
    const params: KitOrderParams = {
      exchange: segment.venue.id,
      symbol: plan.symbol,
      side: plan.side,
      type: segment.type,
      amount: segment.amount,
      ...(segment.type === 'limit' ? { price: segment.price } : {}),
      ...(segment.worstPrice !== undefined ? { worstPrice: segment.worstPrice } : {}),
      clientOrderId: segment.clientOrderId,
    };
    sent.push(params);
    const result = book1(params);
    if (result.order) book.set(params.clientOrderId, result.order);
    return result;
  }

  if (options.getExecutions === false) delete (slot as Partial<typeof slot>).getExecutions;
  if (options.smartRoute === false) delete (slot as Partial<typeof slot>).smartRoute;

  return {
    slot,
    sent,
    book,
    /** Queue faults for the next placeOrder / smartRoute calls, in order (undefined: behave). */
    fault: (...next: Array<Fault | undefined>) => void faults.push(...(next as Fault[])),
    override,
    /** The venue fills (part of) a resting order, as time passes. */
    fillResting: (clientOrderId: string, amount?: number) => {
      const order = book.get(clientOrderId);
      if (order?.status === 'open') fill(order, amount ?? order.remaining, order.price ?? 0);
    },
    /** The slot forgets an order (a restarted plugin with no memory of it). */
    lose: (clientOrderId: string) => void book.delete(clientOrderId),
  };
}
