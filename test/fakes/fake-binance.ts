// A fake Binance spot REST API on 127.0.0.1, speaking its real payloads (fixtures/ccxt/binance):
// exchangeInfo, ticker/24hr, account, order place/query/cancel, klines. Signed endpoints check
// X-MBX-APIKEY and the HMAC-SHA256 of query string + body as Binance does; errors come in
// Binance's {code, msg} form (-1022 bad signature, -2015 bad key, -2010 refused, -2013 not found,
// -1003 with HTTP 429 and Retry-After when rate limited).
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Decimal } from '../../src/money.js';
import { createFakeBook, type FakeOrder } from './fake-book.js';
import { startFake, type FakeAnswer, type FakeRequest } from './http-fake.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/ccxt/binance/${name}`, import.meta.url), 'utf8'));

export interface FakeBinanceOptions {
  apiKey: string;
  secret: string;
  now?: () => number;
}

export async function startFakeBinance(options: FakeBinanceOptions) {
  const now = options.now ?? (() => 1_764_400_000_000);
  const info = fixture('exchange-info.json');
  const tickers: Array<Record<string, string>> = fixture('ticker-24hr.json');
  const account = fixture('account.json');
  const symbols: Array<{ symbol: string; baseAsset: string; quoteAsset: string }> = info.symbols;
  const pair = (symbol: string) => symbols.find((s) => s.symbol === symbol);
  const startBalances = Object.fromEntries((account.balances as Array<{ asset: string; free: string; locked: string }>).map((b) => [b.asset, b]));
  const book = createFakeBook(startBalances, (base, quote) => {
    const ticker = tickers.find((t) => t.symbol === `${base}${quote}`)!;
    return { bid: new Decimal(ticker.bidPrice!), ask: new Decimal(ticker.askPrice!) };
  }, now);
  const control = { rateLimited: 0, fail500: false };

  const error = (status: number, code: number, msg: string, headers?: Record<string, string>): FakeAnswer => ({ status, json: { code, msg }, ...(headers ? { headers } : {}) });

  function verify(request: FakeRequest): FakeAnswer | undefined {
    if (request.headers['x-mbx-apikey'] !== options.apiKey) return error(401, -2015, 'Invalid API-key, IP, or permissions for action.');
    const strip = (text: string) => text.replace(/&?signature=[0-9a-f]+/, '');
    const signature = /signature=([0-9a-f]+)/.exec(`${request.query}&${request.body}`)?.[1];
    const expected = createHmac('sha256', options.secret).update(strip(request.query) + strip(request.body)).digest('hex');
    if (signature !== expected) return error(400, -1022, 'Signature for this request is not valid.');
    return undefined;
  }

  function orderJson(order: FakeOrder, extra: Record<string, unknown> = {}) {
    const status = { open: 'NEW', filled: 'FILLED', cancelled: 'CANCELED', expired: 'EXPIRED' }[order.status];
    return {
      symbol: `${order.base}${order.quote}`, orderId: order.id, orderListId: -1, clientOrderId: order.clientId, price: order.price.toFixed(8), origQty: order.qty.toFixed(8),
      executedQty: order.filled.toFixed(8), cummulativeQuoteQty: order.filled.times(order.average).toFixed(8), status, timeInForce: 'GTC', type: order.type.toUpperCase(),
      side: order.side.toUpperCase(), workingTime: order.time, selfTradePreventionMode: 'EXPIRE_MAKER', ...extra,
    };
  }

  function route(request: FakeRequest): FakeAnswer {
    if (control.rateLimited > 0) {
      control.rateLimited--;
      return error(429, -1003, 'Too much request weight used; current limit is 6000 request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.', { 'retry-after': '7' });
    }
    const all = new URLSearchParams(`${request.query}&${request.body}`);
    const at = `${request.method} ${request.path}`;
    if (at === 'GET /api/v3/exchangeInfo') return { json: info };
    if (at === 'GET /api/v3/ticker/24hr') {
      const wanted: string[] | undefined = all.get('symbols') ? JSON.parse(all.get('symbols')!) : undefined;
      // The 24-hour window closes now, as on the real exchange.
      return { json: tickers.filter((t) => !wanted || wanted.includes(t.symbol!)).map((t) => ({ ...t, closeTime: now(), openTime: now() - 86_400_000 })) };
    }
    if (at === 'GET /api/v3/klines') {
      const start = Number(all.get('startTime') ?? 0);
      const limit = Number(all.get('limit') ?? 500);
      return { json: (fixture(`klines-${all.get('symbol')}-${all.get('interval')}.json`) as Array<[number]>).filter((row) => row[0] >= start).slice(0, limit) };
    }
    const refused = verify(request);
    if (refused) return refused;
    if (control.fail500) return { status: 500, json: { msg: `internal error for key ${options.apiKey}` } };
    if (at === 'GET /api/v3/account') {
      return { json: { ...account, balances: book.balances().map((b) => ({ asset: b.asset, free: b.free.toFixed(8), locked: b.locked.toFixed(8) })) } };
    }
    if (request.path === '/api/v3/order') return orderRoute(request.method, all);
    return error(404, -1121, `fake binance: no route ${at}`);
  }

  function orderRoute(method: string, all: URLSearchParams): FakeAnswer {
    const market = pair(all.get('symbol') ?? '');
    if (!market) return error(400, -1121, 'Invalid symbol.');
    const clientId = all.get('origClientOrderId') ?? all.get('newClientOrderId') ?? '';
    if (method === 'POST') {
      const type = all.get('type') === 'MARKET' ? 'market' : 'limit';
      const placed = book.place({
        clientId, base: market.baseAsset, quote: market.quoteAsset, side: all.get('side') === 'BUY' ? 'buy' : 'sell', type,
        qty: new Decimal(all.get('quantity') ?? '0'), price: all.get('price') ? new Decimal(all.get('price')!) : undefined, ioc: all.get('timeInForce') === 'IOC',
      });
      if (placed === 'duplicate') return error(400, -2010, 'Duplicate order sent.');
      if (placed === 'insufficient') return error(400, -2010, 'Account has insufficient balance for requested action.');
      const fills = placed.filled.gt(0) ? [{ price: placed.average.toFixed(8), qty: placed.filled.toFixed(8), commission: placed.fee.toFixed(8), commissionAsset: placed.quote, tradeId: placed.id }] : [];
      return { json: orderJson(placed, { transactTime: placed.time, fills }) };
    }
    const order = book.orders.get(clientId);
    if (method === 'GET') return order ? { json: orderJson(order, { time: order.time, updateTime: order.time, isWorking: true }) } : error(400, -2013, 'Order does not exist.');
    if (method === 'DELETE') {
      const cancelled = book.cancel(clientId);
      return cancelled ? { json: orderJson(cancelled, { origClientOrderId: clientId, clientOrderId: 'cancel-request-id', transactTime: now() }) } : error(400, -2011, 'Unknown order sent.');
    }
    return error(405, -1000, 'method not allowed');
  }

  const server = await startFake(route);
  return { ...server, book, control };
}
