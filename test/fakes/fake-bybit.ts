// A fake Bybit v5 REST API on 127.0.0.1 speaking Bybit's JSON: every answer is
// {retCode, retMsg, result, retExtInfo, time}, HTTP 200 even for refusals. Served: spot instruments
// (/v5/market/instruments-info), tickers, daily klines, the unified account's wallet balance, and
// orders (/v5/order/create with orderLinkId, /v5/order/realtime, /v5/order/history,
// /v5/order/cancel). Private calls check X-BAPI-API-KEY, the timestamp against X-BAPI-RECV-WINDOW,
// and X-BAPI-SIGN: hex HMAC-SHA256 of timestamp + key + recv window + (query string or body).
// Refusals in Bybit's codes: 10003 key invalid, 10004 sign error (echoing the signed text, key
// included, as Bybit does), 10002 stale timestamp, 10006 rate limit, 10001 parameter error (an
// orderLinkId beyond 36 characters or outside letters, digits, - and _), 110072 duplicate
// orderLinkId, 170131 insufficient balance, 110001 order not found. Fees follow Bybit spot: a buy
// pays in the base coin, a sale in the quote (cumFeeDetail); the shared fake book charges the quote.
import { createHmac } from 'node:crypto';
import { Decimal } from '../../src/money.js';
import { createFakeBook, type FakeOrder } from './fake-book.js';
import { startFake, type FakeAnswer, type FakeRequest } from './http-fake.js';

const INSTRUMENTS = [
  { symbol: 'BTCUSDT', baseCoin: 'BTC', quoteCoin: 'USDT', status: 'Trading', lot: ['0.000001', '0.000048', '71.73956243', '1', '2000000'], tick: '0.01' },
  { symbol: 'ETHUSDT', baseCoin: 'ETH', quoteCoin: 'USDT', status: 'Trading', lot: ['0.00001', '0.00062', '1229.2336343', '1', '2000000'], tick: '0.01' },
  { symbol: 'ETHBTC', baseCoin: 'ETH', quoteCoin: 'BTC', status: 'Trading', lot: ['0.00001', '0.0001', '500', '0.000001', '100'], tick: '0.000001' },
  { symbol: 'LUNAUSDT', baseCoin: 'LUNA', quoteCoin: 'USDT', status: 'Closed', lot: ['0.01', '1', '100000', '1', '100000'], tick: '0.0001' },
].map(({ lot, tick, ...rest }) => ({
  ...rest,
  innovation: '0',
  marginTrading: rest.quoteCoin === 'USDT' ? 'utaOnly' : 'none',
  stTag: '0',
  lotSizeFilter: { basePrecision: lot[0], quotePrecision: '0.00000001', minOrderQty: lot[1], maxOrderQty: lot[2], minOrderAmt: lot[3], maxOrderAmt: lot[4] },
  priceFilter: { tickSize: tick },
  riskParameters: { priceLimitRatioX: '0.05', priceLimitRatioY: '0.05' },
}));

const BOOKS: Record<string, { bid: string; ask: string; last: string }> = {
  BTCUSDT: { bid: '60000.5', ask: '60001.5', last: '60001' },
  ETHUSDT: { bid: '2999.9', ask: '3000.1', last: '3000' },
  ETHBTC: { bid: '0.049995', ask: '0.050005', last: '0.05' },
};

const LINK_ID = /^[A-Za-z0-9_-]{1,36}$/;
const STATUS = { open: 'New', filled: 'Filled', cancelled: 'Cancelled', expired: 'Cancelled' } as const;

export async function startFakeBybit(options: { apiKey: string; secret: string; now?: () => number }) {
  const now = options.now ?? (() => 1_764_400_000_000);
  const book = createFakeBook({ BTC: { free: '0.2', locked: '0.05' }, USDT: { free: '5000', locked: '0' } }, (base, quote) => {
    const quoted = BOOKS[`${base}${quote}`]!;
    return { bid: new Decimal(quoted.bid), ask: new Decimal(quoted.ask) };
  }, now);
  const control = { rateLimited: 0 };
  const answer = (retCode: number, retMsg: string, result: unknown = {}, headers?: Record<string, string>): FakeAnswer => ({ ...(headers ? { headers } : {}), json: { retCode, retMsg, result, retExtInfo: {}, time: now() } });
  const ok = (result: unknown) => answer(0, 'OK', result);

  function verify(request: FakeRequest): FakeAnswer | undefined {
    const key = request.headers['x-bapi-api-key'];
    const stamp = String(request.headers['x-bapi-timestamp'] ?? '');
    const window = String(request.headers['x-bapi-recv-window'] ?? '5000');
    if (key !== options.apiKey) return answer(10003, 'API key is invalid.');
    if (!/^\d{13}$/.test(stamp) || Math.abs(Date.now() - Number(stamp)) > Number(window)) {
      return answer(10002, `invalid request, please check your server timestamp or recv_window param. req_timestamp[${stamp}],server_timestamp[${Date.now()}],recv_window[${window}]`);
    }
    const signed = `${stamp}${key}${window}${request.method === 'POST' ? request.body : request.query}`;
    if (request.headers['x-bapi-sign'] !== createHmac('sha256', options.secret).update(signed).digest('hex')) return answer(10004, `error sign! origin_string[${signed}]`);
    return undefined;
  }

  function orderJson(order: FakeOrder, marketUnit = '') {
    const filled = order.filled.gt(0);
    const fee = order.side === 'buy' ? { [order.base]: order.filled.times('0.001').toFixed() } : { [order.quote]: order.fee.toFixed() };
    return {
      orderId: String(1_838_000_000_000_000_000n + BigInt(order.id)), orderLinkId: order.clientId, blockTradeId: '', symbol: `${order.base}${order.quote}`,
      price: order.type === 'limit' ? order.price.toFixed() : '0', qty: order.qty.toFixed(), side: order.side === 'buy' ? 'Buy' : 'Sell', isLeverage: '0', positionIdx: 0,
      orderStatus: STATUS[order.status], cancelType: order.status === 'cancelled' ? 'CancelByUser' : 'UNKNOWN', rejectReason: 'EC_NoError',
      avgPrice: filled ? order.average.toFixed() : '0', leavesQty: order.status === 'open' ? order.qty.minus(order.filled).toFixed() : '0', leavesValue: '0',
      cumExecQty: order.filled.toFixed(), cumExecValue: order.filled.times(order.average).toFixed(), cumExecFee: filled ? Object.values(fee)[0] : '0', cumFeeDetail: filled ? fee : {},
      timeInForce: order.type === 'market' ? 'IOC' : 'GTC', orderType: order.type === 'market' ? 'Market' : 'Limit', stopOrderType: '', orderIv: '', marketUnit,
      triggerPrice: '0', takeProfit: '0', stopLoss: '0', tpslMode: '', tpLimitPrice: '0', slLimitPrice: '0', triggerDirection: 0, triggerBy: '', reduceOnly: false, closeOnTrigger: false,
      smpType: 'None', smpGroup: 0, smpOrderId: '', createdTime: String(order.time), updatedTime: String(order.time),
    };
  }

  const units = new Map<string, string>();
  const byIds = (params: URLSearchParams | Record<string, string>) => {
    const get = (name: string) => (params instanceof URLSearchParams ? params.get(name) : params[name]) ?? undefined;
    const link = get('orderLinkId');
    const id = get('orderId');
    return [...book.orders.values()].find((o) => (link !== undefined && o.clientId === link) || (id !== undefined && orderJson(o).orderId === id));
  };

  function create(body: Record<string, string>): FakeAnswer {
    const link = body['orderLinkId'] ?? '';
    if (body['category'] !== 'spot') return answer(10001, 'params error: category only supports spot here');
    if (link && !LINK_ID.test(link)) return answer(10001, 'params error: orderLinkId is invalid');
    const instrument = INSTRUMENTS.find((i) => i.symbol === body['symbol']);
    if (!instrument || instrument.status !== 'Trading') return answer(170121, 'Invalid symbol.');
    if (body['orderType'] === 'Market' && body['marketUnit'] === 'quoteCoin') return answer(10001, 'params error: the fake takes base-coin market orders only');
    const placed = book.place({
      clientId: link || `auto-${book.orders.size}`, base: instrument.baseCoin, quote: instrument.quoteCoin, side: body['side'] === 'Buy' ? 'buy' : 'sell',
      type: body['orderType'] === 'Market' ? 'market' : 'limit', qty: new Decimal(body['qty'] ?? '0'), price: body['price'] ? new Decimal(body['price']) : undefined, ioc: body['timeInForce'] === 'IOC',
    });
    if (placed === 'duplicate') return answer(110072, 'OrderLinkedID is duplicate');
    if (placed === 'insufficient') return answer(170131, 'Insufficient balance.');
    units.set(placed.clientId, body['marketUnit'] ?? '');
    const json = orderJson(placed);
    return ok({ orderId: json.orderId, orderLinkId: json.orderLinkId });
  }

  function privateRoute(at: string, request: FakeRequest): FakeAnswer {
    const json = (order: FakeOrder) => orderJson(order, units.get(order.clientId));
    if (at === 'GET /v5/account/wallet-balance') {
      if (request.params.get('accountType') !== 'UNIFIED') return answer(10001, 'accountType only support UNIFIED.');
      const coins = book.balances().map((b) => {
        const total = b.free.plus(b.locked).toFixed();
        return { coin: b.asset, equity: total, usdValue: '0', walletBalance: total, locked: b.locked.toFixed(), availableToWithdraw: '', availableToBorrow: '', borrowAmount: '0', accruedInterest: '0', totalOrderIM: '0', totalPositionIM: '0', totalPositionMM: '0', unrealisedPnl: '0', cumRealisedPnl: '0', bonus: '0', collateralSwitch: true, marginCollateral: true, spotHedgingQty: '0' };
      });
      return ok({ list: [{ accountType: 'UNIFIED', totalEquity: '0', totalWalletBalance: '0', totalMarginBalance: '0', totalAvailableBalance: '0', totalPerpUPL: '0', totalInitialMargin: '0', totalMaintenanceMargin: '0', accountIMRate: '0', accountMMRate: '0', accountLTV: '0', coin: coins }] });
    }
    if (at === 'POST /v5/order/create') return create(JSON.parse(request.body) as Record<string, string>);
    if (at === 'GET /v5/order/realtime') {
      // Asked by id, any status among the recent orders; otherwise the open ones only.
      const one = byIds(request.params);
      const named = request.params.has('orderId') || request.params.has('orderLinkId');
      const list = named ? (one ? [one] : []) : [...book.orders.values()].filter((o) => o.status === 'open');
      return ok({ category: 'spot', nextPageCursor: '', list: list.map(json) });
    }
    if (at === 'GET /v5/order/history') {
      const named = request.params.has('orderId') || request.params.has('orderLinkId');
      const one = byIds(request.params);
      const list = named ? (one && one.status !== 'open' ? [one] : []) : [...book.orders.values()].filter((o) => o.status !== 'open');
      return ok({ category: 'spot', nextPageCursor: '', list: list.map(json) });
    }
    if (at === 'POST /v5/order/cancel') {
      const body = JSON.parse(request.body) as Record<string, string>;
      const order = byIds(body);
      if (!order || !book.cancel(order.clientId)) return answer(110001, 'Order does not exist.');
      return ok({ orderId: json(order).orderId, orderLinkId: order.clientId });
    }
    return answer(10001, `fake bybit: no route ${at}`);
  }

  function route(request: FakeRequest): FakeAnswer {
    if (control.rateLimited > 0) {
      control.rateLimited--;
      return answer(10006, 'Too many visits. Exceeded the API Rate Limit.', {}, { 'X-Bapi-Limit': '20', 'X-Bapi-Limit-Status': '0', 'X-Bapi-Limit-Reset-Timestamp': String(now() + 2000) });
    }
    const at = `${request.method} ${request.path}`;
    if (at === 'GET /v5/market/instruments-info') {
      return request.params.get('category') === 'spot' ? ok({ category: 'spot', list: INSTRUMENTS, nextPageCursor: '' }) : answer(10001, 'params error: the fake serves spot only');
    }
    if (at === 'GET /v5/market/tickers') {
      const wanted = request.params.get('symbol');
      const list = Object.entries(BOOKS).filter(([symbol]) => !wanted || symbol === wanted).map(([symbol, q]) => ({ symbol, bid1Price: q.bid, bid1Size: '1.5', ask1Price: q.ask, ask1Size: '0.8', lastPrice: q.last, prevPrice24h: q.last, price24hPcnt: '0', highPrice24h: q.ask, lowPrice24h: q.bid, turnover24h: '1000000', volume24h: '20', usdIndexPrice: '' }));
      return ok({ category: 'spot', list });
    }
    if (at === 'GET /v5/market/kline') return ok({ symbol: request.params.get('symbol'), category: 'spot', list: klines(request.params) });
    return verify(request) ?? privateRoute(at, request);
  }

  const server = await startFake(route);
  return { ...server, book, control };
}

/** Daily candles from 2026-10-01 (BTC closing at 50000 + 100 a day), newest first as Bybit sends them. */
function klines(params: URLSearchParams): string[][] {
  const day = 86_400_000;
  const first = Date.parse('2026-10-01T00:00:00Z');
  const start = Number(params.get('start') ?? first);
  const limit = Number(params.get('limit') ?? 200);
  const rows: string[][] = [];
  for (let i = 0; i < 60; i++) {
    const time = first + i * day;
    const close = String(50000 + 100 * i);
    if (time >= start && rows.length < limit) rows.push([String(time), close, close, close, close, '10', String(10 * Number(close))]);
  }
  return rows.reverse();
}
