// `kit rebalance execute` end to end on each ccxt exchange with a fake server (Kraken has its own
// file): the built bin, the real ccxt class pointed at the fake with base_url. Targets make one
// sale of BTC and one purchase of ETH; each order must reach the wire with our client order id in
// the exchange's own parameter and form, fill, and be booked: the run's history lists the fills and
// the ledger holds a lot named after the purchase's client order id.
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { CLIENT_ID_RULES } from '../src/execution-planner/orders/client-order-id.js';
import type { FakeRequest, FakeServer } from './fakes/http-fake.js';
import { startFakeBinance } from './fakes/fake-binance.js';
import { startFakeBybit } from './fakes/fake-bybit.js';
import { startFakeCoinbase } from './fakes/fake-coinbase.js';
import { startFakeOkx } from './fakes/fake-okx.js';
import { runKit, tempDir, writeConfig } from './helpers/run-kit.js';

const NOW = () => Date.parse('2026-11-23T14:00:00Z');
const COINBASE_KEY = 'organizations/6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/apiKeys/0d9c8b7a-6f5e-4d3c-9b2a-1f0e9d8c7b6a';
const COINBASE_SECRET = generateKeyPairSync('ec', { namedCurve: 'prime256v1', privateKeyEncoding: { type: 'sec1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;

interface Case {
  exchange: 'binance' | 'okx' | 'bybit' | 'coinbase';
  start(): Promise<FakeServer>;
  /** The credentials block's values, by env variable. */
  env: Record<string, string>;
  credentials: string;
  cash: string;
  /** Config lines for the quote's value where it is not the reporting currency. */
  prices: string;
  /** The client order ids the exchange received, read from its own parameter. */
  placed(requests: FakeRequest[]): string[];
}

const bodies = (requests: FakeRequest[], path: RegExp) => requests.filter((r) => r.method === 'POST' && path.test(r.path)).flatMap((r) => [JSON.parse(r.body)].flat() as Record<string, string>[]);

const CASES: Case[] = [
  {
    exchange: 'binance',
    start: () => startFakeBinance({ apiKey: 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A', secret: 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j', now: NOW }),
    env: { BINANCE_API_KEY: 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A', BINANCE_SECRET: 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j' },
    credentials: '{api_key: "${BINANCE_API_KEY}", secret: "${BINANCE_SECRET}"}',
    cash: 'USDT',
    prices: 'prices: {USDT: "1"}',
    placed: (requests) => requests.filter((r) => r.method === 'POST' && r.path === '/api/v3/order').map((r) => new URLSearchParams(`${r.query}&${r.body}`).get('newClientOrderId') ?? ''),
  },
  {
    exchange: 'okx',
    start: () => startFakeOkx({ apiKey: '3f1c8a52-6d1e-4f0b-9a7c-2b5e8d4c1a90', secret: 'C0FFEE5EC12E7DEADBEEF0123456789A', passphrase: 'Correct-Horse-Battery-9', now: NOW }),
    env: { OKX_API_KEY: '3f1c8a52-6d1e-4f0b-9a7c-2b5e8d4c1a90', OKX_SECRET: 'C0FFEE5EC12E7DEADBEEF0123456789A', OKX_PASSPHRASE: 'Correct-Horse-Battery-9' },
    credentials: '{api_key: "${OKX_API_KEY}", secret: "${OKX_SECRET}", password: "${OKX_PASSPHRASE}"}',
    cash: 'USDT',
    prices: 'prices: {USDT: "1"}',
    placed: (requests) => bodies(requests, /^\/api\/v5\/trade\/(order|batch-orders)$/).map((o) => o['clOrdId'] ?? ''),
  },
  {
    exchange: 'bybit',
    start: () => startFakeBybit({ apiKey: 'XbYbItApIkEy01234567', secret: 'bYbItSeCrEtFoRtHeFaKeSeRvEr0123456789', now: NOW }),
    env: { BYBIT_API_KEY: 'XbYbItApIkEy01234567', BYBIT_SECRET: 'bYbItSeCrEtFoRtHeFaKeSeRvEr0123456789' },
    credentials: '{api_key: "${BYBIT_API_KEY}", secret: "${BYBIT_SECRET}"}',
    cash: 'USDT',
    prices: 'prices: {USDT: "1"}',
    placed: (requests) => bodies(requests, /^\/v5\/order\/create$/).map((o) => o['orderLinkId'] ?? ''),
  },
  {
    exchange: 'coinbase',
    start: () => startFakeCoinbase({ apiKey: COINBASE_KEY, secret: COINBASE_SECRET, now: NOW }),
    env: { COINBASE_API_KEY: COINBASE_KEY, COINBASE_SECRET },
    credentials: '{api_key: "${COINBASE_API_KEY}", secret: "${COINBASE_SECRET}"}',
    cash: 'USD',
    prices: '',
    placed: (requests) => bodies(requests, /^\/api\/v3\/brokerage\/orders$/).map((o) => o['client_order_id'] ?? ''),
  },
];

const servers: FakeServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

interface ExecuteResult {
  run_id: string;
  orders: { client_order_id: string; venue: string; market: string; side: string; status: string; filled: string }[];
}

describe.each(CASES)('kit rebalance execute on a ccxt $exchange venue', (venue) => {
  it('sells BTC and buys ETH with client ids in the exchange parameter and form; both fill and are booked', async () => {
    const fake = await venue.start();
    servers.push(fake);
    const config = writeConfig(`portfolio_rebalancer:
  targets: {BTC: 40%, ETH: 20%, ${venue.cash}: 40%}
  cash_assets: [${venue.cash}]
  ${venue.prices}
  min_trade_value: "10"
  execution: {max_turnover_per_run: 100%, use_limit_orders: false}
  venues:
    ${venue.exchange}:
      kind: cex
      adapter: ccxt
      exchange: ${venue.exchange}
      base_url: ${fake.url}
      credentials: ${venue.credentials}
`);
    const env = { ...venue.env, KIT_HOME: tempDir('kit-home-') };
    const kit = (...args: string[]) => runKit(['--config', config, ...args], { env });

    const run = await kit('rebalance', 'execute', '--yes', '--json');
    if (run.code !== 0) console.log(run.stdout, run.stderr);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as ExecuteResult;
    const sides = [...new Set(result.orders.map((o) => `${o.venue} ${o.side} ${o.market} ${o.status}`))].sort();
    expect(sides).toEqual([`${venue.exchange} buy ETH/${venue.cash} filled`, `${venue.exchange} sell BTC/${venue.cash} filled`]);
    const ids = result.orders.map((o) => o.client_order_id);
    ids.forEach((id) => expect(id).toMatch(CLIENT_ID_RULES[venue.exchange].pattern));
    expect(venue.placed(fake.requests).sort()).toEqual([...ids].sort());

    const history = await kit('rebalance', 'history', '--json');
    const [event] = (JSON.parse(history.stdout) as { events: { id: string; status: string; orders: { side: string; status: string; filled: string }[] }[] }).events;
    expect(event).toMatchObject({ id: result.run_id, status: 'completed' });
    expect(event!.orders.map((o) => [o.side, o.status, o.filled])).toEqual(result.orders.map((o) => [o.side, 'filled', o.filled]));

    const tax = await kit('tax', 'report', '--year', '2026', '--json');
    const buy = result.orders.find((o) => o.side === 'buy')!;
    const lots = (JSON.parse(tax.stdout) as { open_lots: { lot_id: string; asset: string; quantity: string }[] }).open_lots;
    expect(lots).toContainEqual(expect.objectContaining({ lot_id: buy.client_order_id, asset: 'ETH', quantity: buy.filled }));

    const everything = [run, history, tax].map((r) => r.stdout + r.stderr).join('\n');
    for (const secret of Object.values(venue.env)) {
      const sample = secret.includes('PRIVATE KEY') ? secret.split('\n')[1]! : secret;
      expect(everything).not.toContain(sample);
    }
  }, 60_000);
});
