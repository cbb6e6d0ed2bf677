// `kit rebalance preview/execute` on an MT5 account, as a user runs them: the built bin against a
// fake bridge on 127.0.0.1 (docs/mt5-bridge.md). SPY is a CFD sized in lots: the plan's quantity
// is a whole number of lot steps (contract size x lot step) and never below the minimum lot, the
// order carries our client id in its comment, the fill is booked, and a run killed after the
// bridge took its order is finished by looking the order up by comment, never by sending it again.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeMt5Bridge } from './fakes/mt5-bridge.js';
import { BIN, runKit, tempDir, writeConfig } from './helpers/run-kit.js';

const TOKEN = 'cli-mt5-token-5d6e7f8091a2b3c4';
/** A minute before the CLI's KIT_NOW: the quotes are fresh. */
const TIME = '2026-11-23T13:59:00Z';
type Bridge = Awaited<ReturnType<typeof startFakeMt5Bridge>>;

/** The fake account: 1.5 lots of SPY.US (15 SPY at 600) and equity 20,000, so 11,000 USD of cash. */
const config = (bridge: Bridge, spy: number) =>
  writeConfig(`portfolio_rebalancer:
  targets: {SPY: ${spy}%, USD: ${100 - spy}%}
  cash_assets: [USD]
  venues:
    mt5:
      kind: mt5
      adapter: mt5
      base_url: ${bridge.url}
      symbols: {SPY: SPY.US}
      credentials:
        token: \${MT5_BRIDGE_TOKEN}
`);

const kit = async (file: string, home: string, ...args: string[]) => {
  const run = await runKit(['--config', file, ...args], { env: { MT5_BRIDGE_TOKEN: TOKEN, KIT_HOME: home } });
  expect(run.stderr).toBe('');
  expect(run.stdout).not.toContain(TOKEN);
  return { code: run.code, json: JSON.parse(run.stdout) as Record<string, any> };
};
const posts = (bridge: Bridge) => bridge.requests.filter((r) => r.method === 'POST' && r.path === '/orders').map((r) => JSON.parse(r.body) as Record<string, unknown>);
const mt5Holdings = (status: Record<string, any>) => status['assets'].flatMap((a: { holdings: { venue: string }[] }) => a.holdings).filter((h: { venue: string }) => h.venue === 'mt5');

describe('kit rebalance preview on MT5: CFDs sized in lots', () => {
  let bridge: Bridge;
  // 10 SPY a lot, steps of 0.2 lot (2 SPY), at least 0.6 lot (6 SPY).
  beforeAll(async () => void (bridge = await startFakeMt5Bridge({ token: TOKEN, time: TIME, symbols: { 'SPY.US': { contract_size: '10', volume_step: '0.2', volume_min: '0.6' } } })));
  afterAll(() => bridge.close());

  it('a buy or a sale is a whole number of lot steps, at least the minimum lot; less than that is dropped with the reason', async () => {
    const home = tempDir('kit-home-');
    const trades = async (spy: number) => {
      const { code, json } = await kit(config(bridge, spy), home, 'rebalance', 'preview', '--json');
      expect(code).toBe(0);
      return { trades: json['trades'].map((t: Record<string, string>) => [t['side'], t['quantity']]), diagnostics: json['diagnostics'] as { code: string; message: string }[] };
    };
    // 65%: about 6.6 SPY are wanted and paid for; floored to 3 steps of 2 SPY = 0.6 lot.
    expect((await trades(65)).trades).toEqual([['buy', '6']]);
    // 25%: 6.7 SPY to sell, floored to 6 SPY.
    expect((await trades(25)).trades).toEqual([['sell', '6']]);
    // 58%: 4.3 SPY wanted, under the minimum lot of 6 SPY: nothing is planned, and the plan says why.
    const small = await trades(58);
    expect(small.trades).toEqual([]);
    expect(small.diagnostics.find((d) => d.code === 'plan.skipped')?.message).toBe("skipped: 4.329 SPY ($2,597.40) below mt5's minimum amount 6 SPY (buy on mt5)");
    expect(posts(bridge)).toEqual([]);
  }, 60_000);
});

describe('kit rebalance execute on MT5', () => {
  let bridge: Bridge;
  beforeAll(async () => void (bridge = await startFakeMt5Bridge({ token: TOKEN, time: TIME })));
  afterAll(() => bridge.close());

  it('buys 0.4 lot with the client id in the comment, books the fill, shows the position; a second execute sends nothing', async () => {
    const home = tempDir('kit-home-');
    const file = config(bridge, 58);
    const run = await kit(file, home, 'rebalance', 'execute', '--yes', '--json');
    expect(run.code).toBe(0);
    expect(run.json).toMatchObject({ kind: 'executed', status: 'completed' });
    const [order] = run.json['orders'];
    expect(order).toMatchObject({ venue: 'mt5', market: 'SPY/USD', side: 'buy', quantity: '4', filled: '4', average_price: '600.1', fee: '1.5', status: 'filled', error: null });
    expect(order.client_order_id).toMatch(/^kit[0-9a-f]{28}$/);
    // The plan's limit (603) is through the ask, which MT5 refuses as a pending BUY_LIMIT: it goes as a deal bounded by it.
    expect(posts(bridge)).toEqual([{ symbol: 'SPY.US', side: 'buy', volume: '0.4', type: 'market', price: '600.10', deviation: 290, comment: order.client_order_id }]);

    const status = (await kit(file, home, 'portfolio', 'status', '--json')).json;
    expect(mt5Holdings(status)).toEqual([
      { venue: 'mt5', asset: 'SPY', quantity: '19', price: '600', value: '11400' },
      // 11,000 less 4 x 600.10 and the 1.50 commission.
      { venue: 'mt5', asset: 'USD', quantity: '8598.1', price: '1', value: '8598.1' },
    ]);
    const history = (await kit(file, home, 'rebalance', 'history', '--json')).json;
    expect(history['events'].map((e: Record<string, unknown>) => [e['id'], e['status'], e['fees'], e['orders']])).toEqual([
      [run.json['run_id'], 'completed', '1.5', [{ venue: 'mt5', side: 'buy', asset: 'SPY', quantity: '4', filled: '4', average_price: '600.1', fee: '1.5', status: 'filled' }]],
    ]);

    const again = await kit(file, home, 'rebalance', 'execute', '--yes', '--json');
    expect([again.code, again.json['kind'], again.json['orders']]).toEqual([0, 'nothing', []]);
    expect(posts(bridge)).toHaveLength(1);
  }, 60_000);
});

describe('kit rebalance execute on MT5: a sale', () => {
  let bridge: Bridge;
  beforeAll(async () => void (bridge = await startFakeMt5Bridge({ token: TOKEN, time: TIME })));
  afterAll(() => bridge.close());

  it('sells 0.6 lot at the bid, bounded by the plan limit, and books it', async () => {
    const home = tempDir('kit-home-');
    const file = config(bridge, 25);
    const run = await kit(file, home, 'rebalance', 'execute', '--yes', '--json');
    expect([run.code, run.json['status']]).toEqual([0, 'completed']);
    expect(run.json['orders']).toEqual([expect.objectContaining({ side: 'sell', quantity: '6', filled: '6', average_price: '599.9', fee: '1.5', status: 'filled' })]);
    expect(posts(bridge)).toEqual([{ symbol: 'SPY.US', side: 'sell', volume: '0.6', type: 'market', price: '599.90', deviation: 290, comment: run.json['orders'][0].client_order_id }]);
    expect(mt5Holdings((await kit(file, home, 'portfolio', 'status', '--json')).json)).toEqual([
      { venue: 'mt5', asset: 'SPY', quantity: '9', price: '600', value: '5400' },
      { venue: 'mt5', asset: 'USD', quantity: '14597.9', price: '1', value: '14597.9' },
    ]);
  }, 60_000);
});

describe('kit rebalance execute on MT5, killed after the bridge took the order', () => {
  let bridge: Bridge;
  beforeAll(async () => void (bridge = await startFakeMt5Bridge({ token: TOKEN, time: TIME })));
  afterAll(() => bridge.close());

  it('the resumed run finds the order by its comment, books it, and sends nothing twice', async () => {
    const home = tempDir('kit-home-');
    const file = config(bridge, 58);
    bridge.control.hangAfterAccept = 1;
    const child = spawn(process.execPath, [BIN, '--config', file, 'rebalance', 'execute', '--yes', '--json'], {
      env: { PATH: process.env.PATH ?? '', KIT_HOME: home, KIT_NOW: '2026-11-23T14:00:00Z', MT5_BRIDGE_TOKEN: TOKEN },
      stdio: 'ignore',
    });
    const exited = new Promise<string | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    // The bridge has the order (filled) and the process still waits for the answer: it dies here.
    for (let waited = 0; bridge.orders.length === 0 && waited < 20_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(bridge.orders).toHaveLength(1);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const comment = bridge.orders[0]!.comment;

    const resumed = await kit(file, home, 'rebalance', 'execute', '--resume', '--yes', '--json');
    expect(resumed.code).toBe(0);
    expect(resumed.json).toMatchObject({ kind: 'resumed', status: 'completed' });
    expect(resumed.json['orders']).toEqual([expect.objectContaining({ client_order_id: comment, quantity: '4', filled: '4', fee: '1.5', status: 'filled', resumed: 'found at the venue (filled)' })]);
    expect(bridge.requests.some((r) => r.method === 'GET' && r.path === '/orders' && r.params.get('comment') === comment)).toBe(true);
    expect(posts(bridge)).toHaveLength(1);

    const status = (await kit(file, home, 'portfolio', 'status', '--json')).json;
    expect(mt5Holdings(status)[0]).toEqual({ venue: 'mt5', asset: 'SPY', quantity: '19', price: '600', value: '11400' });
    const again = await kit(file, home, 'rebalance', 'execute', '--yes', '--json');
    expect([again.code, again.json['kind']]).toEqual([0, 'nothing']);
    expect(posts(bridge)).toHaveLength(1);
  }, 60_000);

  it('a bridge that took the order but answered 504 TRADE_TIMEOUT: the same run looks it up by comment and books it, no second send', async () => {
    const other = await startFakeMt5Bridge({ token: TOKEN, time: TIME });
    other.control.timeoutAfterAccept = 1;
    const run = await kit(config(other, 58), tempDir('kit-home-'), 'rebalance', 'execute', '--yes', '--json');
    expect([run.code, run.json['status']]).toEqual([0, 'completed']);
    expect(run.json['orders']).toEqual([expect.objectContaining({ filled: '4', fee: '1.5', status: 'filled' })]);
    expect(posts(other)).toHaveLength(1);
    expect(other.requests.some((r) => r.method === 'GET' && r.path === '/orders' && r.params.get('comment') === run.json['orders'][0].client_order_id)).toBe(true);
    await other.close();
  }, 60_000);
});
