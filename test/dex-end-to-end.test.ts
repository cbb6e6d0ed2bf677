// The whole DEX path through the built CLI with the real uniswap adapter (viem) against a fake
// JSON-RPC node whose QuoterV2 is a constant-product pool: preview prices the sale at its planned
// size (pool fee, price impact as x * y = k gives it), `kit rebalance swaps` hands out the approve
// and the SwapRouter02 call for the wallet to sign, and a standalone execute fills the CEX leg while
// writing the swap to the state folder, never sending it.
import { readFileSync } from 'node:fs';
import { decodeFunctionData, erc20Abi, parseAbi, type Hex } from 'viem';
import { afterEach, describe, expect, it } from 'vitest';
import { Decimal } from '../src/money.js';
import { constantProductOut, type FakeEvmNode } from './fakes/fake-evm-node.js';
import { runKit, tempDir } from './helpers/run-kit.js';
import { ALICE, E18, POOL, SWAP_ROUTER02, USDC, uniswapWorld, WETH } from './helpers/uniswap-world.js';

const swapRouter02 = parseAbi([
  'function exactInputSingle((address tokenIn, address tokenOut, uint24 fee, address recipient, uint256 amountIn, uint256 amountOutMinimum, uint160 sqrtPriceLimitX96) params) payable returns (uint256 amountOut)',
  'function multicall(uint256 deadline, bytes[] data) payable returns (bytes[] results)',
]);

let node: FakeEvmNode | undefined;
afterEach(() => node?.close());

async function world(tolerance: string): Promise<string> {
  const built = await uniswapWorld(tolerance);
  node = built.node;
  return built.config;
}

/** The pool's own answer, in whole USDC, for a sale of `weth` (base units). */
const poolOut = (weth: bigint) => new Decimal(constantProductOut(POOL, WETH, weth)!.toString()).div(1e6);

describe('a Uniswap venue through the CLI, against a fake JSON-RPC node', () => {
  it('preview prices the WETH sale at its planned size: the pool fee and the price impact x * y = k gives', async () => {
    const config = await world('5%');
    const text = await runKit(['--config', config, 'rebalance', 'preview']);
    expect(text.stdout).toMatch(/Uniswap \(Ethereum\): sell [\d.]+ WETH ≈ [\d,.]+ USDC, pool fee 0\.30%, price impact 1\.\d\d% \(uniswap QuoterV2 0x5{40}\)/);
    const run = await runKit(['--config', config, 'rebalance', 'preview', '--json']);
    expect([run.code, run.stderr]).toEqual([0, '']);
    const trades = (JSON.parse(run.stdout) as { trades: Record<string, string | null>[] }).trades;
    const sale = trades.find((trade) => trade.venue === 'uniswap')!;
    expect(sale).toMatchObject({ side: 'sell', market: 'WETH/USDC', fee_rate: '0.003' });
    expect(sale.quote_source).toContain('QuoterV2');
    const wei = BigInt(new Decimal(sale.quantity!).times(1e18).toFixed(0));
    const price = poolOut(wei).div(new Decimal(sale.quantity!));
    const reference = poolOut(E18);
    expect(new Decimal(sale.price!).toFixed()).toBe(price.toFixed());
    expect(new Decimal(sale.notional!).toFixed()).toBe(poolOut(wei).toFixed());
    expect(new Decimal(sale.price_impact!).toDecimalPlaces(6).toFixed()).toBe(new Decimal(1).minus(price.div(reference)).toDecimalPlaces(6).toFixed());
    expect(new Decimal(sale.price_impact!).gt('0.005')).toBe(true);
    expect(trades.some((trade) => trade.venue === 'ex' && trade.side === 'buy' && trade.market === 'BTC/USDC')).toBe(true);
  }, 30_000);

  it('a tolerance below the impact shrinks the sale to the largest size within it, and says so', async () => {
    const run = await runKit(['--config', await world('0.5%'), 'rebalance', 'preview', '--json']);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { trades: Record<string, string | null>[]; diagnostics: { code: string; message: string }[] };
    const sale = json.trades.find((trade) => trade.venue === 'uniswap')!;
    expect(new Decimal(sale.price_impact!).lte('0.005')).toBe(true);
    expect(json.diagnostics.find((d) => d.code === 'swap.shrunk')?.message).toMatch(/WETH/);
  }, 30_000);

  it('kit rebalance swaps: approve exactly the WETH in, then SwapRouter02 multicall(deadline, exactInputSingle) paying the wallet, minimum from the tolerance', async () => {
    const config = await world('5%');
    const preview = JSON.parse((await runKit(['--config', config, 'rebalance', 'preview', '--json'])).stdout) as { trades: Record<string, string>[] };
    const sale = preview.trades.find((trade) => trade.venue === 'uniswap')!;
    const run = await runKit(['--config', config, 'rebalance', 'swaps', '--json']);
    expect([run.code, run.stderr]).toEqual([0, '']);
    const listing = JSON.parse(run.stdout) as { swaps: { quantity: string; min_amount_out: string; transactions: { chain_id: number; from: string; to: string; data: Hex; value: string }[] }[] };
    expect(listing.swaps).toHaveLength(1);
    const [swap] = listing.swaps;
    expect(swap!.quantity).toBe(sale.quantity);
    const wei = BigInt(new Decimal(sale.quantity!).times(1e18).toFixed(0));
    const [approve, call] = swap!.transactions;
    expect([approve!.to.toLowerCase(), approve!.from, approve!.chain_id, approve!.value]).toEqual([WETH, ALICE, 1, '0']);
    expect(decodeFunctionData({ abi: erc20Abi, data: approve!.data }).args).toEqual([SWAP_ROUTER02, wei]);
    expect(call!.to).toBe(SWAP_ROUTER02);
    const outer = decodeFunctionData({ abi: swapRouter02, data: call!.data });
    if (outer.functionName !== 'multicall') throw new Error(outer.functionName);
    const inner = decodeFunctionData({ abi: swapRouter02, data: outer.args[1][0]! });
    if (inner.functionName !== 'exactInputSingle') throw new Error(inner.functionName);
    const [params] = inner.args;
    const minimum = poolOut(wei).times(0.95);
    expect([params.tokenIn.toLowerCase(), params.tokenOut.toLowerCase(), params.recipient.toLowerCase(), params.amountIn, params.fee]).toEqual([WETH, USDC, ALICE, wei, 3000]);
    expect(new Decimal(params.amountOutMinimum.toString()).div(1e6).minus(minimum).abs().lte('0.000001')).toBe(true);
    expect(new Decimal(swap!.min_amount_out).minus(minimum).abs().lte('0.000001')).toBe(true);
  }, 30_000);

  it('execute, standalone: the BTC buy fills on the paper exchange, the swap is written for signing and nothing is sent to the chain', async () => {
    const config = await world('5%');
    const home = tempDir('kit-home-');
    const run = await runKit(['--config', config, 'rebalance', 'execute', '--yes', '--json'], { env: { KIT_HOME: home } });
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as { swaps: { file: string; legs: unknown[] }; orders: { venue: string; status: string }[] };
    expect(result.swaps.legs).toHaveLength(1);
    expect(result.swaps.file.startsWith(home)).toBe(true);
    const file = JSON.parse(readFileSync(result.swaps.file, 'utf8')) as { swaps: { venue: string; transactions: { to: string }[] }[] };
    expect(file.swaps.map((swap) => [swap.venue, swap.transactions.map((tx) => tx.to.toLowerCase())])).toEqual([['uniswap', [WETH, SWAP_ROUTER02.toLowerCase()]]]);
    expect(result.orders.filter((order) => order.venue === 'ex').map((order) => order.status)).toContain('filled');
    expect(result.orders.some((order) => order.venue === 'uniswap')).toBe(false);
    expect(node!.methods()).not.toContain('eth_sendRawTransaction');
    expect(node!.methods()).not.toContain('eth_sendTransaction');
  }, 30_000);
});
