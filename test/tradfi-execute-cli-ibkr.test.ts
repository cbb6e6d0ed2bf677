// `kit rebalance execute` on an Interactive Brokers account, as a user runs it: the built bin
// against a fake Client Portal gateway served, as the real one is, over https://localhost with a
// self-signed certificate (insecure_tls: true). AAPL is not held, so its conid comes from the
// contract search; the order is previewed with what-if, placed with our cOID, its confirmation
// question answered through /iserver/reply, and its fill booked with the executions' commission.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT, startFakeIbkrGateway } from './fakes/ibkr-gateway.js';
import { BIN, runKit, tempDir, writeConfig } from './helpers/run-kit.js';

type Gateway = Awaited<ReturnType<typeof startFakeIbkrGateway>>;
const UPDATED = Date.parse('2026-11-23T13:59:00Z');

/** The fake account: 12 SPY at 600 and 2,500.75 USD; AAPL at 230 is wanted at 10%. */
const config = (gateway: Gateway) =>
  writeConfig(`portfolio_rebalancer:
  targets: {SPY: 75%, AAPL: 10%, USD: 15%}
  cash_assets: [USD]
  venues:
    ibkr:
      kind: ibkr
      adapter: ibkr
      base_url: ${gateway.url}
      insecure_tls: true
      markets: {AAPL: {}}
`);

const kit = async (file: string, home: string, ...args: string[]) => {
  const run = await runKit(['--config', file, ...args], { env: { KIT_HOME: home } });
  return { ...run, json: run.stdout ? (JSON.parse(run.stdout) as Record<string, any>) : {} };
};
const sent = (gateway: Gateway, path: string) => gateway.requests.filter((r) => r.method === 'POST' && r.path === `/v1/api${path}`).map((r) => JSON.parse(r.body) as Record<string, any>);
const ibkrHoldings = (status: Record<string, any>) => status['assets'].flatMap((a: { holdings: unknown[] }) => a.holdings);

describe('kit rebalance execute on IBKR', () => {
  let gateway: Gateway;
  beforeAll(async () => void (gateway = await startFakeIbkrGateway({ tls: true, updated: UPDATED })));
  afterAll(() => gateway.close());

  it('previews, places with cOID, confirms the question, books the fill with its commission; status shows the shares; a second execute sends nothing', async () => {
    expect(gateway.url).toMatch(/^https:\/\/localhost:\d+$/);
    const home = tempDir('kit-home-');
    const file = config(gateway);
    const run = await kit(file, home, 'rebalance', 'execute', '--yes', '--json');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('IBKR asked to confirm an order; confirmed');
    expect(run.json).toMatchObject({ kind: 'executed', status: 'completed', fees: '1.36' });
    const [order] = run.json['orders'];
    // Two executions: 3 with a commission of "1.01" and 1 with 0.35.
    expect(order).toMatchObject({ venue: 'ibkr', market: 'AAPL/USD', side: 'buy', quantity: '4', filled: '4', average_price: '230.05', fee: '1.36', status: 'filled', error: null });
    const ticket = { acctId: ACCOUNT, conid: 265598, orderType: 'LMT', side: 'BUY', quantity: 4, price: 231.15, tif: 'DAY', cOID: order.client_order_id };
    expect(gateway.requests.filter((r) => r.path === '/v1/api/iserver/secdef/search').map((r) => r.params.get('symbol'))).toEqual(['AAPL']);
    expect(sent(gateway, `/iserver/account/${ACCOUNT}/orders/whatif`)).toEqual([{ orders: [ticket] }]);
    expect(sent(gateway, `/iserver/account/${ACCOUNT}/orders`)).toEqual([{ orders: [ticket] }]);
    expect(sent(gateway, '/iserver/reply/a1b-reply')).toEqual([{ confirmed: true }]);
    // The run's own look afterwards already has the shares (the positions cache is invalidated first).
    expect(run.json['after']['assets'].find((a: { asset: string }) => a.asset === 'AAPL')).toMatchObject({ value: '920' });

    const status = await kit(file, home, 'portfolio', 'status', '--json');
    expect(status.code).toBe(0);
    expect(ibkrHoldings(status.json)).toEqual([
      { venue: 'ibkr', asset: 'SPY', quantity: '12', price: '600', value: '7200' },
      { venue: 'ibkr', asset: 'AAPL', quantity: '4', price: '230', value: '920' },
      // 2,500.75 less 4 x 230.05 and the 1.36 commission.
      { venue: 'ibkr', asset: 'USD', quantity: '1579.19', price: '1', value: '1579.19' },
    ]);
    const history = await kit(file, home, 'rebalance', 'history', '--json');
    expect(history.json['events'].map((e: Record<string, unknown>) => [e['status'], e['fees'], e['orders']])).toEqual([
      ['completed', '1.36', [{ venue: 'ibkr', side: 'buy', asset: 'AAPL', quantity: '4', filled: '4', average_price: '230.05', fee: '1.36', status: 'filled' }]],
    ]);

    const again = await kit(file, home, 'rebalance', 'execute', '--yes', '--json');
    expect([again.code, again.json['kind'], again.json['orders']]).toEqual([0, 'nothing', []]);
    expect(sent(gateway, `/iserver/account/${ACCOUNT}/orders`)).toHaveLength(1);
  }, 60_000);
});

describe('kit rebalance execute on IBKR when the gateway is not logged in', () => {
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await startFakeIbkrGateway({ tls: true, updated: UPDATED });
    gateway.control.authenticated = false;
  });
  afterAll(() => gateway.close());

  it('refuses before anything is sent, exit 3, saying to log in at the gateway', async () => {
    const run = await kit(config(gateway), tempDir('kit-home-'), 'rebalance', 'execute', '--yes', '--json');
    expect(run.code).toBe(3);
    expect(run.json).toMatchObject({ kind: 'refused', orders: [] });
    expect(run.json['refusals']).toEqual([{ code: 'data_incomplete', message: expect.stringContaining(`the gateway session is not logged in; log in at ${gateway.url}`) }]);
    expect(gateway.requests.filter((r) => r.method === 'POST' && r.path !== '/v1/api/tickle')).toEqual([]);
  }, 60_000);
});

describe('kit rebalance execute on IBKR, killed after the gateway took the order', () => {
  let gateway: Gateway;
  beforeAll(async () => void (gateway = await startFakeIbkrGateway({ tls: true, updated: UPDATED })));
  afterAll(() => gateway.close());

  it('the resumed run finds the order by its cOID among the live orders, books it with its commission, and sends nothing twice', async () => {
    const home = tempDir('kit-home-');
    const file = config(gateway);
    gateway.control.hangAfterAccept = 1;
    const child = spawn(process.execPath, [BIN, '--config', file, 'rebalance', 'execute', '--yes', '--json'], { env: { PATH: process.env.PATH ?? '', KIT_HOME: home, KIT_NOW: '2026-11-23T14:00:00Z' }, stdio: 'ignore' });
    const exited = new Promise<string | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    for (let waited = 0; gateway.orders.length === 0 && waited < 20_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(gateway.orders).toHaveLength(1);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const cOID = gateway.orders[0]!.order_ref;

    const resumed = await kit(file, home, 'rebalance', 'execute', '--resume', '--yes', '--json');
    expect(resumed.code).toBe(0);
    expect(resumed.json).toMatchObject({ kind: 'resumed', status: 'completed', fees: '1.36' });
    expect(resumed.json['orders']).toEqual([expect.objectContaining({ client_order_id: cOID, filled: '4', fee: '1.36', status: 'filled', resumed: 'found at the venue (filled)' })]);
    expect(sent(gateway, `/iserver/account/${ACCOUNT}/orders`)).toHaveLength(1);
    const status = await kit(file, home, 'portfolio', 'status', '--json');
    expect(ibkrHoldings(status.json)).toContainEqual({ venue: 'ibkr', asset: 'AAPL', quantity: '4', price: '230', value: '920' });
  }, 60_000);
});
