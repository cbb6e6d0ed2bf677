// A jupiter venue as a user configures it, through the built bin: its wallet counts in `kit
// portfolio status` at Jupiter's USD prices, and `kit venues check` reports it answered, with its
// markets and swap capability; an unset key variable is named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeJupiter, type FakeJupiter } from './fakes/fake-jupiter.js';
import { startFakeSolana, type FakeSolana } from './fakes/fake-solana-rpc.js';
import { runKit, writeConfig } from './helpers/run-kit.js';

const WSOL = 'So11111111111111111111111111111111111111112';
const USDC = 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v';
const OWNER = '9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM';
const KEY = 'jup-key-cli-0a1b2c3d4e';

let jupiter: FakeJupiter;
let solana: FakeSolana;
beforeAll(async () => {
  const pool = { base: { mint: WSOL, reserve: 10_000n * 10n ** 9n }, quote: { mint: USDC, reserve: 1_500_000n * 10n ** 6n }, feeBps: 25, legs: [{ label: 'Meteora DLMM', percent: 100 }] };
  jupiter = await startFakeJupiter({ pools: [pool], apiKey: KEY, prices: { [WSOL]: '150.25', [USDC]: '1' } });
  solana = await startFakeSolana({ [OWNER]: { lamports: 10_000_000_000n, tokens: [{ mint: USDC, amount: '500000000', decimals: 6 }] } }, { [USDC]: 6 });
});
afterAll(async () => {
  await Promise.all([jupiter.close(), solana.close()]);
});

const config = () => `portfolio_rebalancer:
  targets: {SOL: 50%, USDC: 50%}
  cash_assets: [USDC]
  venues:
    jup:
      kind: dex
      adapter: jupiter
      rpc_url: ${solana.url}
      base_url: ${jupiter.url}
      addresses: [${OWNER}]
      tokens: {SOL: ${WSOL}, USDC: ${USDC}}
      quote: USDC
      credentials: {api_key: "\${JUPITER_API_KEY}"}
`;

describe('adapter: jupiter through the kit bin', () => {
  it('portfolio status counts the wallet at the Price API prices', async () => {
    const run = await runKit(['--config', writeConfig(config()), 'portfolio', 'status', '--json'], { env: { JUPITER_API_KEY: KEY } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const status = JSON.parse(run.stdout) as { assets: { holdings: { venue: string; asset: string; quantity: string; price: string }[] }[]; prices: { asset: string; price: string; source: string }[] };
    expect(status.assets.flatMap((a) => a.holdings.map((h) => `${h.venue} ${h.quantity} ${h.asset} at ${h.price}`)).sort()).toEqual(['jup 10 SOL at 150.25', 'jup 500 USDC at 1']);
    expect(status.prices.filter((p) => p.asset !== 'USD').map((p) => `${p.asset} ${p.price} ${p.source}`)).toEqual(['SOL 150.25 jup', 'USDC 1 jup']);
    expect(run.stdout).not.toContain(KEY);
  });

  it('venues check: answered, the markets the targets need, swap capability; an unset key variable is named', async () => {
    const run = await runKit(['--config', writeConfig(config()), 'venues', 'check', '--json'], { env: { JUPITER_API_KEY: KEY } });
    expect(run.code).toBe(0);
    const [check] = JSON.parse(run.stdout).venues;
    expect(check).toMatchObject({ venue: 'jup', answered: true, markets: { listed: ['SOL'], missing: [] }, capabilities: { trade: true, swap: true } });
    expect(check.holdings).toEqual([{ asset: 'SOL', quantity: '10' }, { asset: 'USDC', quantity: '500' }]);
    const unset = await runKit(['--config', writeConfig(config()), 'venues', 'check'], { env: {} });
    expect(unset.code).toBe(4);
    expect(unset.stdout).toContain('Set JUPITER_API_KEY in the environment');
  });
});
