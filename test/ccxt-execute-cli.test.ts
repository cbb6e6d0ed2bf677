// `kit rebalance execute` against a real exchange's protocol: the built bin, the real ccxt kraken
// class pointed at a fake Kraken with base_url. Kraken takes a client order id only as a UUID
// (cl_ord_id), so the run's ids must follow the venue's rule, not the default one; the sale is
// signed, placed with that id, filled, and booked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeKraken } from './fakes/fake-kraken.js';
import { runKit, tempDir, writeConfig } from './helpers/run-kit.js';

const KEY = 'kQ3vT8mZ2pLx7RcN5wYb9HdF4sJg6AeU1oIi0KtMzEyWqXrVnBuCl';
const SECRET = Buffer.from('kraken-private-key-for-the-fake-server-only-0123456789abcdefghij').toString('base64');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let fake: Awaited<ReturnType<typeof startFakeKraken>>;
beforeAll(async () => {
  fake = await startFakeKraken({ apiKey: KEY, secret: SECRET, now: () => Date.parse('2026-11-23T14:00:00Z') });
});
afterAll(() => fake.close());

describe('kit rebalance execute on a ccxt Kraken venue', () => {
  it("sells the overweight BTC with a cl_ord_id in Kraken's UUID form, then books the fill", async () => {
    const config = writeConfig(`portfolio_rebalancer:
  targets: {BTC: 50%, USD: 50%}
  cash_assets: [USD]
  min_trade_value: "10"
  execution: {max_turnover_per_run: 50%, use_limit_orders: false}
  venues:
    kraken:
      kind: cex
      adapter: ccxt
      exchange: kraken
      base_url: ${fake.url}
      credentials: {api_key: "\${KRAKEN_API_KEY}", secret: "\${KRAKEN_SECRET}"}
`);
    const env = { KRAKEN_API_KEY: KEY, KRAKEN_SECRET: SECRET, KIT_HOME: tempDir('kit-home-') };
    const run = await runKit(['--config', config, 'rebalance', 'execute', '--yes', '--json'], { env });
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as { orders: { client_order_id: string; venue: string; side: string; status: string }[] };
    expect(result.orders.map((o) => [o.venue, o.side, o.status])).toEqual([['kraken', 'sell', 'filled']]);
    const [order] = result.orders;
    expect(order!.client_order_id).toMatch(UUID);
    const added = fake.requests.filter((r) => r.path === '/0/private/AddOrder').map((r) => new URLSearchParams(r.body));
    expect(added.map((form) => form.get('cl_ord_id'))).toEqual([order!.client_order_id]);
    expect(run.stdout).not.toContain(KEY);
    expect(run.code).toBe(0);
  }, 60_000);
});
