// A fake Coinbase Advanced Trade REST API (/api/v3/brokerage) on 127.0.0.1 with the payloads
// ccxt's coinbase class reads (fixtures/ccxt/coinbase): public market/products (spot; the futures
// lists empty), market candles and ticker; signed transaction_summary (the fee tier), accounts,
// best_bid_ask, orders (create), orders/historical/{id} and /batch, orders/batch_cancel. Requests
// are checked as Coinbase does (coinbase-auth.ts). Coinbase's own answers: a failed order is HTTP
// 200 with success false and error_response (INSUFFICIENT_FUND); a reused client_order_id creates
// nothing and returns the order that has it (Coinbase's documented behaviour, not an error); an
// unknown order is 404 NOT_FOUND; a rate limit is 429 with {"errors":[{"id":"rate_limit_exceeded"}]}.
import { readFileSync } from 'node:fs';
import { Decimal } from '../../src/money.js';
import { createCoinbaseAuth } from './coinbase-auth.js';
import { createFakeBook, type FakeOrder } from './fake-book.js';
import { startFake, type FakeAnswer, type FakeRequest } from './http-fake.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/ccxt/coinbase/${name}`, import.meta.url), 'utf8'));
const DAY = 86_400;

type Config = Record<string, Record<string, string | boolean>>;
interface Pricebook { product_id: string; bids: { price: string }[]; asks: { price: string }[]; time: string }

export async function startFakeCoinbase(options: { apiKey: string; secret: string; now?: () => number }) {
  const now = options.now ?? (() => Date.parse('2026-11-29T12:00:00Z'));
  const auth = createCoinbaseAuth(options);
  const products: Array<Record<string, unknown>> = fixture('products.json').products;
  const books: Pricebook[] = fixture('books.json').pricebooks;
  const accounts: Array<Record<string, unknown> & { currency: string; hold: { value: string } }> = fixture('accounts.json').accounts;
  const bookOf = (id: string) => books.find((b) => b.product_id === id)!;
  const book = createFakeBook(
    Object.fromEntries(accounts.map((a) => [a.currency, { free: (a['available_balance'] as { value: string }).value, locked: a.hold.value }])),
    (base, quote) => ({ bid: new Decimal(bookOf(`${base}-${quote}`).bids[0]!.price), ask: new Decimal(bookOf(`${base}-${quote}`).asks[0]!.price) }),
    now,
  );
  const configs = new Map<FakeOrder, Config>();
  const uuidOf = (order: FakeOrder) => `5f1d2c3b-0000-4000-8000-${String(order.id).padStart(12, '0')}`;
  const control = { rateLimited: 0 };
  const ok = (json: unknown): FakeAnswer => ({ json });

  function orderJson(order: FakeOrder) {
    const status = { open: 'OPEN', filled: 'FILLED', cancelled: 'CANCELLED', expired: 'CANCELLED' }[order.status];
    const value = order.filled.times(order.average);
    return {
      order_id: uuidOf(order), product_id: `${order.base}-${order.quote}`, user_id: '3a2b1c0d-1111-4222-8333-444455556666', order_configuration: configs.get(order),
      side: order.side.toUpperCase(), client_order_id: order.clientId, status, time_in_force: order.type === 'market' ? 'IMMEDIATE_OR_CANCEL' : 'GOOD_UNTIL_CANCELLED',
      created_time: new Date(order.time).toISOString(), completion_percentage: order.filled.div(order.qty).times(100).toFixed(), filled_size: order.filled.toFixed(),
      average_filled_price: order.average.toFixed(), fee: '', number_of_fills: order.filled.gt(0) ? '1' : '0', filled_value: value.toFixed(), pending_cancel: false,
      size_in_quote: false, total_fees: order.fee.toFixed(), size_inclusive_of_fees: false, total_value_after_fees: (order.side === 'buy' ? value.plus(order.fee) : value.minus(order.fee)).toFixed(),
      trigger_status: 'INVALID_ORDER_TYPE', order_type: order.type.toUpperCase(), reject_reason: 'REJECT_REASON_UNSPECIFIED', settled: order.status !== 'open', product_type: 'SPOT',
      reject_message: '', cancel_message: '', order_placement_source: 'RETAIL_ADVANCED', outstanding_hold_amount: '0', is_liquidation: false,
      last_fill_time: order.filled.gt(0) ? new Date(order.time).toISOString() : null, leverage: '', margin_type: 'UNKNOWN_MARGIN_TYPE', retail_portfolio_id: '7ab7bc4d-3b4f-5ab3-9a6d-f1e3a1e1e1e1',
    };
  }

  function createOrder(body: { client_order_id?: string; product_id?: string; side?: string; order_configuration?: Config }): FakeAnswer {
    const config = body.order_configuration ?? {};
    const [kind = '', terms = {}] = Object.entries(config)[0] ?? [];
    const refused = (error: string, message: string, preview: string) => ok({ success: false, error_response: { error, message, error_details: '', preview_failure_reason: preview, new_order_failure_reason: error }, order_configuration: config });
    const product = products.find((p) => p['product_id'] === body.product_id);
    if (!product || product['trading_disabled'] === true) return refused('INVALID_PRODUCT_ID', 'Invalid product_id', 'PREVIEW_INVALID_PRODUCT_ID');
    const existing = book.orders.get(body.client_order_id ?? '');
    const placed = existing ?? book.place({
      clientId: body.client_order_id ?? '', base: String(product['base_currency_id']), quote: String(product['quote_currency_id']), side: body.side === 'SELL' ? 'sell' : 'buy',
      type: kind.startsWith('market') ? 'market' : 'limit', qty: new Decimal(String(terms['base_size'] ?? '0')),
      price: terms['limit_price'] ? new Decimal(String(terms['limit_price'])) : undefined, ioc: kind === 'sor_limit_ioc',
    });
    if (placed === 'insufficient') return refused('INSUFFICIENT_FUND', 'Insufficient balance in source account', 'PREVIEW_INSUFFICIENT_FUND');
    if (placed === 'duplicate') throw new Error('unreachable: an existing client_order_id is answered above');
    if (!existing) configs.set(placed, config);
    const answer = { order_id: uuidOf(placed), product_id: `${placed.base}-${placed.quote}`, side: placed.side.toUpperCase(), client_order_id: placed.clientId };
    return ok({ success: true, success_response: answer, order_configuration: configs.get(placed) });
  }

  const notFound: FakeAnswer = { status: 404, json: { error: 'NOT_FOUND', error_details: 'order with this orderID was not found', message: 'order with this orderID was not found' } };
  const byUuid = (id: string) => [...book.orders.values()].find((o) => uuidOf(o) === id);

  function privateRoute(request: FakeRequest): FakeAnswer {
    const at = `${request.method} ${request.path}`;
    const prefix = '/api/v3/brokerage/';
    if (at === `GET ${prefix}transaction_summary`) return ok(fixture('transaction-summary.json'));
    if (at === `GET ${prefix}accounts`) {
      const rows = book.balances().map((b) => {
        const account = accounts.find((a) => a.currency === b.asset) ?? { ...accounts[0]!, uuid: `acct-${b.asset}`, name: `${b.asset} Wallet`, currency: b.asset };
        return { ...account, available_balance: { value: b.free.toFixed(), currency: b.asset }, hold: { value: b.locked.toFixed(), currency: b.asset } };
      });
      return ok({ accounts: rows, has_next: false, cursor: '', size: rows.length });
    }
    if (at === `GET ${prefix}best_bid_ask`) {
      const wanted = request.params.getAll('product_ids');
      return ok({ pricebooks: books.filter((b) => wanted.length === 0 || wanted.includes(b.product_id)) });
    }
    if (at === `POST ${prefix}orders`) return createOrder(JSON.parse(request.body));
    if (at === `GET ${prefix}orders/historical/batch`) {
      const statuses = request.params.getAll('order_status');
      const product = request.params.get('product_id');
      const orders = [...book.orders.values()].map(orderJson).filter((o) => (statuses.length === 0 || statuses.includes(o.status)) && (!product || o.product_id === product));
      return ok({ orders, sequence: '0', has_next: false, cursor: '' });
    }
    if (request.method === 'GET' && request.path.startsWith(`${prefix}orders/historical/`)) {
      const order = byUuid(decodeURIComponent(request.path.slice(`${prefix}orders/historical/`.length)));
      return order ? ok({ order: orderJson(order) }) : notFound;
    }
    if (at === `POST ${prefix}orders/batch_cancel`) {
      const ids: string[] = JSON.parse(request.body).order_ids ?? [];
      const results = ids.map((id) => {
        const order = byUuid(id);
        const cancelled = order ? book.cancel(order.clientId) : undefined;
        return cancelled ? { success: true, failure_reason: 'UNKNOWN_CANCEL_FAILURE_REASON', order_id: id } : { success: false, failure_reason: order ? 'INVALID_CANCEL_REQUEST' : 'UNKNOWN_CANCEL_ORDER', order_id: id };
      });
      return ok({ results });
    }
    return { status: 404, json: { error: 'NOT_FOUND', error_details: `fake coinbase serves Advanced Trade only: no route ${at}`, message: 'Not Found' } };
  }

  function route(request: FakeRequest): FakeAnswer {
    if (control.rateLimited > 0) {
      control.rateLimited--;
      return { status: 429, json: { errors: [{ id: 'rate_limit_exceeded', message: 'Too many requests' }] } };
    }
    const at = `${request.method} ${request.path}`;
    if (at === 'GET /api/v3/brokerage/market/products') {
      if (request.params.get('product_type') === 'FUTURE') return ok({ products: [], num_products: 0 });
      const wanted = request.params.getAll('product_ids');
      const listed = products.filter((p) => wanted.length === 0 || wanted.includes(String(p['product_id'])));
      return ok({ products: listed, num_products: listed.length });
    }
    const market = /^GET \/api\/v3\/brokerage\/market\/products\/([A-Z]+-[A-Z]+)\/(candles|ticker)$/.exec(at);
    if (market) return market[2] === 'ticker' ? ticker(market[1]!) : ok({ candles: candles(Number(request.params.get('start')), Number(request.params.get('end'))) });
    return auth.refuse(request) ?? privateRoute(request);
  }

  function ticker(productId: string): FakeAnswer {
    const pricebook = bookOf(productId);
    const price = products.find((p) => p['product_id'] === productId)?.['price'];
    return ok({ trades: [{ trade_id: '518078013', product_id: productId, price, size: '0.00659179', time: pricebook.time, side: 'BUY', bid: '', ask: '' }], best_bid: pricebook.bids[0]!.price, best_ask: pricebook.asks[0]!.price });
  }

  const server = await startFake(route);
  return { ...server, book, control, orderId: (clientOrderId: string) => uuidOf(book.orders.get(clientOrderId)!) };
}

/** BTC-USD daily candles from 2026-10-01 (closing at 50000 + 100 a day) within [start, end], newest first as Coinbase sends them. */
function candles(start: number, end: number) {
  const first = Date.parse('2026-10-01T00:00:00Z') / 1000;
  const rows = [];
  for (let i = 0; i < 60; i++) {
    const time = first + i * DAY;
    const close = String(50000 + 100 * i);
    if (time >= start && time <= end) rows.push({ start: String(time), low: close, high: close, open: close, close, volume: '10.5' });
  }
  return rows.reverse();
}
