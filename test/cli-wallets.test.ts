// Wallets as a user configures them, through the built bin: an EVM account, Bitcoin addresses and
// a Solana address beside a paper exchange count in `kit portfolio status`, and `kit venues check`
// reports each venue, a down one and one whose credential variable is not set among them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeEsplora } from './fakes/fake-esplora.js';
import { startFakeEvmNode, type FakeEvmNode } from './fakes/fake-evm-node.js';
import type { FakeServer } from './fakes/http-fake.js';
import { startFakeSolana, type FakeSolana } from './fakes/fake-solana-rpc.js';
import { runKit, writeConfig } from './helpers/run-kit.js';

const ALICE = '0x1111111111111111111111111111111111111111';
const USDC = '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48';
const SEGWIT = 'bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh';
const SOL_OWNER = '9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM';

let evm: FakeEvmNode;
let esplora: FakeServer;
let solana: FakeSolana;
beforeAll(async () => {
  evm = await startFakeEvmNode({ chainId: 1, multicall: true, native: { [ALICE]: 2_000_000_000_000_000_000n }, tokens: { [USDC]: { decimals: 6, balances: { [ALICE]: 1_000_000_000n } } } });
  esplora = await startFakeEsplora({ [SEGWIT]: { funded: 60_000_000, spent: 10_000_000 } });
  solana = await startFakeSolana({ [SOL_OWNER]: { lamports: 10_000_000_000n } });
});
afterAll(async () => {
  await Promise.all([evm.close(), esplora.close(), solana.close()]);
});

const config = (extra = '') => `portfolio_rebalancer:
  targets: {BTC: 50%, ETH: 20%, SOL: 10%, USDC: 20%}
  cash_assets: [USDC]
  prices: {BTC: "100000", ETH: "3000", SOL: "200", USDC: "1"}
  venues:
    exchange:
      kind: cex
      adapter: paper
      quote: USDC
      markets: {BTC: {amount_step: "0.0001"}, ETH: {amount_step: "0.001"}}
      balances: {USDC: "10000"}
    metamask:
      kind: wallet
      adapter: evm
      chain_id: 1
      rpc_url: \${ETH_RPC_URL}
      addresses: ["${ALICE}"]
      tokens: {USDC: "${USDC}"}
    cold-btc:
      kind: wallet
      adapter: bitcoin
      base_url: ${esplora.url}
      addresses: [${SEGWIT}]
    phantom:
      kind: wallet
      adapter: solana
      rpc_url: ${solana.url}
      addresses: [${SOL_OWNER}]
${extra}`;

describe('wallets through the kit bin', () => {
  it('portfolio status counts every wallet', async () => {
    const run = await runKit(['--config', writeConfig(config()), 'portfolio', 'status', '--json'], { env: { ETH_RPC_URL: evm.url } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const holdings = JSON.parse(run.stdout).assets.flatMap((a: { holdings: { venue: string; asset: string; quantity: string }[] }) => a.holdings.map((h) => `${h.venue} ${h.quantity} ${h.asset}`));
    expect(holdings.sort()).toEqual(['cold-btc 0.5 BTC', 'exchange 10000 USDC', 'metamask 1000 USDC', 'metamask 2 ETH', 'phantom 10 SOL']);
  });

  it('venues check: all answered, exit 0, wallets read-only', async () => {
    const run = await runKit(['--config', writeConfig(config()), 'venues', 'check', '--json'], { env: { ETH_RPC_URL: evm.url } });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.all_answered).toBe(true);
    expect(report.venues.map((v: { venue: string; answered: boolean; capabilities: { trade: boolean }; markets: unknown }) => [v.venue, v.answered, v.capabilities.trade, v.markets])).toEqual([
      ['exchange', true, true, { listed: ['BTC', 'ETH'], missing: ['SOL'] }],
      ['metamask', true, false, null],
      ['cold-btc', true, false, null],
      ['phantom', true, false, null],
    ]);
    expect(report.venues[1].holdings).toEqual([{ asset: 'ETH', quantity: '2' }, { asset: 'USDC', quantity: '1000' }]);
  });

  it('venues check: a down node and a missing variable are reported per venue, exit 4', async () => {
    const extra = `    base:
      kind: wallet
      adapter: evm
      chain_id: 8453
      rpc_url: http://127.0.0.1:9
      addresses: ["${ALICE}"]
`;
    const run = await runKit(['--config', writeConfig(config(extra)), 'venues', 'check'], { env: {} });
    expect(run.code).toBe(4);
    expect(run.stdout).toMatch(/│ cold-btc +│ wallet +│ yes +│/);
    expect(run.stdout).toMatch(/│ base +│ wallet +│ no +│/);
    expect(run.stdout).toContain('✗ base: Venue "base" failed to fetch balances: HTTP request failed.');
    expect(run.stdout).toContain('Set ETH_RPC_URL in the environment');
    expect(run.stdout).toContain('3 of 5 venues answered');
  });
});
