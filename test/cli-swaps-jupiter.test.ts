// A Jupiter venue through the built bin, end to end: preview prices the SOL sale at its planned
// size with Jupiter's price impact and route, and `kit rebalance swaps` hands out Jupiter's own
// unsigned transaction, byte for byte, built for the wallet with the quote it was priced at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeJupiter, UNSIGNED_TX, type FakeJupiter } from './fakes/fake-jupiter.js';
import { startFakeSolana, type FakeSolana } from './fakes/fake-solana-rpc.js';
import { runKit, tempDir, writeConfig } from './helpers/run-kit.js';
import { Decimal } from '../src/money.js';

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
  solana = await startFakeSolana({ [OWNER]: { lamports: 10_000_000_000n, tokens: [{ mint: USDC, amount: '500000000', decimals: 6 }] } }, { [USDC]: 6 }, {});
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

describe('a Jupiter swap the wallet signed, booked from the Solana node', () => {
  const SIGNATURE = '5VERv8NMvzbJMEkV8xnrLkEaWRtSz9CosKDYjCJjBRnbJLgp8uirBgmQpjKhoR4tjF3ZpRzrFmBV6UjKdiSZkQUW';
  const USDC_ACCOUNT = 'GZctHpWXmsZC1YHACTGGcHhYxjdRqQvTR5NLsxkb8jrV';
  const JUPITER = 'JUP6LkbZbjS1jKKwapdHNy74zcZ3tLUZoi5QNyVTaV4';

  it('kit rebalance swaps record books the SOL sale at what the chain says moved, once', async () => {
    const home = tempDir('kit-home-');
    const kit = (...args: string[]) => runKit(['--config', config(), ...args], { env: { JUPITER_API_KEY: KEY, KIT_HOME: home } });
    const listing = JSON.parse((await kit('rebalance', 'swaps', '--json')).stdout) as { swaps: { client_order_id: string; quantity: string; min_amount_out: string; amount_out: string }[] };
    const [leg] = listing.swaps;
    const lamports = BigInt(new Decimal(leg!.quantity).times(1e9).toFixed(0));
    const usdcOut = BigInt(new Decimal(leg!.amount_out).times(1e6).toFixed(0));
    const fee = 5_000n;
    solana.transactions[SIGNATURE] = {
      accounts: [OWNER, USDC_ACCOUNT, JUPITER],
      lamports: [[10_000_000_000n, 10_000_000_000n - lamports - fee], [2_039_280n, 2_039_280n], [1n, 1n]],
      tokens: [{ index: 1, mint: USDC, owner: OWNER, decimals: 6, before: '500000000', after: (500_000_000n + usdcOut).toString() }],
      fee,
      blockTime: Date.parse('2026-11-23T13:59:00Z') / 1000,
    };
    const booked = await kit('rebalance', 'swaps', 'record', leg!.client_order_id, '--tx', SIGNATURE, '--json');
    expect([booked.code, booked.stderr]).toEqual([0, '']);
    const json = JSON.parse(booked.stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ status: 'booked', side: 'sell', market: 'SOL/USDC', quantity: leg!.quantity, amount_out: new Decimal(usdcOut.toString()).div(1e6).toFixed(), network_fee: '0.000005', network_fee_asset: 'SOL', executed_at: '2026-11-23T13:59:00.000Z' });
    const again = await kit('rebalance', 'swaps', 'record', leg!.client_order_id, '--tx', SIGNATURE);
    expect([again.code, again.stdout]).toEqual([0, expect.stringContaining('Already booked')]);
    expect(booked.stdout + again.stdout).not.toContain(KEY);
  }, 60_000);
});
