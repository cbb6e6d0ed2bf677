// Orders through the MT5 bridge. Our client order id rides in the order's `comment`, which MT5
// keeps to 31 characters, so the comment is the id's first 31 (our ids are 32 letters and digits;
// 28 hex digits of hash stay unique). Volume is in lots; a market order with a worst price is sent
// at the current quote with a deviation in points that never reaches past that price.
import { OrderCallError } from '../../errors.js';
import { Decimal, ZERO } from '../../money.js';
import type { Clock, OrderRequest, OrderState, OrderStatus } from '../../ports.js';
import type { Bridge } from './bridge.js';
import { toOrderError, type ErrorContext } from './errors.js';
import { orderSchema, ordersSchema, quotesSchema, type BridgeOrder, type SymbolInfo } from './payloads.js';
import { lotsFor, type SymbolBook } from './symbols.js';

export const COMMENT_LENGTH = 31;
export const commentFor = (clientOrderId: string) => clientOrderId.slice(0, COMMENT_LENGTH);

const STATUS: Record<BridgeOrder['status'], OrderStatus> = { placed: 'open', partial: 'partially_filled', filled: 'filled', cancelled: 'cancelled', expired: 'cancelled', rejected: 'rejected' };

export interface Mt5OrderDeps {
  bridge: Bridge;
  symbols: SymbolBook;
  errors: ErrorContext;
  clock: Clock;
}

export function createMt5Orders(deps: Mt5OrderDeps) {
  const tickets = new Map<string, string>();

  const state = async (order: BridgeOrder, id: string): Promise<OrderState> => {
    tickets.set(id, order.ticket);
    const info = await deps.symbols.info(order.symbol);
    const size = info?.contract_size;
    if (!size) throw new Error(`no specification for ${order.symbol}`);
    return {
      clientOrderId: id,
      venueOrderId: order.ticket,
      status: STATUS[order.status],
      filled: order.volume_filled.times(size),
      ...(order.price_avg?.gt(0) ? { averagePrice: order.price_avg } : {}),
      fee: order.commission?.abs() ?? ZERO,
      feeAsset: info.currency_profit,
      updatedAt: new Date(order.time),
    };
  };

  const find = async (id: string): Promise<BridgeOrder> => {
    const ticket = tickets.get(id);
    if (ticket) return deps.bridge.call('GET', `/orders/${encodeURIComponent(ticket)}`, orderSchema);
    const { orders } = await deps.bridge.call('GET', `/orders?comment=${encodeURIComponent(commentFor(id))}`, ordersSchema);
    const order = orders.find((o) => o.comment === commentFor(id));
    if (!order) throw new OrderCallError(deps.errors.venue, 'fetch order', 'order_not_found', `no order with comment ${commentFor(id)}`, id);
    return order;
  };

  return {
    async placeOrder(order: OrderRequest): Promise<OrderState> {
      const id = order.clientOrderId;
      try {
        return await state(await sendOrder(deps, order), id);
      } catch (error) {
        throw toOrderError(deps.errors, 'place order', id, error);
      }
    },

    async fetchOrder(id: string): Promise<OrderState> {
      try {
        return await state(await find(id), id);
      } catch (error) {
        throw toOrderError(deps.errors, 'fetch order', id, error);
      }
    },

    async cancelOrder(id: string): Promise<OrderState> {
      try {
        const ticket = tickets.get(id) ?? (await find(id)).ticket;
        return await state(await deps.bridge.call('DELETE', `/orders/${encodeURIComponent(ticket)}`, orderSchema), id);
      } catch (error) {
        throw toOrderError(deps.errors, 'cancel order', id, error);
      }
    },
  };
}

/** Checks the order against the symbol's lot rules and sends it; a refusal here sends nothing. */
async function sendOrder(deps: Mt5OrderDeps, order: OrderRequest): Promise<BridgeOrder> {
  const id = order.clientOrderId;
  const refuse = (message: string) => new OrderCallError(deps.errors.venue, 'place order', 'rejected', message, id);
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw refuse(`client order id ${JSON.stringify(id)} is not letters and digits`);
  const asset = order.symbol.split('/')[0] ?? order.symbol;
  const symbol = deps.symbols.symbolOf(asset);
  const info = await deps.symbols.info(symbol);
  if (!info) throw refuse(`the terminal has no symbol ${symbol} (map ${asset} to the broker's symbol under symbols:)`);
  const lots = lotsFor(order.quantity, asset, info);
  if (typeof lots === 'string') throw refuse(lots);
  const pricing = await priceFields(deps.bridge, order, symbol, info);
  if (typeof pricing === 'string') throw refuse(pricing);
  const body = { symbol, side: order.side, volume: lots.toFixed(), ...pricing, comment: commentFor(id) };
  return deps.bridge.call('POST', '/orders', orderSchema, body);
}

type Pricing = { type: 'market' | 'limit'; price?: string; deviation?: number };

/**
 * The order's type, `price` and `deviation`, or why it cannot be sent. MT5 refuses a pending limit
 * already through the market (a BUY_LIMIT must be below the ask: retcode 10015), and the plan's
 * limits are marketable by design, so such a limit goes as a deal bounded by its limit price.
 */
async function priceFields(bridge: Bridge, order: OrderRequest, symbol: string, info: SymbolInfo): Promise<Pricing | string> {
  const buy = order.side === 'buy';
  // A limit price is rounded toward the market's worse side for us, never past what the plan allows.
  const digits = (value: Decimal) => value.toDecimalPlaces(info.digits, buy ? Decimal.ROUND_DOWN : Decimal.ROUND_UP).toFixed(info.digits);
  if (order.type === 'limit' && !order.limitPrice) return 'a limit order needs a limit price';
  const bounds = [order.limitPrice, order.worstPrice].filter((p): p is Decimal => p !== undefined);
  if (bounds.length === 0) return { type: 'market' };
  const { quotes } = await bridge.call('GET', `/quotes?symbols=${encodeURIComponent(symbol)}`, quotesSchema);
  const quote = quotes.find((q) => q.symbol === symbol);
  if (!quote) return `no quote for ${symbol}`;
  const reference = buy ? quote.ask : quote.bid;
  if (order.type === 'limit' && (buy ? order.limitPrice!.lt(reference) : order.limitPrice!.gt(reference))) return { type: 'limit', price: digits(order.limitPrice!) };
  // The tighter of the limit and the worst price bounds the fill.
  const bound = buy ? Decimal.min(...bounds) : Decimal.max(...bounds);
  const room = buy ? bound.minus(reference) : reference.minus(bound);
  if (room.lt(0)) return `the ${buy ? 'ask' : 'bid'} ${reference.toFixed()} is already past the worst price ${bound.toFixed()}`;
  // One point is 10^-digits; rounded down so the fill can never be worse than the bound.
  const deviation = room.times(new Decimal(10).pow(info.digits)).floor().toNumber();
  return { type: 'market', price: digits(reference), deviation };
}
