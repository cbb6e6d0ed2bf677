// A fake Kraken spot REST API on 127.0.0.1 speaking Kraken's JSON: {error: [...], result}, with
// errors as "EOrder:Insufficient funds"-style strings and HTTP 200. Served: /0/public/AssetPairs,
// Ticker and OHLC; /0/private/BalanceEx, AddOrder (cl_ord_id or userref), QueryOrders (by txid,
// restricted by cl_ord_id or userref), OpenOrders and CancelOrder (by txid or cl_ord_id). Private
// calls are form posts checked as Kraken does: API-Key, a nonce that must grow, and API-Sign, the
// base64 HMAC-SHA512 (key: the base64-decoded secret) of the URI path + SHA-256(nonce + body).
// A cl_ord_id is unique among open orders only (reused while open: "EOrder:Duplicate order").
import { createHash, createHmac } from 'node:crypto';
import { Decimal } from '../../src/money.js';
import { createFakeBook, type FakeOrder } from './fake-book.js';
import { startFake, type FakeAnswer, type FakeRequest } from './http-fake.js';

interface Pair { id: string; altname: string; base: string; quote: string; pairDecimals: number; lotDecimals: number; ordermin: string; costmin: string; status: string; bid: string; ask: string }

const PAIRS: Pair[] = [
  { id: 'XXBTZUSD', altname: 'XBTUSD', base: 'XXBT', quote: 'ZUSD', pairDecimals: 1, lotDecimals: 8, ordermin: '0.00005', costmin: '0.5', status: 'online', bid: '60000.0', ask: '60001.0' },
  { id: 'XETHZUSD', altname: 'ETHUSD', base: 'XETH', quote: 'ZUSD', pairDecimals: 2, lotDecimals: 8, ordermin: '0.002', costmin: '0.5', status: 'online', bid: '2999.50', ask: '3000.50' },
  { id: 'XETHXXBT', altname: 'ETHXBT', base: 'XETH', quote: 'XXBT', pairDecimals: 5, lotDecimals: 8, ordermin: '0.002', costmin: '0.00002', status: 'online', bid: '0.04999', ask: '0.05001' },
  { id: 'LUNAUSD', altname: 'LUNAUSD', base: 'LUNA', quote: 'ZUSD', pairDecimals: 8, lotDecimals: 8, ordermin: '1', costmin: '0.5', status: 'delisted', bid: '0', ask: '0' },
];
/** Kraken's asset ids and the codes the fake book keeps balances under. */
const CODE: Record<string, string> = { XXBT: 'BTC', ZUSD: 'USD', XETH: 'ETH', LUNA: 'LUNA' };
const ASSET_ID = Object.fromEntries(Object.entries(CODE).map(([id, code]) => [code, id]));
const UUID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})$/i;
const FREE_TEXT = /^[\x20-\x7e]{1,18}$/;

function assetPair(pair: Pair) {
  return {
    altname: pair.altname, wsname: `${CODE[pair.base] === 'BTC' ? 'XBT' : CODE[pair.base]}/${CODE[pair.quote] === 'BTC' ? 'XBT' : CODE[pair.quote]}`, aclass_base: 'currency', base: pair.base, aclass_quote: 'currency', quote: pair.quote, lot: 'unit',
    cost_decimals: 5, pair_decimals: pair.pairDecimals, lot_decimals: pair.lotDecimals, lot_multiplier: 1, leverage_buy: [], leverage_sell: [],
    fees: [[0, 0.4], [10000, 0.35], [50000, 0.24]], fees_maker: [[0, 0.25], [10000, 0.2], [50000, 0.14]], fee_volume_currency: 'ZUSD', margin_call: 80, margin_stop: 40,
    ordermin: pair.ordermin, costmin: pair.costmin, tick_size: new Decimal(10).pow(-pair.pairDecimals).toFixed(), status: pair.status,
  };
}

export async function startFakeKraken(options: { apiKey: string; secret: string; now?: () => number }) {
  const now = options.now ?? (() => 1_764_400_000_000);
  const book = createFakeBook({ BTC: { free: '0.2', locked: '0.05' }, USD: { free: '5000', locked: '0' } }, (base, quote) => {
    const pair = PAIRS.find((p) => CODE[p.base] === base && CODE[p.quote] === quote)!;
    return { bid: new Decimal(pair.bid), ask: new Decimal(pair.ask) };
  }, now);
  const control = { rateLimited: 0 };
  const txids = new Map<string, FakeOrder>();
  const userrefs = new Map<FakeOrder, string>();
  const clOrdIds = new Map<FakeOrder, string>();
  let lastNonce = 0n;
  const ok = (result: unknown): FakeAnswer => ({ json: { error: [], result } });
  const fail = (...error: string[]): FakeAnswer => ({ json: { error } });

  function verify(request: FakeRequest, form: URLSearchParams): FakeAnswer | undefined {
    if (request.headers['api-key'] !== options.apiKey) return fail('EAPI:Invalid key');
    const nonce = form.get('nonce') ?? '';
    const hash = createHash('sha256').update(`${nonce}${request.body}`).digest();
    const expected = createHmac('sha512', Buffer.from(options.secret, 'base64')).update(Buffer.concat([Buffer.from(request.path), hash])).digest('base64');
    if (request.headers['api-sign'] !== expected) return fail('EAPI:Invalid signature');
    if (!/^\d+$/.test(nonce) || BigInt(nonce) <= lastNonce) return fail('EAPI:Invalid nonce');
    lastNonce = BigInt(nonce);
    return undefined;
  }

  const txidOf = (order: FakeOrder) => [...txids].find(([, o]) => o === order)![0];
  function orderJson(order: FakeOrder) {
    const pair = PAIRS.find((p) => CODE[p.base] === order.base && CODE[p.quote] === order.quote)!;
    const status = { open: 'open', filled: 'closed', cancelled: 'canceled', expired: 'expired' }[order.status];
    const price = order.type === 'limit' ? order.price.toFixed(pair.pairDecimals) : '0';
    return {
      refid: null, userref: Number(userrefs.get(order) ?? 0), ...(clOrdIds.has(order) ? { cl_ord_id: clOrdIds.get(order) } : {}), status, reason: null,
      opentm: order.time / 1000, ...(order.status === 'open' ? {} : { closetm: order.time / 1000 + 0.012 }), starttm: 0, expiretm: 0,
      descr: { pair: pair.altname, type: order.side, ordertype: order.type, price, price2: '0', leverage: 'none', order: `${order.side} ${order.qty.toFixed(8)} ${pair.altname} @ ${order.type} ${price}`, close: '' },
      vol: order.qty.toFixed(8), vol_exec: order.filled.toFixed(8), cost: order.filled.times(order.average).toFixed(5), fee: order.fee.toFixed(5),
      price: order.filled.gt(0) ? order.average.toFixed(pair.pairDecimals) : '0.0', stopprice: '0.00000', limitprice: '0.00000', misc: '', oflags: 'fciq',
      ...(order.filled.gt(0) ? { trades: [`T${txidOf(order).slice(1)}`] } : {}),
    };
  }

  function addOrder(form: URLSearchParams): FakeAnswer {
    const pair = PAIRS.find((p) => p.id === form.get('pair') || p.altname === form.get('pair'));
    if (!pair || pair.status !== 'online') return fail('EQuery:Unknown asset pair');
    const clOrdId = form.get('cl_ord_id');
    const userref = form.get('userref');
    if (clOrdId !== null && userref !== null) return fail('EGeneral:Invalid arguments:cl_ord_id and userref are mutually exclusive');
    if (clOrdId !== null && !UUID.test(clOrdId) && !FREE_TEXT.test(clOrdId)) return fail('EGeneral:Invalid arguments:cl_ord_id');
    if (clOrdId !== null && [...clOrdIds].some(([o, id]) => id === clOrdId && o.status === 'open')) return fail('EOrder:Duplicate order');
    // The shared book keys orders by its own key: Kraken lets a cl_ord_id be used again once its order closed.
    const key = `order-${book.orders.size}`;
    const type = form.get('ordertype') === 'market' ? 'market' : 'limit';
    const placed = book.place({ clientId: key, base: CODE[pair.base]!, quote: CODE[pair.quote]!, side: form.get('type') === 'sell' ? 'sell' : 'buy', type, qty: new Decimal(form.get('volume') ?? '0'), price: form.get('price') ? new Decimal(form.get('price')!) : undefined, ioc: form.get('timeinforce') === 'IOC' });
    if (placed === 'insufficient') return fail('EOrder:Insufficient funds');
    if (placed === 'duplicate') return fail('EOrder:Duplicate order');
    if (clOrdId !== null) clOrdIds.set(placed, clOrdId);
    if (userref !== null) userrefs.set(placed, userref);
    const txid = `O${String(placed.id).padStart(5, 'Q')}-FRGI2-MQMWZD`;
    txids.set(txid, placed);
    return ok({ descr: { order: orderJson(placed).descr.order }, txid: [txid] });
  }

  const matches = (order: FakeOrder, form: URLSearchParams) =>
    (form.get('cl_ord_id') === null || clOrdIds.get(order) === form.get('cl_ord_id')) && (form.get('userref') === null || userrefs.get(order) === form.get('userref'));

  function privateRoute(path: string, form: URLSearchParams): FakeAnswer {
    if (path === '/0/private/BalanceEx') {
      return ok(Object.fromEntries(book.balances().map((b) => [ASSET_ID[b.asset] ?? b.asset, { balance: b.free.plus(b.locked).toFixed(10), hold_trade: b.locked.toFixed(10) }])));
    }
    if (path === '/0/private/AddOrder') return addOrder(form);
    if (path === '/0/private/QueryOrders') {
      const wanted = (form.get('txid') ?? '').split(',').filter(Boolean);
      if (wanted.length === 0) return fail('EGeneral:Invalid arguments:txid');
      return ok(Object.fromEntries(wanted.flatMap((txid) => { const order = txids.get(txid); return order && matches(order, form) ? [[txid, orderJson(order)]] : []; })));
    }
    if (path === '/0/private/OpenOrders') {
      return ok({ open: Object.fromEntries([...txids].filter(([, o]) => o.status === 'open' && matches(o, form)).map(([txid, o]) => [txid, orderJson(o)])) });
    }
    if (path === '/0/private/CancelOrder') {
      const byTxid = form.get('txid');
      const found = byTxid !== null ? txids.get(byTxid) : [...clOrdIds].find(([o, id]) => id === form.get('cl_ord_id') && o.status === 'open')?.[0];
      if (!found || !book.cancel(found.clientId)) return fail('EOrder:Unknown order');
      return ok({ count: 1 });
    }
    return fail(`EGeneral:Unknown method ${path}`);
  }

  function route(request: FakeRequest): FakeAnswer {
    if (control.rateLimited > 0) {
      control.rateLimited--;
      return fail('EAPI:Rate limit exceeded');
    }
    const at = `${request.method} ${request.path}`;
    if (at === 'GET /0/public/AssetPairs') return ok(Object.fromEntries(PAIRS.map((p) => [p.id, assetPair(p)])));
    if (at === 'GET /0/public/Ticker') {
      const wanted = (request.params.get('pair') ?? '').split(',');
      const found = PAIRS.filter((p) => wanted.includes(p.id) || wanted.includes(p.altname));
      if (found.length === 0) return fail('EQuery:Unknown asset pair');
      return ok(Object.fromEntries(found.map((p) => [p.id, { a: [p.ask, '1', '1.000'], b: [p.bid, '2', '2.000'], c: [p.bid, '0.00100000'], v: ['10', '20'], p: [p.bid, p.bid], t: [100, 200], l: [p.bid, p.bid], h: [p.ask, p.ask], o: p.bid }])));
    }
    if (at === 'GET /0/public/OHLC') return ok({ XXBTZUSD: candles(Number(request.params.get('since') ?? 0)), last: 0 });
    if (request.method !== 'POST' || !request.path.startsWith('/0/private/')) return fail(`EGeneral:Unknown method ${at}`);
    const form = new URLSearchParams(request.body);
    return verify(request, form) ?? privateRoute(request.path, form);
  }

  const server = await startFake(route);
  return { ...server, book, control, txids };
}

/** Daily candles from 2026-10-01 (BTC closing at 50000 + 100 a day), oldest first, times in seconds. */
function candles(since: number): (string | number)[][] {
  const first = Date.parse('2026-10-01T00:00:00Z') / 1000;
  const rows: (string | number)[][] = [];
  for (let i = 0; i < 60; i++) {
    const time = first + i * 86_400;
    const close = `${50000 + 100 * i}.0`;
    if (time >= since) rows.push([time, close, close, close, close, close, '10.00000000', 100]);
  }
  return rows;
}
