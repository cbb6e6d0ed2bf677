// adapter: uniswap / sushiswap / pancakeswap against a fake JSON-RPC node, through viem's real
// http transport: prices from QuoterV2 quoteExactInputSingle and V2 getAmountsOut, exact for 6-
// and 18-decimal tokens, markets with token-decimal steps and the pool fee, wallet balances, and a
// reverted quote as an error a user can act on.
import { afterEach, describe, expect, it } from 'vitest';
import { decodeFunctionData, encodeFunctionResult, type Hex } from 'viem';
import { quoterV2Abi, v2RouterAbi } from '../src/adapters/dex/abis.js';
import { createDexVenue } from '../src/adapters/dex/create-dex-venue.js';
import { VenueError } from '../src/errors.js';
import { startFakeEvmNode, type FakeEvmChain, type FakeEvmNode } from './fakes/fake-evm-node.js';
import { venueSchema } from '../src/config/schema.js';
import { Decimal } from '../src/money.js';
import type { VenueDeps } from '../src/ports.js';
import { holdings } from './fakes/wallet-venue.js';

const ALICE = '0x1111111111111111111111111111111111111111';
const USDC = '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48';
const WETH = '0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2';
const WBTC = '0x2260fac5e5542a773aa44fbcfedf7c193bc2c599';
const QUOTER = '0x5555555555555555555555555555555555555555';
const ROUTER = '0x6666666666666666666666666666666666666666';

// Out amounts per 1 whole unit in, in USDC base units (6 decimals); WBTC has 8 decimals, WETH 18.
const OUT: Record<string, bigint> = { [WETH]: 3_456_789_123n, [WBTC]: 95_000_123_456n };
const IN: Record<string, bigint> = { [WETH]: 10n ** 18n, [WBTC]: 10n ** 8n };
const fees: number[] = [];

function quoter(data: Hex): Hex | undefined {
  const call = decodeFunctionData({ abi: quoterV2Abi, data });
  const [p] = call.args;
  fees.push(p.fee);
  if (p.tokenOut.toLowerCase() !== USDC || p.amountIn !== IN[p.tokenIn.toLowerCase()] || p.fee !== 500) return undefined;
  return encodeFunctionResult({ abi: quoterV2Abi, functionName: 'quoteExactInputSingle', result: [OUT[p.tokenIn.toLowerCase()]!, 0n, 1, 90_000n] });
}

function router(data: Hex): Hex | undefined {
  const [amountIn, path] = decodeFunctionData({ abi: v2RouterAbi, data }).args;
  const [from, to] = path.map((a) => a.toLowerCase());
  if (to !== USDC || amountIn !== IN[from!]) return undefined;
  return encodeFunctionResult({ abi: v2RouterAbi, functionName: 'getAmountsOut', result: [amountIn, OUT[from!]!] });
}

const chain: FakeEvmChain = {
  chainId: 1,
  multicall: true,
  native: { [ALICE]: 2n * 10n ** 18n },
  tokens: {
    [USDC]: { decimals: 6, balances: { [ALICE]: 1_000_500_000n } },
    [WETH]: { decimals: 18, balances: { [ALICE]: 1n } },
    [WBTC]: { decimals: 8, balances: {} },
  },
  contracts: { [QUOTER]: quoter, [ROUTER]: router },
};

let node: FakeEvmNode | undefined;
afterEach(() => node?.close());

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
// Reporting currency USD, where the config says USDC: 1 unless a test says otherwise.
const venueWith = (block: Record<string, unknown>, pricing: Partial<VenueDeps> = { prices: { USDC: new Decimal(1) } }) => {
  const deps: VenueDeps = { clock: { now: () => new Date('2026-11-29T12:00:00Z') }, ledger: {} as VenueDeps['ledger'], env: {}, logger: quiet, currency: 'USD', prices: {}, priceHistory: {}, ...pricing };
  return createDexVenue('dex', venueSchema.parse({ kind: 'dex', ...block }), deps);
};
const dex = (url: string, extra: Record<string, unknown> = {}, pricing?: Partial<VenueDeps>) =>
  venueWith({ adapter: 'uniswap', chain_id: 1, rpc_url: url, quote: 'USDC', quoter: QUOTER, fee_tier: 500, tokens: { USDC, WETH, WBTC }, ...extra }, pricing);
const prices = async (venue: ReturnType<typeof dex>, assets: string[]) => (await venue.fetchPrices(assets)).map((q) => [q.asset, q.price.toFixed()]);

describe('adapter: uniswap / sushiswap / pancakeswap', () => {
  it('uniswap prices 1 unit of an 18- and an 8-decimal token in the 6-decimal quote token exactly, from QuoterV2 at the fee tier', async () => {
    node = await startFakeEvmNode(chain);
    fees.length = 0;
    expect(await prices(dex(node.url), ['WETH', 'WBTC', 'USDC', 'DOGE'])).toEqual([
      ['WETH', '3456.789123'],
      ['WBTC', '95000.123456'],
    ]);
    expect(fees).toEqual([500, 500]);
  });

  it('sushiswap and pancakeswap price through the V2 router getAmountsOut', async () => {
    node = await startFakeEvmNode(chain);
    for (const adapter of ['sushiswap', 'pancakeswap']) {
      expect(await prices(dex(node.url, { adapter, router: ROUTER, quoter: undefined }), ['WETH'])).toEqual([['WETH', '3456.789123']]);
    }
  });

  it('values the quote token through the config prices: when it is not the reporting currency, and prices nothing when it has no value', async () => {
    node = await startFakeEvmNode(chain);
    expect(await prices(dex(node.url, {}, { prices: { USDC: new Decimal('0.999') } }), ['WETH'])).toEqual([['WETH', '3453.332333877']]);
    expect(await prices(dex(node.url, {}, { currency: 'USDC', prices: {} }), ['WETH'])).toEqual([['WETH', '3456.789123']]);
    expect(await prices(dex(node.url, {}, { prices: {} }), ['WETH'])).toEqual([]);
  });

  it('markets: one per token against the quote, steps from token decimals, the pool fee as taker fee', async () => {
    node = await startFakeEvmNode(chain);
    const markets = (await dex(node.url).fetchMarkets()).map((m) => [m.symbol, m.amountStep.toFixed(), m.priceStep.toFixed(), m.takerFee.toFixed()]);
    expect(markets).toEqual([
      ['WETH/USDC', '0.000000000000000001', '0.000001', '0.0005'],
      ['WBTC/USDC', '0.00000001', '0.000001', '0.0005'],
    ]);
  });

  it('reads the addresses balances like an evm wallet, and trades by swaps only, never by orders', async () => {
    node = await startFakeEvmNode(chain);
    const venue = dex(node.url, { addresses: [ALICE] });
    expect(await holdings(venue)).toEqual([
      ['ETH', '2', '2'],
      ['USDC', '1000.5', '1000.5'],
      ['WETH', '0.000000000000000001', '0.000000000000000001'],
    ]);
    expect(venue.capabilities).toEqual({ trade: true, limitOrders: false, marketOrders: true, withdraw: false, priceHistory: false, swap: true });
    expect([venue.placeOrder, venue.fetchOrder, venue.cancelOrder]).toEqual([undefined, undefined, undefined]);
    expect([typeof venue.quoteSwap, typeof venue.buildSwap]).toEqual(['function', 'function']);
  });

  it('a reverted quote (no pool at that fee tier) is a clear, non-retryable venue error', async () => {
    node = await startFakeEvmNode(chain);
    const error = await dex(node.url, { fee_tier: 3000 }).fetchPrices(['WETH']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VenueError);
    expect((error as VenueError).message).toContain(`QuoterV2 ${QUOTER} could not quote 1 WETH in USDC (fee tier 3000): the call reverted`);
    expect((error as VenueError).retryable).toBe(false);
  });

  it('a node that is down is a retryable venue error, not taken for a revert', async () => {
    node = await startFakeEvmNode(chain);
    const venue = dex(node.url);
    await node.close();
    const error = await venue.fetchPrices(['WETH']).catch((e: unknown) => e);
    expect([error instanceof VenueError, (error as VenueError).retryable, (error as VenueError).message.includes('reverted')]).toEqual([true, true, false]);
  });

  it('refuses a config it cannot quote with: no quote token among tokens:, or a chain with no default quoter', () => {
    expect(() => dex('http://127.0.0.1:9', { quote: 'DAI' })).toThrow('needs quote: naming one of tokens:');
    expect(() => dex('http://127.0.0.1:9', { chain_id: 8453, quoter: undefined })).toThrow('adapter uniswap on chain 8453 needs quoter:');
    expect(() => dex('http://127.0.0.1:9', { quoter: '0x123' })).toThrow('is not a quoter address');
  });
});
