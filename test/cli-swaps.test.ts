// `kit rebalance swaps` and `kit rebalance execute` on a config with a DEX venue (a paper venue
// with swap_pools:, a constant-product pool), through the built CLI.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { executeJsonSchema } from '../src/cli/render-execute-json.js';
import { swapsListingJsonSchema } from '../src/cli/swaps-json.js';
import { oneVenueConfig, runKit, tempDir, writeConfig } from './helpers/run-kit.js';

const WALLET = '0x1111111111111111111111111111111111111111';
const YAML = `portfolio_rebalancer:
  targets: {ETH: 25%, BTC: 25%, USDC: 50%}
  cash_assets: [USDC]
  prices: {ETH: "3000", BTC: "100000", USDC: "1"}
  venues:
    uniswap:
      kind: dex
      adapter: paper
      label: Uniswap (Ethereum)
      quote: USDC
      fee_rate: 0.3%
      markets: {ETH: {amount_step: "0.001"}}
      balances: {ETH: "10", USDC: "10000"}
      swap_pools: {ETH: "2000"}
      addresses: ["${WALLET}"]
      chain_id: 1
    ex:
      kind: cex
      adapter: paper
      quote: USDC
      markets: {BTC: {amount_step: "0.0001"}}
      balances: {BTC: "0.1", USDC: "30000"}
`;

describe('kit rebalance swaps', () => {
  it("prints each DEX leg's unsigned transaction and says this skill never signs", async () => {
    const config = writeConfig(YAML);
    const run = await runKit(['--config', config, 'rebalance', 'swaps']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^DEX swaps of the plan, to sign in your own wallet:/);
    expect(run.stdout).toMatch(/1\. uniswap ETH\/USDC: sell 3\.333 ETH, at least 9,?\d+\.\d+ USDC out, pool fee 0\.30%, price impact 0\.1\d%/);
    expect(run.stdout).toContain(`chainId 1, from ${WALLET}`);
    expect(run.stdout).toContain('to 0x00000000000000000000000000000000000face5, value 0');
    expect(run.stdout).toMatch(/data 0x[0-9a-f]+/);
    expect(run.stdout).toContain('This skill never signs');
  }, 30_000);

  it('--json gives the transactions as data, --out writes them to a file', async () => {
    const out = join(tempDir('kit-out-'), 'swaps.json');
    const run = await runKit(['--config', writeConfig(YAML), 'rebalance', 'swaps', '--json', '--out', out]);
    expect(run.code).toBe(0);
    const json = swapsListingJsonSchema.parse(JSON.parse(run.stdout));
    expect(json).toMatchObject({ unsigned: true, file: out, refusals: [] });
    expect(json.swaps).toHaveLength(1);
    expect(json.swaps[0]).toMatchObject({ venue: 'uniswap', side: 'sell', quantity: '3.333', fee_rate: '0.003', status: 'to_sign', quote_source: 'paper pool uniswap' });
    expect(json.swaps[0]!.transactions[0]).toMatchObject({ chain: 'evm', chain_id: 1, from: WALLET, to: '0x00000000000000000000000000000000000face5', value: '0' });
    expect(JSON.parse(readFileSync(out, 'utf8')).swaps).toEqual(json.swaps);
  }, 30_000);

  it('says so and exits 0 when the plan has no DEX legs', async () => {
    const text = await runKit(['--config', writeConfig(oneVenueConfig()), 'rebalance', 'swaps']);
    expect(text.code).toBe(0);
    expect(text.stdout.trim()).toBe('The plan has no DEX swaps: nothing to sign.');
    const json = await runKit(['--config', writeConfig(oneVenueConfig()), 'rebalance', 'swaps', '--json']);
    expect(swapsListingJsonSchema.parse(JSON.parse(json.stdout)).swaps).toEqual([]);
  }, 30_000);
});

describe('the rebalance_swaps tool', () => {
  it('answers the swaps as data with their Markdown, saying nothing is signed', async () => {
    const run = await runKit(['--config', writeConfig(YAML), 'tools', 'call', 'rebalance_swaps', '{}']);
    expect(run.code).toBe(0);
    const answer = JSON.parse(run.stdout) as { swaps: unknown[]; markdown: string };
    expect(swapsListingJsonSchema.parse(answer).swaps).toHaveLength(1);
    expect(answer.markdown).toMatch(/^🔏 DEX swaps to sign\n\n- 1\. uniswap ETH\/USDC: sell 3\.333 ETH/);
    expect(answer.markdown).toContain(`chainId 1, from ${WALLET}`);
    expect(answer.markdown).toContain('This skill never signs');
  }, 30_000);
});

describe('kit rebalance execute with a DEX venue, standalone', () => {
  it('fills the CEX leg and writes the DEX swap to <state>/swaps/<run id>.json, named in the output', async () => {
    const home = tempDir('kit-home-');
    const run = await runKit(['--config', writeConfig(YAML), 'rebalance', 'execute', '--yes', '--json'], { env: { KIT_HOME: home } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = executeJsonSchema.parse(JSON.parse(run.stdout));
    expect(result.orders.map((o) => `${o.side} ${o.market} on ${o.venue}: ${o.status}`)).toEqual(['buy BTC/USDC on ex: filled']);
    expect(result.swaps?.legs.map((l) => `${l.side} ${l.quantity} ${l.market}: ${l.status}`)).toEqual(['sell 3.333 ETH/USDC: to_sign']);
    const file = result.swaps!.file!;
    expect(file).toBe(join(home, 'plugin-data/portfolio-rebalancer/swaps', `${result.run_id}.json`));
    expect(existsSync(file)).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ run_id: result.run_id, unsigned: true });
  }, 30_000);
});

describe('the heartbeat with auto_execute and a DEX venue', () => {
  it('says in the alert that the DEX swap waits for your signature, and where it was written', async () => {
    const config = writeConfig(YAML.replace('  venues:', '  monitoring: {auto_execute: true}\n  execution: {max_turnover_per_run: 50%}\n  venues:'));
    const run = await runKit(['--config', config, 'rebalance', 'watch', '--once']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/🤖 Auto-executed: run \S+ through direct: 1 of 1 orders filled, 1 DEX swap to sign in your wallet \(\S+\/swaps\/\S+\.json\)/);
  }, 30_000);
});
