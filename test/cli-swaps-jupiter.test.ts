// A Jupiter venue through the built bin, end to end: preview prices the SOL sale at its planned
// size with Jupiter's price impact and route, and `kit rebalance swaps` hands out Jupiter's own
// unsigned transaction, byte for byte, built for the wallet with the quote it was priced at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeJupiter, UNSIGNED_TX, type FakeJupiter } from './fakes/fake-jupiter.js';
import { startFakeSolana, type FakeSolana } from './fakes/fake-solana-rpc.js';
import { runKit, writeConfig } from './helpers/run-kit.js';

const WSOL = 'So11111111111111111111111111111111111111112';
const USDC = 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v';
const OWNER = '9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM';
const KEY = 'jup-key-swaps-9f8e7d6c';

let jupiter: FakeJupiter;
let solana: FakeSolana;
beforeAll(async () => {
  // 1,000 SOL against 150,000 USDC: a 3.3 SOL sale moves the price about 0.33%.
  const pool = { base: { mint: WSOL, reserve: 1_000n * 10n ** 9n }, quote: { mint: USDC, reserve: 150_000n * 10n ** 6n }, feeBps: 25, legs: [{ label: 'Orca Whirlpool', percent: 100 }] };
  jupiter = await startFakeJupiter({ pools: [pool], apiKey: KEY, prices: { [WSOL]: '150', [USDC]: '1' } });
  solana = await startFakeSolana({ [OWNER]: { lamports: 10_000_000_000n, tokens: [{ mint: USDC, amount: '500000000', decimals: 6 }] } }, { [USDC]: 6 });
});
afterAll(async () => {
  await Promise.all([jupiter.close(), solana.close()]);
});

const config = () =>
  writeConfig(`portfolio_rebalancer:
  targets: {SOL: 50%, USDC: 50%}
  cash_assets: [USDC]
  min_trade_value: "10"
  execution: {slippage_tolerance: "1%"}
  venues:
    jup:
      kind: dex
      adapter: jupiter
      label: Jupiter (Solana)
      rpc_url: ${solana.url}
      base_url: ${jupiter.url}
      addresses: [${OWNER}]
      tokens: {SOL: ${WSOL}, USDC: ${USDC}}
      quote: USDC
      credentials: {api_key: "\${JUPITER_API_KEY}"}
`);
const env = { env: { JUPITER_API_KEY: KEY } };

describe('a Jupiter venue: preview at size and the unsigned swap', () => {
  it("preview sells SOL at Jupiter's sized quote, with its price impact and route", async () => {
    const run = await runKit(['--config', config(), 'rebalance', 'preview', '--json'], env);
    expect([run.code, run.stderr]).toEqual([0, '']);
    const [sale] = (JSON.parse(run.stdout) as { trades: Record<string, string>[] }).trades;
    expect(sale).toMatchObject({ venue: 'jup', side: 'sell', market: 'SOL/USDC', quote_source: 'jupiter (Orca Whirlpool)' });
    const impact = Number(sale!.price_impact);
    expect(impact).toBeGreaterThan(0.002);
    expect(impact).toBeLessThan(0.01);
    expect(Number(sale!.price)).toBeLessThan(150);
    expect(run.stdout).not.toContain(KEY);
  }, 30_000);

  it('kit rebalance swaps: the base64 transaction exactly as Jupiter built it, for the wallet, the minimum from the tolerance', async () => {
    const before = jupiter.requests.length;
    const run = await runKit(['--config', config(), 'rebalance', 'swaps', '--json'], env);
    expect([run.code, run.stderr]).toEqual([0, '']);
    const listing = JSON.parse(run.stdout) as { unsigned: boolean; swaps: { venue: string; side: string; min_amount_out: string; amount_out: string; transactions: { chain: string; from: string; transaction: string }[] }[] };
    expect(listing.unsigned).toBe(true);
    const [swap] = listing.swaps;
    expect(swap).toMatchObject({ venue: 'jup', side: 'sell' });
    expect(swap!.transactions).toEqual([expect.objectContaining({ chain: 'solana', from: OWNER, transaction: UNSIGNED_TX })]);
    const built = jupiter.requests.slice(before).find((request) => request.method === 'POST' && request.path.endsWith('/swap'));
    expect(JSON.parse(built!.body)).toMatchObject({ userPublicKey: OWNER });
    expect(run.stdout).not.toContain(KEY);
  }, 30_000);
});
