// Loaded inside a host that offers K.I.T.'s `execution` slot, the plugin's rebalance_execute sends
// its orders through that Smart Order Router (not straight to the venue) and says so.
import { describe, expect, it } from 'vitest';
import { activate } from '../src/skill.js';
import { fakeExecutionSlot } from './helpers/fake-execution-slot.js';
import { tempDir } from './helpers/run-kit.js';

const PLUGIN_CONFIG = {
  targets: { BTC: '50%', USDC: '50%' },
  cash_assets: ['USDC'],
  prices: { BTC: '100000', USDC: '1' },
  venues: { ex: { kind: 'cex', adapter: 'paper', quote: 'USDC', markets: { BTC: {} }, balances: { BTC: '0.6', USDC: '40000' } } },
};

type Handler = (args: Record<string, unknown>) => Promise<unknown>;

async function load(slot?: unknown) {
  const tools = new Map<string, Handler>();
  const api = {
    registerTool: (definition: { name: string }, handler: Handler) => void tools.set(definition.name, handler),
    getConfig: () => PLUGIN_CONFIG,
    getStoragePath: () => tempDir('kit-storage-'),
    slots: { get: (name: string) => (name === 'execution' ? slot : undefined) },
  };
  const plugin = await activate(api as never, { pluginId: 'portfolio-rebalancer' });
  await plugin.registered;
  return tools;
}

describe("K.I.T.'s Smart Order Router", () => {
  it('carries the orders of rebalance_execute when the host offers the execution slot', async () => {
    const fake = fakeExecutionSlot({ prices: { 'BTC/USDC': 100_000 } });
    const tools = await load(fake.slot);
    const result = (await tools.get('rebalance_execute')!({ confirm: true })) as { router: string; orders: { client_order_id: string; side: string; status: string }[] };
    expect(result.router).toBe('kit-sor');
    expect(result.orders.map((o) => o.side)).toEqual(['sell']);
    expect(fake.sent.map((o) => o.clientOrderId)).toEqual(result.orders.map((o) => o.client_order_id));
  });

  it('falls back to the direct router without the slot, and refuses a slot missing a method', async () => {
    const direct = (await (await load())!.get('rebalance_execute')!({ confirm: true, dry_run: true })) as { router: string };
    expect(direct.router).toBe('direct');
    const broken = (await (await load({ placeOrder: () => undefined }))!.get('rebalance_execute')!({ confirm: true })) as { error?: string };
    expect(broken.error).toMatch(/cancelOrder|getOpenOrders/);
  });
});
