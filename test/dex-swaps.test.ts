// adapter: uniswap / sushiswap / pancakeswap as swap venues, against a fake JSON-RPC node whose
// QuoterV2 and V2 router are constant-product pools: quoteSwap at the planned size (exact amounts
// for 6-, 8- and 18-decimal tokens, the pool fee, a price impact that grows with size exactly as
// x * y = k says), and buildSwap's unsigned transactions, decoded with the deployed contracts' ABIs.
import { afterEach, describe, expect, it } from 'vitest';
import { decodeFunctionData, erc20Abi, parseAbi, type Hex } from 'viem';
import { createDexVenue } from '../src/adapters/dex/create-dex-venue.js';
import { fromBaseUnits, toBaseUnits } from '../src/adapters/units.js';
import { UsageError, VenueError } from '../src/errors.js';
import { venueSchema } from '../src/config/schema.js';
import { Decimal } from '../src/money.js';
import type { SwapRequest, UnsignedEvmTransaction } from '../src/ports/swap.js';
import type { Venue, VenueDeps } from '../src/ports.js';
import { fakeQuoterV2, fakeV2Router, startFakeEvmNode, type FakePool, type FakeEvmNode } from './fakes/fake-evm-node.js';

const ALICE = '0x1111111111111111111111111111111111111111';
const BOB = '0x2222222222222222222222222222222222222222';
const USDC = '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48';
const WETH = '0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2';
const WBTC = '0x2260fac5e5542a773aa44fbcfedf7c193bc2c599';
const QUOTER = '0x5555555555555555555555555555555555555555';
const ROUTER = '0x6666666666666666666666666666666666666666';
const SWAP_ROUTER02 = '0x68b3465833fb72A70ecDF485E0e4C7bD8665Fc45';
const E18 = 10n ** 18n;

// The deployed contracts' functions, from their Solidity sources (Uniswap swap-router-contracts
// IV3SwapRouter: no deadline in the struct; UniswapV2Router02), not from the adapter's ABIs.
const swapRouter02 = parseAbi([
  'function exactInputSingle((address tokenIn, address tokenOut, uint24 fee, address recipient, uint256 amountIn, uint256 amountOutMinimum, uint160 sqrtPriceLimitX96) params) payable returns (uint256 amountOut)',
  'function multicall(uint256 deadline, bytes[] data) payable returns (bytes[] results)',
]);
const v2Router02 = parseAbi(['function swapExactTokensForTokens(uint256 amountIn, uint256 amountOutMin, address[] path, address to, uint256 deadline) returns (uint256[] amounts)']);

// 1000 WETH against 3,000,000 USDC; 50 WBTC against 5,000,000 USDC; 100 WETH against 3 WBTC.
const pools = (fee: number, extra: Partial<FakePool> = {}): FakePool[] => [
  { tokens: [WETH, USDC], reserves: [1000n * E18, 3_000_000n * 10n ** 6n], fee, ...extra },
  { tokens: [WBTC, USDC], reserves: [50n * 10n ** 8n, 5_000_000n * 10n ** 6n], fee },
  { tokens: [WETH, WBTC], reserves: [100n * E18, 3n * 10n ** 8n], fee },
];

/** UniswapV2Library.getAmountOut, the fee as numerator/denominator (997/1000 for 0.3%). */
const getAmountOut = (amountIn: bigint, reserveIn: bigint, reserveOut: bigint, [num, den]: readonly [bigint, bigint]) => (amountIn * num * reserveOut) / (reserveIn * den + amountIn * num);
const WETH_USDC = [1000n * E18, 3_000_000n * 10n ** 6n] as const;

let node: FakeEvmNode | undefined;
afterEach(() => node?.close());

interface Chain {
  chainId?: number;
  poolFee?: number;
  maxIn?: bigint;
  /** ALICE's allowances to the swap router, by token. */
  allowances?: Record<string, bigint>;
}

async function start({ chainId = 1, poolFee = 3000, maxIn, allowances = {} }: Chain = {}): Promise<FakeEvmNode> {
  const spender = (chainId === 1 ? SWAP_ROUTER02 : ROUTER).toLowerCase();
  const allow = (token: string) => ({ [ALICE]: { [spender]: allowances[token] ?? 0n, [ROUTER]: allowances[token] ?? 0n } });
  const backing = pools(poolFee, maxIn === undefined ? {} : { maxIn });
  node = await startFakeEvmNode({
    chainId,
    multicall: true,
    native: {},
    tokens: {
      [USDC]: { decimals: 6, balances: {}, allowances: allow(USDC) },
      [WETH]: { decimals: 18, balances: {}, allowances: allow(WETH) },
      [WBTC]: { decimals: 8, balances: {}, allowances: allow(WBTC) },
    },
    contracts: { [QUOTER]: fakeQuoterV2(backing), [ROUTER]: fakeV2Router(backing) },
  });
  return node;
}

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const deps: VenueDeps = { clock: { now: () => new Date('2026-11-29T12:00:00Z') }, ledger: {} as VenueDeps['ledger'], env: {}, logger: quiet, currency: 'USD', prices: {}, priceHistory: {} };
const venue = (url: string, block: Record<string, unknown> = {}): Venue =>
  createDexVenue('dex', venueSchema.parse({ kind: 'dex', adapter: 'uniswap', chain_id: 1, rpc_url: url, quote: 'USDC', quoter: QUOTER, tokens: { USDC, WETH, WBTC }, addresses: [ALICE], ...block }), deps);
const sushi = (url: string, block: Record<string, unknown> = {}) => venue(url, { adapter: 'sushiswap', router: ROUTER, quoter: undefined, ...block });

const quote = (v: Venue, side: 'buy' | 'sell', quantity: string, symbol = 'WETH/USDC') => v.quoteSwap!({ symbol, side, quantity: new Decimal(quantity) });
const swap = (v: Venue, request: Partial<SwapRequest> & { quantity: Decimal; minAmountOut: Decimal }) =>
  v.buildSwap!({ symbol: 'WETH/USDC', side: 'sell', clientOrderId: 'reb-1-0', from: ALICE, ...request });
const figures = (q: Awaited<ReturnType<typeof quote>>) => ({ amountIn: q.amountIn.toFixed(), amountOut: q.amountOut.toFixed(), price: q.price.toFixed(), referencePrice: q.referencePrice.toFixed(), priceImpact: q.priceImpact.toFixed() });
const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as Error);
const evm = (tx: unknown) => tx as UnsignedEvmTransaction;

describe('DEX quoteSwap: the planned size through the pool', () => {
  it('a uniswap sell: exact input of Q WETH, and a price impact that grows with Q exactly as the constant-product pool gives it', async () => {
    const v = venue((await start()).url);
    const referenceOut = getAmountOut(E18, ...WETH_USDC, [997n, 1000n]);
    const referencePrice = fromBaseUnits(referenceOut, 6);
    const impacts: Decimal[] = [];
    for (const size of ['1', '10', '100', '400']) {
      const q = await quote(v, 'sell', size);
      const out = fromBaseUnits(getAmountOut(BigInt(size) * E18, ...WETH_USDC, [997n, 1000n]), 6);
      const price = out.div(size);
      expect(figures(q)).toEqual({ amountIn: size, amountOut: out.toFixed(), price: price.toFixed(), referencePrice: referencePrice.toFixed(), priceImpact: new Decimal(1).minus(price.div(referencePrice)).toFixed() });
      // And close to the closed form without integer flooring: 1 - (x + g) / (x + g Q), g = 0.997.
      const closed = new Decimal(1).minus(new Decimal(1000.997).div(new Decimal(1000).plus(new Decimal(size).times(0.997))));
      expect(q.priceImpact.minus(closed).abs().lt('1e-9')).toBe(true);
      expect([q.feeRate.toFixed(), q.source]).toEqual(['0.003', `uniswap QuoterV2 ${QUOTER}`]);
      impacts.push(q.priceImpact);
    }
    expect(impacts[0]!.toFixed()).toBe('0');
    expect(impacts.map((impact) => impact.toDecimalPlaces(4, Decimal.ROUND_HALF_EVEN).toFixed())).toEqual(['0', '0.0089', '0.0898', '0.2844']);
  });

  it('a uniswap buy: exact input of Q units worth of USDC at the 1-unit sell price, WETH out, the price in USDC per WETH, impact growing with Q', async () => {
    const v = venue((await start()).url);
    const oneOut = getAmountOut(E18, ...WETH_USDC, [997n, 1000n]);
    const oneWorth = getAmountOut(oneOut, WETH_USDC[1], WETH_USDC[0], [997n, 1000n]);
    const referencePrice = fromBaseUnits(oneOut, 6).div(fromBaseUnits(oneWorth, 18));
    const impacts: Decimal[] = [];
    for (const size of ['1', '10', '100']) {
      const q = await quote(v, 'buy', size);
      const amountIn = toBaseUnits(new Decimal(size).times(fromBaseUnits(oneOut, 6)), 6);
      const out = getAmountOut(amountIn, WETH_USDC[1], WETH_USDC[0], [997n, 1000n]);
      const price = fromBaseUnits(amountIn, 6).div(fromBaseUnits(out, 18));
      expect(figures(q)).toEqual({ amountIn: fromBaseUnits(amountIn, 6).toFixed(), amountOut: fromBaseUnits(out, 18).toFixed(), price: price.toFixed(), referencePrice: referencePrice.toFixed(), priceImpact: Decimal.max(price.div(referencePrice).minus(1), 0).toFixed() });
      expect(q.side).toBe('buy');
      impacts.push(q.priceImpact);
    }
    // 1 WETH sells for 2988.02 USDC; that much buys back 0.99203 WETH (two fees, two small impacts).
    expect(referencePrice.toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN).toFixed()).toBe('3012.02');
    expect(impacts.map((impact) => impact.toDecimalPlaces(4, Decimal.ROUND_HALF_EVEN).toFixed())).toEqual(['0', '0.0089', '0.0982']);
  });

  it('6-, 8- and 18-decimal tokens: amounts in to the token base unit (rounded down), out exactly as the pool pays', async () => {
    const v = venue((await start()).url);
    const wbtc = await quote(v, 'sell', '0.123456789', 'WBTC/USDC');
    expect(wbtc.amountIn.toFixed()).toBe('0.12345678');
    expect(wbtc.amountOut.toFixed()).toBe(fromBaseUnits(getAmountOut(12_345_678n, 50n * 10n ** 8n, 5_000_000n * 10n ** 6n, [997n, 1000n]), 6).toFixed());
    const weth = await quote(v, 'sell', '1.000000000000000001', 'WETH/WBTC');
    expect(weth.amountIn.toFixed()).toBe('1.000000000000000001');
    expect(weth.amountOut.toFixed()).toBe(fromBaseUnits(getAmountOut(E18 + 1n, 100n * E18, 3n * 10n ** 8n, [997n, 1000n]), 8).toFixed());
    const buy = await quote(v, 'buy', '0.5', 'WETH/WBTC');
    // Half a unit's worth moves the pool less than the 1-unit reference did: a better price, the impact floored at 0.
    expect([buy.amountIn.decimalPlaces() <= 8, buy.amountOut.decimalPlaces() <= 18, buy.price.lt(buy.referencePrice), buy.priceImpact.toFixed()]).toEqual([true, true, true, '0']);
  });

  it('sushiswap and pancakeswap quote through the V2 router getAmountsOut, fee 0.3% and 0.25% unless fee_tier says', async () => {
    for (const [adapter, fee, ratio] of [['sushiswap', 3000, [997n, 1000n]], ['pancakeswap', 2500, [9975n, 10000n]]] as const) {
      const v = sushi((await start({ poolFee: fee })).url, { adapter });
      const q = await quote(v, 'sell', '25');
      expect([q.amountOut.toFixed(), q.feeRate.toFixed(), q.source]).toEqual([fromBaseUnits(getAmountOut(25n * E18, ...WETH_USDC, ratio), 6).toFixed(), fee === 3000 ? '0.003' : '0.0025', `${adapter} router ${ROUTER}`]);
      await node!.close();
    }
    node = await start({ poolFee: 2500 });
    expect((await quote(sushi(node.url, { fee_tier: 2500 }), 'sell', '1')).feeRate.toFixed()).toBe('0.0025');
  });

  it('a quote the contract reverts (no pool, or no liquidity for that size) names the pair, the size and the contract', async () => {
    const v = venue((await start({ maxIn: 50n * E18 })).url);
    const tooBig = await failure(quote(v, 'sell', '60'));
    expect(tooBig).toBeInstanceOf(VenueError);
    expect(tooBig!.message).toBe(`Venue "dex" failed to quote a swap: the QuoterV2 ${QUOTER} could not quote a sell of 60 WETH for USDC at fee tier 3000: the call reverted; is there a WETH/USDC pool with liquidity for that size?`);
    expect((tooBig as VenueError).retryable).toBe(false);
    const noPool = await failure(quote(venue(node!.url, { fee_tier: 500 }), 'buy', '2'));
    expect(noPool!.message).toContain(`could not quote a sell of 1 WETH for USDC (the reference quote) at fee tier 500: the call reverted; is there a WETH/USDC pool`);
  });

  it('refuses what it cannot swap: an unknown token, the zero address (native coin), a quantity of nothing', async () => {
    const v = venue((await start()).url, { tokens: { USDC, WETH, WBTC, ETH: '0x0000000000000000000000000000000000000000' } });
    expect((await failure(quote(v, 'sell', '1', 'DOGE/USDC')))!.message).toBe('Venue "dex": cannot swap DOGE/USDC: DOGE is not among tokens: (USDC, WETH, WBTC, ETH).');
    const native = await failure(quote(v, 'sell', '1', 'ETH/USDC'));
    expect([native instanceof UsageError, native!.message]).toEqual([true, expect.stringContaining('tokens.ETH is the zero address, which stands for the native coin; swaps here move ERC-20 tokens only')]);
    expect((await failure(quote(v, 'sell', '0')))!.message).toContain('the quantity must be above 0');
    expect((await failure(quote(v, 'sell', '0.0000000000000000001')))!.message).toContain('puts in less than one base unit of WETH (0.000000000000000001)');
  });
});

describe('DEX buildSwap: unsigned transactions for the wallet to sign', () => {
  it('uniswap: approve exactly the input to SwapRouter02 when the allowance is short, then exactInputSingle paying the signer', async () => {
    const v = venue((await start({ allowances: { [WETH]: 10n * E18 - 1n } })).url);
    const built = await swap(v, { quantity: new Decimal(10), minAmountOut: new Decimal('29000.0000001') });
    expect(built.quote).toEqual(await quote(v, 'sell', '10'));
    expect([built.clientOrderId, built.venue, built.minAmountOut.toFixed(), built.transactions.length]).toEqual(['reb-1-0', 'dex', '29000.0000001', 2]);
    const [approve, call] = built.transactions.map(evm);
    expect({ ...approve, data: undefined, description: undefined }).toEqual({ chain: 'evm', chainId: 1, from: ALICE, to: WETH, data: undefined, value: '0', description: undefined });
    expect(decodeFunctionData({ abi: erc20Abi, data: approve!.data as Hex })).toEqual({ functionName: 'approve', args: [SWAP_ROUTER02, 10n * E18] });
    expect(approve!.description).toBe(`approve 10 WETH for the uniswap SwapRouter02 ${SWAP_ROUTER02} (this swap's input exactly; the allowance is 9.999999999999999999)`);
    expect([call!.to, call!.from, call!.value, call!.data.slice(0, 10)]).toEqual([SWAP_ROUTER02, ALICE, '0', '0x5ae401dc']);
    const outer = decodeFunctionData({ abi: swapRouter02, data: call!.data as Hex });
    if (outer.functionName !== 'multicall') throw new Error(`expected multicall, got ${outer.functionName}`);
    const [deadline, inner] = outer.args;
    expect([deadline, inner.length, inner[0]!.slice(0, 10)]).toEqual([1795954800n, 1, '0x04e45aaf']);
    const single = decodeFunctionData({ abi: swapRouter02, data: inner[0]! });
    if (single.functionName !== 'exactInputSingle') throw new Error(`expected exactInputSingle, got ${single.functionName}`);
    const [params] = single.args;
    expect({ ...params, tokenIn: params.tokenIn.toLowerCase(), tokenOut: params.tokenOut.toLowerCase(), recipient: params.recipient.toLowerCase() }).toEqual({
      tokenIn: WETH, tokenOut: USDC, fee: 3000, recipient: ALICE, amountIn: 10n * E18, amountOutMinimum: 29_000_000_001n, sqrtPriceLimitX96: 0n,
    });
    expect(call!.description).toMatch(new RegExp(`^swap 10 WETH for at least 29000.0000001 USDC through the uniswap SwapRouter02 ${SWAP_ROUTER02}, paid to ${ALICE} \\(quoted 29614\\.741031 USDC, fee 0\\.3%, price impact 0\\.8884%; valid until 2026-11-29T12:20:00.000Z\\)$`));
  });

  it('no approval when the allowance already covers the input', async () => {
    const v = venue((await start({ allowances: { [WETH]: 10n * E18 } })).url);
    const built = await swap(v, { quantity: new Decimal(10), minAmountOut: new Decimal(29000) });
    expect(built.transactions.map((tx) => evm(tx).to)).toEqual([SWAP_ROUTER02]);
  });

  it('sushiswap buy: approve the USDC in to the router, then swapExactTokensForTokens along [USDC, WETH] to the signer, valid 20 minutes', async () => {
    const v = sushi((await start({ chainId: 1 })).url);
    const built = await swap(v, { side: 'buy', quantity: new Decimal(2), minAmountOut: new Decimal('1.9000000000000000001') });
    const amountIn = toBaseUnits(built.quote.amountIn, 6);
    const [approve, call] = built.transactions.map(evm);
    expect([approve!.to, decodeFunctionData({ abi: erc20Abi, data: approve!.data as Hex }).args]).toEqual([USDC, [ROUTER, amountIn]]);
    expect([call!.to, call!.data.slice(0, 10)]).toEqual([ROUTER, '0x38ed1739']);
    const { args } = decodeFunctionData({ abi: v2Router02, data: call!.data as Hex });
    expect([args[0], args[1], args[2].map((a) => a.toLowerCase()), args[3].toLowerCase(), args[4]]).toEqual([amountIn, 1_900_000_000_000_000_001n, [USDC, WETH], ALICE, 1_795_954_800n]);
    expect(call!.description).toContain('valid until 2026-11-29T12:20:00.000Z');
  });

  it('refuses, with the figures, a swap whose fresh quote already pays less than the minimum', async () => {
    const v = venue((await start()).url);
    const error = await failure(swap(v, { quantity: new Decimal(10), minAmountOut: new Decimal(30000) }));
    expect(error).toBeInstanceOf(VenueError);
    expect(error!.message).toMatch(/^Venue "dex" failed to build a swap: refused the sell of 10 WETH on WETH\/USDC: 10 WETH now quotes 29614\.741031 USDC out, below the minimum 30000 USDC \(price 2961\.4741031, reference 2988\.020943, impact 0\.8884%\); plan again or allow more slippage\.$/);
    expect((await failure(swap(v, { quantity: new Decimal(10), minAmountOut: new Decimal(0) })))!.message).toContain('minAmountOut 0 for WETH/USDC must be above 0');
  });

  it('refuses a from that is not among the venue addresses:, before asking the node anything', async () => {
    const v = venue((await start()).url);
    const asked = node!.requests.length;
    const error = await failure(swap(v, { from: BOB, quantity: new Decimal(1), minAmountOut: new Decimal(1) }));
    expect(error).toBeInstanceOf(UsageError);
    expect(error!.message).toBe(`Venue "dex": from "${BOB}" is not one of the venue's addresses: (${ALICE}); swaps are built only for the wallets it counts.`);
    expect(node!.requests.length).toBe(asked);
  });

  it('swap_router: needed by uniswap off mainnet (quotes still work without it), refused on a V2 venue; a node on another chain refused', async () => {
    const base = venue((await start({ chainId: 8453 })).url, { chain_id: 8453 });
    expect((await quote(base, 'sell', '1')).amountIn.toFixed()).toBe('1');
    const error = await failure(swap(base, { quantity: new Decimal(1), minAmountOut: new Decimal(1) }));
    expect([error instanceof UsageError, error!.message]).toEqual([true, 'Venue "dex": adapter uniswap on chain 8453 needs swap_router: (the Uniswap SwapRouter02 address on that chain) to build swaps.']);
    const built = await swap(venue(node!.url, { chain_id: 8453, swap_router: ROUTER }), { quantity: new Decimal(1), minAmountOut: new Decimal(1) });
    expect(built.transactions.map((tx) => [evm(tx).chainId, evm(tx).to])).toEqual([[8453, WETH], [8453, ROUTER]]);
    expect(() => sushi(node!.url, { swap_router: ROUTER })).toThrow('swap_router: is for adapter uniswap; a sushiswap router quotes and swaps, so router: serves both');
    const wrongChain = await failure(swap(venue(node!.url, { chain_id: 1 }), { quantity: new Decimal(1), minAmountOut: new Decimal(1) }));
    expect(wrongChain!.message).toContain('the node at rpc_url is on chain 8453, not chain_id 1');
  });

  it('an rpc_url from the environment stays out of swap errors; a node that is down is a retryable venue error', async () => {
    const url = (await start({ maxIn: E18 })).url;
    const v = createDexVenue('dex', venueSchema.parse({ kind: 'dex', adapter: 'uniswap', rpc_url: '${DEX_RPC}', quote: 'USDC', quoter: QUOTER, tokens: { USDC, WETH }, addresses: [ALICE] }), { ...deps, env: { DEX_RPC: url } });
    const reverted = await failure(quote(v, 'sell', '2'));
    const chain = [reverted!, reverted!.cause as Error];
    expect(chain.map((e) => `${e.message}${e.stack ?? ''}`.includes(url))).toEqual([false, false]);
    await node!.close();
    const down = await failure(swap(v, { quantity: new Decimal(1), minAmountOut: new Decimal(1) }));
    expect([down instanceof VenueError, (down as VenueError).retryable, down!.message.includes(url), down!.message.startsWith('Venue "dex" failed to build a swap: ')]).toEqual([true, true, false, true]);
  });
});
