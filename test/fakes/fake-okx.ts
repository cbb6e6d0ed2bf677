// A fake OKX v5 REST API on 127.0.0.1 with its real payloads (fixtures/ccxt/okx): instruments,
// tickers, account balance, order place (single or batch) / query / cancel, candles. Private calls
// check OK-ACCESS-KEY, the passphrase and OK-ACCESS-SIGN, base64 HMAC-SHA256 of timestamp + method
// + path with query + body, as OKX does. Errors come as OKX sends them: {code, msg, data} with
// per-order sCode/sMsg (51008 insufficient balance, 51016 duplicated clOrdId), 51603 not found,
// 50011 with HTTP 429 when rate limited.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Decimal } from '../../src/money.js';
import { createFakeBook, type FakeOrder } from './fake-book.js';
import { startFake, type FakeAnswer, type FakeRequest } from './http-fake.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/ccxt/okx/${name}`, import.meta.url), 'utf8'));

export async function startFakeOkx(options: { apiKey: string; secret: string; passphrase: string; now?: () => number }) {
  const now = options.now ?? (() => 1_764_400_000_000);
  const instruments = fixture('instruments.json');
  const tickers = fixture('tickers.json');
  const balance = fixture('balance.json');
  const details: Array<{ ccy: string; availBal: string; frozenBal: string }> = balance.data[0].details;
  const tickerOf = (instId: string) => (tickers.data as Array<Record<string, string>>).find((t) => t.instId === instId)!;
  const book = createFakeBook(Object.fromEntries(details.map((d) => [d.ccy, { free: d.availBal, locked: d.frozenBal }])), (base, quote) => {
    const ticker = tickerOf(`${base}-${quote}`);
    return { bid: new Decimal(ticker.bidPx!), ask: new Decimal(ticker.askPx!) };
  }, now);
  const control = { rateLimited: 0 };
  const ok = (data: unknown[]): FakeAnswer => ({ json: { code: '0', msg: '', data } });
  const fail = (status: number, code: string, msg: string, data: unknown[] = []): FakeAnswer => ({ status, json: { code, msg, data } });

  function verify(request: FakeRequest): FakeAnswer | undefined {
    if (request.headers['ok-access-key'] !== options.apiKey) return fail(401, '50111', 'Invalid OK-ACCESS-KEY');
    if (request.headers['ok-access-passphrase'] !== options.passphrase) return fail(401, '50105', 'Passphrase incorrect');
    const path = request.query ? `${request.path}?${request.query}` : request.path;
    const expected = createHmac('sha256', options.secret).update(`${request.headers['ok-access-timestamp']}${request.method}${path}${request.body}`).digest('base64');
    if (request.headers['ok-access-sign'] !== expected) return fail(401, '50113', 'Invalid Sign');
    return undefined;
  }

  function orderJson(order: FakeOrder) {
    const state = { open: 'live', filled: 'filled', cancelled: 'canceled', expired: 'canceled' }[order.status];
    return {
      instType: 'SPOT', instId: `${order.base}-${order.quote}`, ccy: '', ordId: String(order.id), clOrdId: order.clientId, tag: '', px: order.type === 'limit' ? order.price.toFixed() : '',
      sz: order.qty.toFixed(), pnl: '0', ordType: order.type, side: order.side, posSide: '', tdMode: 'cash', accFillSz: order.filled.toFixed(), fillPx: order.filled.gt(0) ? order.average.toFixed() : '',
      tradeId: '', fillSz: order.filled.toFixed(), fillTime: '', avgPx: order.filled.gt(0) ? order.average.toFixed() : '', state, lever: '', feeCcy: order.quote,
      fee: order.fee.negated().toFixed(), rebateCcy: order.quote, rebate: '0', category: 'normal', uTime: String(order.time), cTime: String(order.time),
    };
  }

  function place(entry: Record<string, string>) {
    const [base = '', quote = ''] = (entry.instId ?? '').split('-');
    const placed = book.place({
      clientId: entry.clOrdId ?? '', base, quote, side: entry.side === 'buy' ? 'buy' : 'sell', type: entry.ordType === 'market' ? 'market' : 'limit',
      qty: new Decimal(entry.sz ?? '0'), price: entry.px ? new Decimal(entry.px) : undefined, ioc: entry.ordType === 'ioc',
    });
    if (placed === 'duplicate') return { clOrdId: entry.clOrdId, ordId: '', tag: '', sCode: '51016', sMsg: 'Duplicated clOrdId' };
    if (placed === 'insufficient') return { clOrdId: entry.clOrdId, ordId: '', tag: '', sCode: '51008', sMsg: `Order failed. Insufficient ${entry.side === 'buy' ? quote : base} balance in account.` };
    return { clOrdId: placed.clientId, ordId: String(placed.id), tag: '', ts: String(now()), sCode: '0', sMsg: 'Order placed' };
  }

  function route(request: FakeRequest): FakeAnswer {
    if (control.rateLimited > 0) {
      control.rateLimited--;
      return fail(429, '50011', 'Too Many Requests');
    }
    const at = `${request.method} ${request.path}`;
    if (at === 'GET /api/v5/public/instruments') return { json: instruments };
    // Stamped with the fake's clock, as a live exchange's tickers are current.
    if (at === 'GET /api/v5/market/tickers') return ok((tickers.data as Array<Record<string, string>>).map((t) => ({ ...t, ts: String(now()) })));
    if (at === 'GET /api/v5/market/candles' || at === 'GET /api/v5/market/history-candles') {
      const after = Number(request.params.get('after') ?? Infinity); // older than
      const before = Number(request.params.get('before') ?? -Infinity); // newer than
      const rows = (fixture('candles-BTC-USDT-1D.json').data as string[][]).filter((row) => Number(row[0]) < after && Number(row[0]) > before);
      return ok(rows.slice(-Number(request.params.get('limit') ?? 100)));
    }
    const refused = verify(request);
    if (refused) return refused;
    if (at === 'GET /api/v5/account/balance') {
      const rows = book.balances().map((b) => ({ ...details[0], ccy: b.asset, availBal: b.free.toFixed(), availEq: b.free.toFixed(), frozenBal: b.locked.toFixed(), ordFrozen: b.locked.toFixed(), cashBal: b.free.plus(b.locked).toFixed(), eq: b.free.plus(b.locked).toFixed() }));
      return ok([{ ...balance.data[0], details: rows }]);
    }
    if (at === 'POST /api/v5/trade/order' || at === 'POST /api/v5/trade/batch-orders') {
      const body = JSON.parse(request.body);
      const results = (Array.isArray(body) ? body : [body]).map(place);
      const failed = results.every((r) => r.sCode !== '0');
      return failed ? { json: { code: '1', msg: 'All operations failed', data: results } } : ok(results);
    }
    if (at === 'GET /api/v5/trade/order') {
      const order = book.orders.get(request.params.get('clOrdId') ?? '') ?? [...book.orders.values()].find((o) => String(o.id) === request.params.get('ordId'));
      return order ? ok([orderJson(order)]) : fail(200, '51603', 'Order does not exist');
    }
    if (at === 'POST /api/v5/trade/cancel-order') {
      const body = JSON.parse(request.body) as Record<string, string>;
      const cancelled = book.cancel(body.clOrdId ?? '');
      if (!cancelled) return { json: { code: '1', msg: '', data: [{ clOrdId: body.clOrdId, ordId: '', sCode: '51400', sMsg: 'Order cancellation failed as the order has been filled, canceled or does not exist' }] } };
      return ok([{ clOrdId: cancelled.clientId, ordId: String(cancelled.id), ts: String(now()), sCode: '0', sMsg: '' }]);
    }
    return fail(404, '50000', `fake okx: no route ${at}`);
  }

  const server = await startFake(route);
  return { ...server, book, control };
}
