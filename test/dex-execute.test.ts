// Executing a plan with a DEX leg. Standalone (the direct router) the swap is never sent: it is
// built unsigned (from the venue's first address, minAmountOut from slippage_tolerance on the
// quote), written to the swaps file and reported to sign, while the other legs fill as before.
// Through K.I.T.'s Smart Order Router the DEX leg is a market order like any other, guarded by the
// sized quote's price, and in a smartRoute plan a `dex` segment.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDirectRouter } from '../src/adapters/direct-router.js';
import { executeJson } from '../src/cli/render-execute-json.js';
import { renderExecute } from '../src/cli/render-execute.js';
import { createKitRouter } from '../src/host/kit-router.js';
import { planLegOf, toExecutionPlan } from '../src/host/kit-router-plan.js';
import { createSwapsFile } from '../src/host/swaps-file.js';
import { Decimal } from '../src/money.js';
import type { OrderRouter } from '../src/ports.js';
import { createSession, executeRebalance, type ExecuteDeps } from '../src/rebalancer.js';
import { prepareRun } from '../src/rebalancer/execute/prepare.js';
import { dexWorld, WALLET } from './helpers/dex-world.js';
import { fakeExecutionSlot } from './helpers/fake-execution-slot.js';
import { tempDir } from './helpers/run-kit.js';

const deps = (router: OrderRouter, routerName: string, extra: Partial<ExecuteDeps> = {}): ExecuteDeps => ({
  router,
  routerName,
  sleep: async () => undefined,
  random: () => 0.5,
  lock: { holder: 'test', pid: 1, host: 'test-host', isAlive: () => true },
  newRunId: () => 'r-dex-1',
  ...extra,
});

describe('execute standalone with a DEX leg', () => {
  it('writes the unsigned swap to the swaps file, sends and journals nothing for it, and fills the other legs', async () => {
    const world = await dexWorld();
    const folder = join(tempDir('kit-state-'), 'swaps');
    const sent: string[] = [];
    const direct = createDirectRouter(world.deps.venues);
    const router: OrderRouter = { ...direct, submit: (venue, order) => (sent.push(venue), direct.submit(venue, order)) };
    const result = await executeRebalance(createSession(world.deps), deps(router, 'direct', { swaps: createSwapsFile(folder) }));
    const journaled = result.swaps?.legs.map((leg) => world.deps.ledger.order(leg.client_order_id));
    const ethTrades = world.deps.ledger.trades().filter((t) => t.asset === 'ETH');
    world.close();

    expect(result).toMatchObject({ kind: 'executed', status: 'completed' });
    expect(sent).toEqual(['ex']);
    expect(result.orders.map((o) => `${o.side} ${o.market} on ${o.venue}: ${o.status}`)).toEqual(['buy BTC/USDC on ex: filled']);
    expect(journaled).toEqual([undefined]);
    expect(ethTrades).toEqual([]);

    const file = join(folder, 'r-dex-1.json');
    expect(result.swaps?.file).toBe(file);
    expect(existsSync(`${file}.${process.pid}.tmp`)).toBe(false);
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(written).toMatchObject({ run_id: 'r-dex-1', unsigned: true, note: expect.stringContaining('never signs') });
    const [leg] = written.swaps;
    expect(leg).toMatchObject({ step: 1, venue: 'uniswap', market: 'ETH/USDC', side: 'sell', quantity: '3.333', status: 'to_sign', fee_rate: '0.003', after: [] });
    expect(leg.transactions).toEqual([{ chain: 'evm', chain_id: 1, from: WALLET, to: '0x00000000000000000000000000000000000000b2', data: expect.stringMatching(/^0x5ae401dc/), value: '0', description: 'swap sell 3.333 ETH/USDC' }]);
    // The guard: the quote's output less slippage_tolerance (0.5%).
    expect(new Decimal(leg.min_amount_out).toFixed(6)).toBe(new Decimal(leg.price).times('3.333').times('0.995').toFixed(6));
    expect(world.dex.builds.map((b) => ({ from: b.from, clientOrderId: b.clientOrderId }))).toEqual([{ from: WALLET, clientOrderId: leg.client_order_id }]);

    expect(executeJson(result).swaps?.legs[0]?.status).toBe('to_sign');
    const text = renderExecute(result, { currency: 'USD', terminal: false });
    expect(text).toContain(`1 DEX swap to sign in your wallet (unsigned; this skill never signs): ${file}`);
    expect(text).toMatch(/1\. uniswap ETH\/USDC: sell 3\.333 ETH, at least 9,?\d+\.\d+ USDC out, pool fee 0\.30%, price impact 0\.1\d%/);
  });

  it('hands out a DEX buy after the DEX sell it spends, and the file says the order matters', async () => {
    const yaml = (await import('./helpers/dex-world.js')).DEX_YAML().replace('markets: {ETH: {amount_step: "0.001"}}', 'markets: {ETH: {amount_step: "0.001"}, BTC: {amount_step: "0.0001"}}').replace('balances: {ETH: "10", USDC: "10000"}', 'balances: {ETH: "10", USDC: "0"}');
    const world = await dexWorld({ pools: { ETH: { reserve: '2000', price: '3000' }, BTC: { reserve: '50', price: '100000' } }, balances: { ETH: '10', USDC: '0' }, prices: { ETH: '3000', BTC: '100000', USDC: '1' } }, yaml.replace('balances: {BTC: "0.1", USDC: "30000"}', 'balances: {USDC: "1"}').replace('targets: {ETH: 25%, BTC: 25%, USDC: 50%}', 'targets: {ETH: 80%, BTC: 20%}'));
    const folder = join(tempDir('kit-state-'), 'swaps');
    const result = await executeRebalance(createSession(world.deps), deps(createDirectRouter(world.deps.venues), 'direct', { swaps: createSwapsFile(folder) }));
    world.close();
    expect(result.refusals).toEqual([]);
    const legs = result.swaps!.legs;
    expect(legs.map((l) => `${l.step} ${l.side} ${l.market}`)).toEqual(['1 sell ETH/USDC', '2 buy BTC/USDC']);
    expect(legs[1]!.after).toEqual([legs[0]!.client_order_id]);
    const written = JSON.parse(readFileSync(result.swaps!.file!, 'utf8'));
    expect(written.note).toContain('The order matters');
    expect(legs[1]!.transactions.map((t) => t.description)).toEqual([expect.stringMatching(/^approve /), 'swap buy ' + legs[1]!.quantity + ' BTC/USDC']);
  });
});

describe("execute through K.I.T.'s Smart Order Router with a DEX leg", () => {
  it('sends the DEX leg like the others, as a market order guarded by the sized quote, and as a dex segment', async () => {
    const world = await dexWorld();
    const fake = fakeExecutionSlot({ prices: { 'ETH/USDC': 2985, 'BTC/USDC': 100_000 } });
    const session = createSession(world.deps);
    const prepared = await prepareRun(session, { newRunId: () => 'r-sor-1', routerName: 'kit-sor' }, {});
    const result = await executeRebalance(session, deps(createKitRouter(fake.slot), 'kit-sor'));
    world.close();
    if ('refused' in prepared) throw new Error('refused');
    const dexOrder = prepared.manifest.orders.find((o) => o.venue === 'uniswap')!;
    expect(dexOrder).toMatchObject({ type: 'market', limit_price: null, swap: { fee_rate: '0.003' } });
    // slippage_tolerance 0.5% under the quote's price, rounded up to the price step.
    const worst = new Decimal(dexOrder.swap!.price).times('0.995').div('0.000001').ceil().times('0.000001');
    expect(dexOrder.worst_price).toBe(worst.toFixed());

    expect(result.router).toBe('kit-sor');
    expect(result.swaps).toBeUndefined();
    const ethSent = fake.sent.find((o) => o.exchange === 'uniswap')!;
    expect(ethSent).toMatchObject({ symbol: 'ETH/USDC', side: 'sell', type: 'market', amount: 3.333, worstPrice: worst.toNumber() });
    expect(fake.sent.map((o) => o.exchange).sort()).toEqual(['ex', 'uniswap']);

    const plan = toExecutionPlan([planLegOf(dexOrder, new Decimal('0.001'))]);
    expect(plan.segments[0]!.venue).toMatchObject({ id: 'uniswap', type: 'dex', fee: 0.003 });
    const cexOrder = prepared.manifest.orders.find((o) => o.venue === 'ex')!;
    expect(toExecutionPlan([planLegOf(cexOrder, new Decimal('0.001'))]).segments[0]!.venue.type).toBe('cex');
  });
});
