// A fake MT5 bridge on 127.0.0.1 speaking docs/mt5-bridge.md: bearer token checked on every call,
// a netting CFD account (SPY.US: 10 shares a lot, 0.1 lot steps) whose positions and equity follow
// its fills, quotes, orders keyed by comment (a reused comment is refused, as the protocol
// requires), and MT5's own refusals: a pending limit already through the market is an invalid
// price (10015), a deal outside its deviation a requote (10004). `control.hangAfterAccept` takes
// orders and never answers them, as a bridge whose caller died or timed out would see;
// `control.timeoutAfterAccept` takes them and answers 504 TRADE_TIMEOUT.
import { Decimal } from '../../src/money.js';
import { startFake, type FakeAnswer, type FakeRequest } from './http-fake.js';

export const MT5_TIME = '2026-11-29T11:59:58Z';

type Spec = Record<string, unknown>;
const SYMBOLS: Record<string, Spec> = {
  'SPY.US': { symbol: 'SPY.US', currency_profit: 'USD', contract_size: '10', volume_min: '0.1', volume_step: '0.1', digits: 2, tick_size: '0.01', trade_mode: 'full' },
  'QQQ.US': { symbol: 'QQQ.US', currency_profit: 'USD', contract_size: 1, volume_min: 1, volume_step: 1, digits: 2, tick_size: 0.01, trade_mode: 'full' },
  DAX40: { symbol: 'DAX40', currency_profit: 'EUR', contract_size: '1', volume_min: '0.1', volume_step: '0.1', digits: 1, tick_size: '0.1', trade_mode: 'full' },
};
const QUOTES: Record<string, { bid: string; ask: string }> = { 'SPY.US': { bid: '599.90', ask: '600.10' }, 'QQQ.US': { bid: '499.95', ask: '500.05' }, DAX40: { bid: '19000.0', ask: '19001.0' } };
/** The position's current price: the quote's midpoint. */
const current = (symbol: string) => new Decimal(QUOTES[symbol]!.bid).plus(QUOTES[symbol]!.ask).div(2);

interface Order {
  ticket: number;
  symbol: string;
  comment: string;
  status: 'placed' | 'filled' | 'cancelled';
  volume: string;
  volume_filled: string;
  price_avg?: string;
  commission: string;
  time: string;
}

/** A netted position: signed lots and the average open price. */
interface Position {
  ticket: number;
  lots: Decimal;
  open: Decimal;
}

export interface FakeMt5Options {
  token: string;
  time?: string;
  /** Fields replacing the built-in symbols' specifications (contract size, lot step, minimum lot). */
  symbols?: Record<string, Spec>;
}

export async function startFakeMt5Bridge(options: FakeMt5Options) {
  const time = options.time ?? MT5_TIME;
  const symbols: Record<string, Spec> = { ...SYMBOLS };
  for (const [name, spec] of Object.entries(options.symbols ?? {})) symbols[name] = { ...symbols[name], symbol: name, ...spec };
  const control = { rateLimited: 0, failing: 0, marketClosed: false, hangMs: 0, garbled: false, hangAfterAccept: 0, timeoutAfterAccept: 0 };
  const orders: Order[] = [];
  const positions = new Map<string, Position>([['SPY.US', { ticket: 7001, lots: new Decimal('1.5'), open: new Decimal('580') }]]);
  // The equity moves by each fill's distance from the current price and by its commission.
  let equity = new Decimal('20000');
  const error = (status: number, code: string, message: string, retcode?: number): FakeAnswer => ({ status, json: { error: { code, message, ...(retcode ? { retcode } : {}) } } });

  function book(symbol: string, side: unknown, lots: Decimal, price: Decimal, commission: Decimal): void {
    const signed = side === 'buy' ? lots : lots.neg();
    const held = positions.get(symbol) ?? { ticket: 7001 + positions.size, lots: new Decimal(0), open: price };
    const total = held.lots.plus(signed);
    const adds = held.lots.isZero() || held.lots.isNeg() === signed.isNeg();
    positions.set(symbol, { ticket: held.ticket, lots: total, open: adds && !total.isZero() ? held.open.times(held.lots).plus(price.times(signed)).div(total) : held.open });
    equity = equity.plus(signed.times(new Decimal(String(symbols[symbol]!['contract_size']))).times(current(symbol).minus(price))).plus(commission);
  }

  /** Why MT5 would refuse the order's price, if it would (a retcode beside it), else undefined. */
  function priceRefusal(body: Record<string, unknown>, spec: Spec): FakeAnswer | undefined {
    const quote = QUOTES[String(body['symbol'])]!;
    if (body['price'] === undefined) return body['type'] === 'limit' ? error(422, 'INVALID_PRICE', 'Invalid price', 10015) : undefined;
    const price = new Decimal(String(body['price']));
    const buy = body['side'] === 'buy';
    // A BUY_LIMIT must be below the ask and a SELL_LIMIT above the bid: one through the market is refused.
    if (body['type'] === 'limit') return (buy ? price.gte(quote.ask) : price.lte(quote.bid)) ? error(422, 'INVALID_PRICE', 'Invalid price', 10015) : undefined;
    const point = new Decimal(10).pow(-Number(spec['digits']));
    const slip = (buy ? new Decimal(quote.ask).minus(price) : price.minus(quote.bid)).div(point);
    return slip.gt(Number(body['deviation'] ?? 0)) ? error(422, 'REQUOTE', 'Requote', 10004) : undefined;
  }

  function place(body: Record<string, unknown>): FakeAnswer {
    const symbol = String(body['symbol']);
    const spec = symbols[symbol];
    if (!spec) return error(404, 'UNKNOWN_SYMBOL', `symbol ${symbol} not found`);
    const comment = String(body['comment'] ?? '');
    if (comment.length > 31) return error(422, 'INVALID_COMMENT', 'comment longer than 31 characters', 10013);
    if (orders.some((o) => o.comment === comment)) return error(409, 'DUPLICATE_COMMENT', `an order with comment ${comment} exists`);
    if (control.marketClosed) return error(422, 'MARKET_CLOSED', 'Market is closed', 10018);
    const volume = new Decimal(String(body['volume']));
    if (!volume.mod(new Decimal(String(spec['volume_step']))).isZero() || volume.lt(new Decimal(String(spec['volume_min'])))) return error(422, 'INVALID_VOLUME', 'Invalid volume in the request', 10014);
    if (volume.gt(100)) return error(422, 'NO_MONEY', 'There is no enough money to complete the request', 10019);
    const refused = priceRefusal(body, spec);
    if (refused) return refused;
    const market = body['type'] === 'market';
    const quote = QUOTES[symbol]!;
    const fill = market ? (body['side'] === 'buy' ? quote.ask : quote.bid) : undefined;
    const order: Order = {
      ticket: 50_000_000 + orders.length, symbol, comment, status: market ? 'filled' : 'placed', volume: volume.toFixed(), volume_filled: market ? volume.toFixed() : '0',
      ...(fill ? { price_avg: fill } : {}), commission: market ? '-1.50' : '0', time,
    };
    orders.push(order);
    if (fill) book(symbol, body['side'], volume, new Decimal(fill), new Decimal(order.commission));
    if (control.hangAfterAccept > 0) return control.hangAfterAccept--, { hang: true, json: null };
    // The terminal took the order but did not confirm it in time: the bridge says so (504).
    if (control.timeoutAfterAccept > 0) return control.timeoutAfterAccept--, error(504, 'TRADE_TIMEOUT', 'Request timed out', 10012);
    return { status: 201, json: order };
  }

  function positionsJson() {
    const out = [];
    for (const [symbol, p] of positions) {
      if (p.lots.isZero()) continue;
      out.push({ ticket: p.ticket, symbol, side: p.lots.isNeg() ? 'sell' : 'buy', volume: p.lots.abs().toFixed(), price_open: p.open.toFixed(2), price_current: current(symbol).toFixed(2) });
    }
    return { positions: out };
  }

  function route(request: FakeRequest): FakeAnswer {
    if (request.headers.authorization !== `Bearer ${options.token}`) return error(401, 'UNAUTHORIZED', `invalid token ${String(request.headers.authorization).slice(7)}`);
    if (control.rateLimited > 0) return control.rateLimited--, { ...error(429, 'RATE_LIMITED', 'too many requests'), headers: { 'retry-after': '2' } };
    if (control.failing > 0) return control.failing--, error(503, 'TERMINAL_DISCONNECTED', 'terminal not connected to the trade server');
    if (control.garbled) return { json: { unexpected: true } };
    const at = `${request.method} ${request.path}`;
    if (at === 'GET /account') return { json: { login: 5012345, currency: 'USD', balance: '19850.00', equity: equity.toFixed(2), margin_free: '18200.00' } };
    if (at === 'GET /positions') return { json: positionsJson() };
    if (request.method === 'GET' && request.path.startsWith('/symbols/')) {
      const spec = symbols[decodeURIComponent(request.path.slice(9))];
      return spec ? { json: spec } : error(404, 'UNKNOWN_SYMBOL', 'symbol not found');
    }
    if (at === 'GET /quotes') {
      const wanted = (request.params.get('symbols') ?? '').split(',');
      return { json: { quotes: wanted.filter((s) => QUOTES[s]).map((s) => ({ symbol: s, ...QUOTES[s], time })) } };
    }
    if (at === 'POST /orders') return place(JSON.parse(request.body) as Record<string, unknown>);
    if (at === 'GET /orders') return { json: { orders: orders.filter((o) => o.comment === request.params.get('comment')) } };
    const ticket = /^\/orders\/(\d+)$/.exec(request.path)?.[1];
    const order = orders.find((o) => String(o.ticket) === ticket);
    if (ticket && !order) return error(404, 'NOT_FOUND', `order ${ticket} not found`);
    if (request.method === 'GET' && order) return { json: order };
    if (request.method === 'DELETE' && order) {
      if (order.status !== 'placed') return error(422, 'INVALID_ORDER_STATE', 'order is not pending', 10013);
      order.status = 'cancelled';
      return { json: order };
    }
    return error(404, 'NOT_FOUND', `no route ${at}`);
  }

  const server = await startFake(route);
  return { ...server, control, orders, positions };
}
