// A fake MT5 bridge on 127.0.0.1 speaking docs/mt5-bridge.md: bearer token checked on every call,
// a CFD account (SPY.US: 10 shares a lot, 0.1 lot steps), quotes, orders keyed by comment (a reused
// comment is refused, as the protocol requires), and the protocol's error codes with MT5 retcodes.
import { Decimal } from '../../src/money.js';
import { startFake, type FakeAnswer, type FakeRequest } from './http-fake.js';

export const MT5_TIME = '2026-11-29T11:59:58Z';

const SYMBOLS: Record<string, Record<string, unknown>> = {
  'SPY.US': { symbol: 'SPY.US', currency_profit: 'USD', contract_size: '10', volume_min: '0.1', volume_step: '0.1', digits: 2, tick_size: '0.01', trade_mode: 'full' },
  'QQQ.US': { symbol: 'QQQ.US', currency_profit: 'USD', contract_size: 1, volume_min: 1, volume_step: 1, digits: 2, tick_size: 0.01, trade_mode: 'full' },
  DAX40: { symbol: 'DAX40', currency_profit: 'EUR', contract_size: '1', volume_min: '0.1', volume_step: '0.1', digits: 1, tick_size: '0.1', trade_mode: 'full' },
};
const QUOTES: Record<string, { bid: string; ask: string }> = { 'SPY.US': { bid: '599.90', ask: '600.10' }, 'QQQ.US': { bid: '499.95', ask: '500.05' }, DAX40: { bid: '19000.0', ask: '19001.0' } };

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

export async function startFakeMt5Bridge(options: { token: string; time?: string }) {
  const time = options.time ?? MT5_TIME;
  const control = { rateLimited: 0, failing: 0, marketClosed: false, hangMs: 0, garbled: false };
  const orders: Order[] = [];
  const error = (status: number, code: string, message: string, retcode?: number): FakeAnswer => ({ status, json: { error: { code, message, ...(retcode ? { retcode } : {}) } } });

  function place(body: Record<string, unknown>): FakeAnswer {
    const symbol = String(body['symbol']);
    const spec = SYMBOLS[symbol];
    if (!spec) return error(404, 'UNKNOWN_SYMBOL', `symbol ${symbol} not found`);
    const comment = String(body['comment'] ?? '');
    if (comment.length > 31) return error(422, 'INVALID_COMMENT', 'comment longer than 31 characters', 10013);
    if (orders.some((o) => o.comment === comment)) return error(409, 'DUPLICATE_COMMENT', `an order with comment ${comment} exists`);
    if (control.marketClosed) return error(422, 'MARKET_CLOSED', 'Market is closed', 10018);
    const volume = new Decimal(String(body['volume']));
    if (!volume.mod(new Decimal(String(spec['volume_step']))).isZero() || volume.lt(new Decimal(String(spec['volume_min'])))) return error(422, 'INVALID_VOLUME', 'Invalid volume in the request', 10014);
    if (volume.gt(100)) return error(422, 'NO_MONEY', 'There is no enough money to complete the request', 10019);
    const market = body['type'] === 'market';
    const quote = QUOTES[symbol]!;
    const order: Order = {
      ticket: 50_000_000 + orders.length, symbol, comment, status: market ? 'filled' : 'placed', volume: volume.toFixed(), volume_filled: market ? volume.toFixed() : '0',
      ...(market ? { price_avg: body['side'] === 'buy' ? quote.ask : quote.bid } : {}), commission: market ? '-1.50' : '0', time,
    };
    orders.push(order);
    return { status: 201, json: order };
  }

  function route(request: FakeRequest): FakeAnswer {
    if (request.headers.authorization !== `Bearer ${options.token}`) return error(401, 'UNAUTHORIZED', `invalid token ${String(request.headers.authorization).slice(7)}`);
    if (control.rateLimited > 0) return control.rateLimited--, { ...error(429, 'RATE_LIMITED', 'too many requests'), headers: { 'retry-after': '2' } };
    if (control.failing > 0) return control.failing--, error(503, 'TERMINAL_DISCONNECTED', 'terminal not connected to the trade server');
    if (control.garbled) return { json: { unexpected: true } };
    const at = `${request.method} ${request.path}`;
    if (at === 'GET /account') return { json: { login: 5012345, currency: 'USD', balance: '19850.00', equity: '20000.00', margin_free: '18200.00' } };
    if (at === 'GET /positions') return { json: { positions: [{ ticket: 7001, symbol: 'SPY.US', side: 'buy', volume: '1.5', price_open: '580.00', price_current: '600.00' }] } };
    if (request.method === 'GET' && request.path.startsWith('/symbols/')) {
      const spec = SYMBOLS[decodeURIComponent(request.path.slice(9))];
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
  return { ...server, control, orders };
}
