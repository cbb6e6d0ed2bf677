// `kit portfolio status` with a ccxt venue, as a user runs it: the built bin, a config naming
// binance with keys from the environment and base_url at the fake server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeBinance } from './fakes/fake-binance.js';
import { runKit, writeConfig } from './helpers/run-kit.js';

const KEY = 'cli-test-api-key-0123456789abcdef';
const SECRET = 'cli-test-secret-fedcba9876543210';

let fake: Awaited<ReturnType<typeof startFakeBinance>>;
beforeAll(async () => {
  // The exchange's clock a minute before the CLI's KIT_NOW (2026-11-23T14:00:00Z): its prices are fresh.
  fake = await startFakeBinance({ apiKey: KEY, secret: SECRET, now: () => Date.parse('2026-11-23T13:59:00Z') });
});
afterAll(() => fake.close());

const config = (baseUrl: string) => `portfolio_rebalancer:
  targets: {BTC: 50%, USDT: 50%}
  cash_assets: [USDT]
  prices: {USDT: "1"}
  venues:
    binance:
      kind: cex
      adapter: ccxt
      exchange: binance
      base_url: ${baseUrl}
      credentials:
        api_key: \${BINANCE_API_KEY}
        secret: \${BINANCE_SECRET}
`;

describe('kit portfolio status with a ccxt venue', () => {
  it('shows the exchange balances valued at its tickers', async () => {
    const run = await runKit(['--config', writeConfig(config(fake.url)), 'portfolio', 'status', '--json'], { env: { BINANCE_API_KEY: KEY, BINANCE_SECRET: SECRET } });
    expect(run.stderr).toBe('');
    expect(run.stdout).not.toMatch(/price\.(stale|missing)/);
    expect(run.code).toBe(0);
    const status = JSON.parse(run.stdout);
    expect(JSON.stringify(status)).not.toContain(KEY);
    const holdings = status.assets.flatMap((a: { holdings: unknown[] }) => a.holdings);
    expect(holdings).toEqual([
      { venue: 'binance', asset: 'BTC', quantity: '0.6', price: '60000', value: '36000' },
      { venue: 'binance', asset: 'USDT', quantity: '10000', price: '1', value: '10000' },
    ]);
  });

  it('a missing key names the variable to set, exit 2', async () => {
    const run = await runKit(['--config', writeConfig(config(fake.url)), 'portfolio', 'status'], { env: { BINANCE_API_KEY: KEY } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('${BINANCE_SECRET}');
  });

  it('an exchange that does not answer leaves a status that says so, without secrets', async () => {
    const run = await runKit(['--config', writeConfig(config('http://127.0.0.1:9')), 'portfolio', 'status'], { env: { BINANCE_API_KEY: KEY, BINANCE_SECRET: SECRET } });
    expect(`${run.stdout}${run.stderr}`).toContain('binance');
    expect(`${run.stdout}${run.stderr}`).not.toMatch(new RegExp(`${KEY}|${SECRET}|signature=[0-9a-f]`));
  });
});
