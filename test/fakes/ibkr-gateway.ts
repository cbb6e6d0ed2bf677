// A fake Client Portal Web API gateway on 127.0.0.1 (paths under /v1/api) with its quirks: portfolio
// calls refused until /portfolio/accounts was asked, order calls until /iserver/accounts was asked,
// a snapshot's first answer for a conid carrying no fields, orders answered with a question to
// confirm through /iserver/reply, `{error}` bodies (a reused cOID: "Local order ID=... is already
// registered"), a what-if preview that refuses orders beyond the buying power. Executions are served
// by /iserver/account/trades in its real shape (commission a string, size a number, order_ref the
// cOID); `fill` executes part of a resting order, optionally held back from the trades list (lag).
// A market order, or a limit through the quote (a buy at or above the ask), fills at once; the
// account's positions and ledger cash follow every execution, but positions are answered from a
// cache, as the real gateway's portfolio service does, until /positions/invalidate is posted; `control.hangAfterAccept` takes an
// order and never answers. `tls: true` serves it as the real
// gateway does, over https://localhost with a self-signed certificate (ibkr-self-signed.ts).
import { connect, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { Decimal } from '../../src/money.js';
import { startFake, type FakeAnswer, type FakeRequest, type FakeServer } from './http-fake.js';
import { LOCALHOST_CERT, LOCALHOST_KEY } from './ibkr-self-signed.js';

export const ACCOUNT = 'U7654321';
/** `fill`: the price a marketable order executes at. */
const CONIDS: Record<string, { conid: string; last: string; bid: string; ask: string; fill: string }> = {
  SPY: { conid: '756733', last: '600.05', bid: '599.98', ask: '600.02', fill: '600.02' },
  QQQ: { conid: '320227571', last: 'C500.10', bid: '', ask: '', fill: '500.10' },
  AAPL: { conid: '265598', last: '230.00', bid: '229.95', ask: '230.05', fill: '230.05' },
};
const HELD = { SPY: 12 };
const CASH = '2500.75';

interface Order {
  orderId: number;
  conid: number;
  ticker: string;
  status: string;
  side: string;
  totalSize: number;
  filledQuantity: number;
  avgPrice?: string;
  order_ref: string;
  cashCcy: string;
  lastExecutionTime_r?: number;
}

/** One row of /iserver/account/trades, as the gateway writes it. */
export interface Trade {
  execution_id: string;
  symbol: string;
  supports_tax_opt: string;
  side: 'B' | 'S';
  order_description: string;
  trade_time: string;
  trade_time_r: number;
  size: number;
  price: string;
  order_ref: string;
  submitter: string;
  exchange: string;
  commission: string | number;
  net_amount: number;
  account: string;
  accountCode: string;
  company_name: string;
  contract_description_1: string;
  sec_type: string;
  listing_exchange: string;
  conid: string;
  conidEx: string;
  clearing_id: string;
  clearing_name: string;
  liquidation_trade: string;
}

export interface Fill {
  size: number;
  price: string;
  /** As IBKR sends it: a string ("1.01"), or a number; '' while the commission is not reported. */
  commission: string | number;
  /** false: executed, but not in the trades list yet. */
  listed?: boolean;
}

/** A marketable order: a market order, an immediate-or-cancel one, or a limit through the quote. */
function marketable(order: Record<string, unknown>, quote: { bid: string; ask: string } | undefined): boolean {
  if (order['orderType'] === 'MKT' || order['tif'] === 'IOC') return true;
  const price = Number(order['price']);
  if (!quote?.ask || !quote.bid || !Number.isFinite(price)) return false;
  return order['side'] === 'BUY' ? price >= Number(quote.ask) : price <= Number(quote.bid);
}

/** A TLS front for the fake on https://localhost:PORT with the self-signed certificate. */
async function tlsFront(plain: FakeServer): Promise<FakeServer> {
  const { port } = new URL(plain.url);
  const sockets = new Set<Socket>();
  const server = createTlsServer({ key: LOCALHOST_KEY, cert: LOCALHOST_CERT }, (socket) => {
    const upstream = connect(Number(port), '127.0.0.1');
    for (const s of [socket, upstream]) {
      sockets.add(s);
      s.on('error', () => (socket.destroy(), upstream.destroy()));
      s.on('close', () => sockets.delete(s));
    }
    socket.pipe(upstream).pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://localhost:${(server.address() as AddressInfo).port}`,
    requests: plain.requests,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await plain.close();
    },
  };
}

export async function startFakeIbkrGateway(options: { accounts?: string[]; updated?: number; tls?: boolean } = {}) {
  const updated = options.updated ?? Date.parse('2026-11-29T11:59:00Z');
  const accounts = options.accounts ?? [ACCOUNT];
  const control = { authenticated: true, rateLimited: 0, failing: 0, questions: 1, hangAfterAccept: 0 };
  const seen = { portfolioAccounts: false, iserverAccounts: false, subscribed: new Set<string>() };
  const orders: Order[] = [];
  const trades: Trade[] = [];
  const held: Trade[] = [];
  const pending = new Map<string, { body: Record<string, unknown>; left: number }>();
  let nextReply = 1;
  const err = (status: number, error: string): FakeAnswer => ({ status, json: { error, statusCode: status } });

  function submit(order: Record<string, unknown>): FakeAnswer {
    const cOID = String(order['cOID']);
    if (orders.some((o) => o.order_ref === cOID)) return err(400, `Order couldn't be submitted: Local order ID=${cOID} is already registered.`);
    const ticker = Object.keys(CONIDS).find((t) => CONIDS[t]!.conid === String(order['conid'])) ?? '?';
    const market = marketable(order, CONIDS[ticker]);
    const price = CONIDS[ticker]?.fill ?? '600.02';
    const entry: Order = { orderId: 1_900_000_000 + orders.length, conid: Number(order['conid']), ticker, side: String(order['side']), totalSize: Number(order['quantity']), order_ref: cOID, cashCcy: 'USD', status: 'Submitted', filledQuantity: 0 };
    orders.push(entry);
    // A marketable order fills at once, in two executions whose commissions come as a string and a number.
    if (market && entry.totalSize > 1) execute(entry, { size: entry.totalSize - 1, price, commission: '1.01' });
    if (market) execute(entry, { size: 1, price, commission: 0.35 });
    // Taken (and filled), but the caller never hears of it.
    if (control.hangAfterAccept > 0) return control.hangAfterAccept--, { hang: true, json: null };
    return { json: [{ order_id: String(entry.orderId), order_status: entry.status, encrypt_message: '1' }] };
  }

  function execute(order: Order, fill: Fill): void {
    const before = order.filledQuantity;
    order.filledQuantity = before + fill.size;
    order.avgPrice = String((Number(order.avgPrice ?? 0) * before + Number(fill.price) * fill.size) / order.filledQuantity);
    order.status = order.filledQuantity >= order.totalSize ? 'Filled' : 'Submitted';
    const at = updated + 1000 * (trades.length + held.length + 1);
    order.lastExecutionTime_r = at;
    const side = order.side === 'BUY' ? 'B' : 'S';
    const trade: Trade = {
      execution_id: `0000e0d5.6${(trades.length + held.length).toString(16).padStart(7, '0')}.01.01`, symbol: order.ticker, supports_tax_opt: '1', side,
      order_description: `${side === 'B' ? 'Bot' : 'Sold'} ${fill.size} @ ${fill.price} on ARCA`, trade_time: new Date(at).toISOString().replace(/-/g, '').replace('T', '-').slice(0, 17), trade_time_r: at,
      size: fill.size, price: fill.price, order_ref: order.order_ref, submitter: 'kituser1', exchange: 'ARCA', commission: fill.commission, net_amount: fill.size * Number(fill.price),
      account: ACCOUNT, accountCode: ACCOUNT, company_name: order.ticker, contract_description_1: order.ticker, sec_type: 'STK', listing_exchange: 'ARCA', conid: String(order.conid), conidEx: String(order.conid), clearing_id: 'IB', clearing_name: 'IB', liquidation_trade: '0',
    };
    (fill.listed === false ? held : trades).push(trade);
  }

  /** Executes part of the order with this cOID (the market moved through its limit). */
  function fill(cOID: string, fill: Fill): void {
    const order = orders.find((o) => o.order_ref === cOID);
    if (!order) throw new Error(`fake gateway: no order ${cOID}`);
    execute(order, fill);
  }

  /** The held-back executions reach the trades list; a late commission can be given for them. */
  function publish(commission?: string | number): void {
    for (const trade of held.splice(0)) trades.push(commission === undefined ? trade : { ...trade, commission });
  }

  const executions = () => [...trades, ...held];
  let cachedPositions: ReturnType<typeof positionRows> | undefined;
  /** Held shares per ticker: the opening position and every execution since. */
  function positionRows() {
    const shares = new Map<string, Decimal>(Object.entries(HELD).map(([t, n]) => [t, new Decimal(n)]));
    for (const t of executions()) shares.set(t.symbol, (shares.get(t.symbol) ?? new Decimal(0)).plus(t.side === 'B' ? t.size : -t.size));
    return [...shares].filter(([, n]) => !n.isZero()).map(([ticker, n]) => {
      const quote = CONIDS[ticker]!;
      return { acctId: ACCOUNT, conid: Number(quote.conid), contractDesc: ticker, ticker, position: n.toNumber(), mktPrice: Number(quote.fill), mktValue: n.times(quote.fill).toNumber(), currency: 'USD', avgCost: 540.1, assetClass: 'STK' };
    });
  }
  /** The opening cash less what every execution cost (or plus what it brought) and its commission. */
  function cashBalance(): Decimal {
    let cash = new Decimal(CASH);
    for (const t of executions()) cash = cash.minus(new Decimal(t.price).times(t.size).times(t.side === 'B' ? 1 : -1)).minus(t.commission === '' ? 0 : String(t.commission));
    return cash;
  }

  function ask(order: Record<string, unknown>, left: number): FakeAnswer {
    if (left <= 0) return submit(order);
    const id = `a${nextReply++}b-reply`;
    pending.set(id, { body: order, left: left - 1 });
    return { json: [{ id, message: ['You are submitting an order without market data. We strongly recommend against this as it may result in erroneous and unexpected trades.\nAre you sure you want to submit this order?'], isSuppressed: false, messageIds: ['o354'] }] };
  }

  function route(request: FakeRequest): FakeAnswer {
    const path = request.path.replace(/^\/v1\/api/, '');
    if (!request.path.startsWith('/v1/api/')) return err(404, 'not found');
    if (control.rateLimited > 0) return control.rateLimited--, { status: 429, headers: { 'retry-after': '1' }, json: { error: 'Too many requests' } };
    if (control.failing > 0) return control.failing--, err(503, 'Service Unavailable');
    if (path === '/tickle') return { json: { session: 'f3a1', ssoExpires: 540000, collission: false, userId: 1, iserver: { authStatus: { authenticated: control.authenticated, competing: false, connected: true } } } };
    if (!control.authenticated) return err(401, 'not authenticated');
    if (path === '/portfolio/accounts') return (seen.portfolioAccounts = true), { json: accounts.map((id) => ({ id, accountId: id, currency: 'USD', type: 'INDIVIDUAL', desc: id })) };
    if (path.startsWith('/portfolio/') && !seen.portfolioAccounts) return err(400, 'Please query /portfolio/accounts first');
    if (path === '/iserver/accounts') return (seen.iserverAccounts = true), { json: { accounts, selectedAccount: accounts[0] } };
    if (path === `/portfolio/${ACCOUNT}/positions/invalidate` && request.method === 'POST') return (cachedPositions = undefined), { json: { message: 'success' } };
    if (path === `/portfolio/${ACCOUNT}/positions/0`) return { json: (cachedPositions ??= positionRows()) };
    if (path === `/portfolio/${ACCOUNT}/ledger`) {
      const cash = Number(cashBalance().toFixed());
      return { json: { USD: { cashbalance: cash, currency: 'USD', settledcash: cash }, EUR: { cashbalance: 0, currency: 'EUR' }, BASE: { cashbalance: cash, currency: 'BASE' } } };
    }
    if (path === '/iserver/secdef/search') {
      const found = CONIDS[request.params.get('symbol') ?? ''];
      return { json: found ? [{ conid: found.conid, companyHeader: 'ETF - ARCA', symbol: request.params.get('symbol'), sections: [{ secType: 'STK' }, { secType: 'OPT', months: 'DEC26' }] }] : [] };
    }
    if (path === '/iserver/marketdata/snapshot') {
      return {
        json: (request.params.get('conids') ?? '').split(',').map((conid) => {
          const first = !seen.subscribed.has(conid);
          seen.subscribed.add(conid);
          const quote = Object.values(CONIDS).find((c) => c.conid === conid);
          return first || !quote ? { conid: Number(conid), conidEx: conid } : { conid: Number(conid), conidEx: conid, _updated: updated, '31': quote.last, '84': quote.bid, '86': quote.ask };
        }),
      };
    }
    if (path.startsWith('/iserver/') && !seen.iserverAccounts) return err(400, 'Please query /accounts first');
    const body = request.body ? (JSON.parse(request.body) as Record<string, unknown>) : {};
    const order = ((body['orders'] as Array<Record<string, unknown>> | undefined) ?? [])[0] ?? {};
    if (path === `/iserver/account/${ACCOUNT}/orders/whatif`) {
      const ticker = Object.keys(CONIDS).find((t) => CONIDS[t]!.conid === String(order['conid']));
      const cost = Number(order['quantity']) * Number(ticker === 'AAPL' ? CONIDS['AAPL']!.fill : 600);
      return { json: { amount: { amount: `${cost} USD`, commission: '1 USD', total: `${cost + 1} USD` }, equity: {}, initial: {}, maintenance: {}, warn: null, error: cost > Number(cashBalance()) && order['side'] === 'BUY' ? 'YOUR ORDER IS NOT ACCEPTED. IN ORDER TO OBTAIN THE DESIRED POSITION YOUR EQUITY WITH LOAN VALUE MUST EXCEED THE INITIAL MARGIN' : null } };
    }
    if (path === `/iserver/account/${ACCOUNT}/orders`) return ask(order, control.questions);
    const reply = /^\/iserver\/reply\/(.+)$/.exec(path)?.[1];
    if (reply) {
      const asked = pending.get(reply);
      if (!asked || body['confirmed'] !== true) return err(400, 'reply id not found or not confirmed');
      pending.delete(reply);
      return ask(asked.body, asked.left);
    }
    if (path === '/iserver/account/orders') return { json: { orders, snapshot: true } };
    if (path === '/iserver/account/trades') {
      const days = Number(request.params.get('days') ?? '1');
      return days >= 1 && days <= 7 ? { json: trades } : err(400, 'days must be between 1 and 7');
    }
    const cancel = new RegExp(`^/iserver/account/${ACCOUNT}/order/(\\d+)$`).exec(path)?.[1];
    if (cancel && request.method === 'DELETE') {
      const found = orders.find((o) => String(o.orderId) === cancel);
      if (!found) return err(400, `OrderID ${cancel} doesn't exist`);
      found.status = 'Cancelled';
      return { json: { msg: 'Request was submitted', order_id: found.orderId, conid: found.conid, account: ACCOUNT } };
    }
    return err(404, `fake gateway: no route ${request.method} ${path}`);
  }

  const plain = await startFake(route);
  const server = options.tls ? await tlsFront(plain) : plain;
  return { ...server, control, orders, pending, trades, fill, publish };
}
