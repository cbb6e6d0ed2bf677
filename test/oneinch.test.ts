// adapter: 1inch against a fake of 1inch's Swap API v6.0 and a fake JSON-RPC node, both on
// 127.0.0.1, through fetch and viem's http transport: prices exact for 6-, 8- and 18-decimal
// tokens, quoteSwap's price impact at size, buildSwap's approval and swap transactions and its
// refusals, 1inch's errors as ours (429/5xx retryable, a 400 in 1inch's words), the API key never
// in an error, and the config refusing what the adapter could not run with.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeFunctionData, erc20Abi } from 'viem';
import { createOneInchVenueWith } from '../src/adapters/oneinch/create-oneinch-venue.js';
import { slippageBasisPoints } from '../src/adapters/oneinch/build-swap.js';
import { venueSchema } from '../src/config/schema.js';
import { ConfigError, parseConfigText } from '../src/config.js';
import { VenueError } from '../src/errors.js';
import { Decimal } from '../src/money.js';
import type { SwapRequest, UnsignedEvmTransaction, Venue, VenueDeps } from '../src/ports.js';
import { NATIVE, oneInchError, startFake1inch, type Fake1inch } from './fakes/fake-1inch.js';
import { startFakeEvmNode, type FakeEvmNode } from './fakes/fake-evm-node.js';
import { holdings } from './fakes/wallet-venue.js';
import { runKit, writeConfig } from './helpers/run-kit.js';

const KEY = 'oneinch-test-key-7Hq2Zp9Lw4';
const ALICE = '0x1111111111111111111111111111111111111111';
const BOB = '0x2222222222222222222222222222222222222222';
const ROUTER = '0x111111125421cA6dc452d289314280a0f8842A65';
const USDC = '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48';
const WETH = '0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2';
const WBTC = '0x2260fac5e5542a773aa44fbcfedf7c193bc2c599';
const DAI = '0x6b175474e89094c44da98b954eedeac495271d0f';
/** A token the node knows and 1inch has no route for. */
const PEPE = '0x6982508145454ce325ddbe47a25d4ec3d2311933';

// The fake market: USDC base units (6 decimals) per whole token, and decimals; up to $100,000 a
// swap pays the linear price, beyond that a $1,000,000-deep pool pays less and less.
const PRICE: Record<string, bigint> = { [USDC]: 1_000_000n, [WETH]: 3_456_789_123n, [NATIVE]: 3_456_789_123n, [WBTC]: 95_000_123_456n, [DAI]: 999_800n };
const DECIMALS: Record<string, number> = { [USDC]: 6, [WETH]: 18, [NATIVE]: 18, [WBTC]: 8, [DAI]: 18 };
const FREE = 100_000_000_000n;
const DEPTH = 1_000_000_000_000n;
function pays(src: string, dst: string, amount: bigint): bigint | undefined {
  if (PRICE[src] === undefined || PRICE[dst] === undefined) return undefined;
  const value = (amount * PRICE[src]!) / 10n ** BigInt(DECIMALS[src]!);
  const linear = (value * 10n ** BigInt(DECIMALS[dst]!)) / PRICE[dst]!;
  return value <= FREE ? linear : (linear * DEPTH) / (DEPTH + value - FREE);
}

let fake: Fake1inch;
let node: FakeEvmNode;
beforeAll(async () => {
  fake = await startFake1inch({ apiKey: KEY, chainId: 1, router: ROUTER, quote: pays, allowances: { [USDC]: { [ALICE]: 5_000_000n }, [WBTC]: { [ALICE]: 10n ** 8n } } });
  node = await startFakeEvmNode({
    chainId: 1,
    multicall: true,
    native: { [ALICE]: 2n * 10n ** 18n },
    tokens: { [USDC]: { decimals: 6, balances: { [ALICE]: 1_000_500_000n } }, [WETH]: { decimals: 18, balances: { [ALICE]: 1n } }, [WBTC]: { decimals: 8, balances: {} }, [DAI]: { decimals: 18, balances: {} }, [PEPE]: { decimals: 18, balances: {} } },
  });
});
afterAll(async () => {
  await Promise.all([fake.close(), node.close()]);
});
beforeEach(() => fake.reset());

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
function oneinch(block: Record<string, unknown> = {}, deps: Partial<VenueDeps> = {}): Venue {
  const config = venueSchema.parse({ kind: 'dex', adapter: '1inch', chain_id: 1, rpc_url: node.url, base_url: fake.url, quote: 'USDC', tokens: { USDC, WETH, WBTC, DAI }, addresses: [ALICE], credentials: { api_key: '${ONEINCH_API_KEY}' }, ...block });
  const all: VenueDeps = { clock: { now: () => new Date('2026-11-29T12:00:00Z') }, ledger: {} as VenueDeps['ledger'], env: { ONEINCH_API_KEY: KEY }, logger: quiet, currency: 'USD', prices: { USDC: new Decimal(1) }, priceHistory: {}, ...deps };
  return createOneInchVenueWith('oneinch', config, all, { timeoutMs: 2_000 });
}
const swap = (venue: Venue, request: Partial<SwapRequest>) =>
  venue.buildSwap!({ symbol: 'WETH/USDC', side: 'sell', quantity: new Decimal(2), clientOrderId: 'kit-1', from: ALICE, minAmountOut: new Decimal(6900), ...request });
const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('expected a failure'), (error: unknown) => error as VenueError);

describe('adapter: 1inch, reading', () => {
  it('prices one whole unit of 18-, 8- and 18-decimal tokens in the 6-decimal quote token exactly, the native coin included', async () => {
    const quotes = await oneinch().fetchPrices(['WETH', 'WBTC', 'DAI', 'ETH', 'USDC', 'DOGE']);
    expect(quotes.map((q) => [q.asset, q.price.toFixed(), q.source])).toEqual([
      ['WETH', '3456.789123', 'oneinch'],
      ['WBTC', '95000.123456', 'oneinch'],
      ['DAI', '0.9998', 'oneinch'],
      ['ETH', '3456.789123', 'oneinch'],
    ]);
    expect(fake.calls('quote').map((r) => `${r.params.get('src')} ${r.params.get('dst')} ${r.params.get('amount')}`).sort()).toEqual([
      `${WBTC} ${USDC} 100000000`,
      `${DAI} ${USDC} 1000000000000000000`,
      `0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE ${USDC} 1000000000000000000`,
      `${WETH} ${USDC} 1000000000000000000`,
    ]);
    expect(fake.requests.every((r) => r.headers.authorization === `Bearer ${KEY}` && !r.query.includes(KEY))).toBe(true);
  });

  it('values the quote token through the config prices: when it is not the reporting currency, and prices nothing when it has no value', async () => {
    expect((await oneinch({}, { prices: { USDC: new Decimal('0.999') } }).fetchPrices(['WETH'])).map((q) => q.price.toFixed())).toEqual(['3453.332333877']);
    expect(await oneinch({}, { currency: 'EUR', prices: {} }).fetchPrices(['WETH'])).toEqual([]);
    expect(fake.calls('quote')).toHaveLength(1);
  });

  it('reads the addresses balances through the node like an evm wallet, and declares swaps, not orders', async () => {
    const venue = oneinch();
    expect(await holdings(venue)).toEqual([
      ['ETH', '2', '2'],
      ['USDC', '1000.5', '1000.5'],
      ['WETH', '0.000000000000000001', '0.000000000000000001'],
    ]);
    expect(venue.capabilities).toEqual({ trade: true, limitOrders: false, marketOrders: true, withdraw: false, priceHistory: false, swap: true });
    expect(venue.placeOrder).toBeUndefined();
  });

  it('markets: one per token against the quote, steps from the token decimals, no fee unless fee_tier says one', async () => {
    const rows = async (venue: Venue) => (await venue.fetchMarkets()).map((m) => [m.symbol, m.amountStep.toFixed(), m.priceStep.toFixed(), m.takerFee.toFixed()]);
    expect(await rows(oneinch())).toEqual([
      ['WETH/USDC', '0.000000000000000001', '0.000001', '0'],
      ['WBTC/USDC', '0.00000001', '0.000001', '0'],
      ['DAI/USDC', '0.000000000000000001', '0.000001', '0'],
      ['ETH/USDC', '0.000000000000000001', '0.000001', '0'],
    ]);
    expect((await rows(oneinch({ fee_tier: 500 })))[0]).toEqual(['WETH/USDC', '0.000000000000000001', '0.000001', '0.0005']);
    // One quote checks that 1inch answers with this key.
    expect(fake.calls('quote').map((r) => r.params.get('src'))).toEqual([WETH, WETH]);
  });
});

describe('adapter: 1inch, quoteSwap', () => {
  it('a small sell has no impact; a big one is priced worse than one unit, by the impact it reports', async () => {
    const venue = oneinch();
    const small = await venue.quoteSwap!({ symbol: 'WETH/USDC', side: 'sell', quantity: new Decimal(2) });
    expect([small.amountIn.toFixed(), small.amountOut.toFixed(), small.price.toFixed(), small.referencePrice.toFixed(), small.priceImpact.toFixed(), small.feeRate.toFixed(), small.source]).toEqual(['2', '6913.578246', '3456.789123', '3456.789123', '0', '0', '1inch']);
    const big = await venue.quoteSwap!({ symbol: 'WETH/USDC', side: 'sell', quantity: new Decimal(40) });
    // 40 WETH is worth $138,271.56: $38,271.56 past the free depth, so the pool pays 1/1.03827... of it.
    expect(big.amountOut.toFixed()).toBe('133174.758504');
    expect(big.price.toFixed()).toBe('3329.3689626');
    expect(big.priceImpact.toFixed(6)).toBe('0.036861');
    expect(big.priceImpact.eq(new Decimal(1).minus(big.price.div(big.referencePrice)))).toBe(true);
  });

  it("a buy spends Q times the 1-unit price of quote and reports the base out; the impact at size is price over reference minus 1", async () => {
    const venue = oneinch();
    const small = await venue.quoteSwap!({ symbol: 'WETH/USDC', side: 'buy', quantity: new Decimal(10) });
    expect([small.amountIn.toFixed(), small.amountOut.toFixed(), small.price.toFixed(), small.priceImpact.toFixed()]).toEqual(['34567.89123', '10', '3456.789123', '0']);
    const big = await venue.quoteSwap!({ symbol: 'WETH/USDC', side: 'buy', quantity: new Decimal(40) });
    expect(big.amountIn.toFixed()).toBe('138271.56492');
    expect(big.amountOut.toFixed()).toBe('38.525566288702171385');
    expect(big.referencePrice.toFixed()).toBe('3456.789123');
    expect(big.priceImpact.toFixed(6)).toBe('0.038272');
    expect(big.priceImpact.eq(big.price.div(big.referencePrice).minus(1))).toBe(true);
  });

  it('an 8-decimal base: the amount in is exact base units', async () => {
    await oneinch().quoteSwap!({ symbol: 'WBTC/USDC', side: 'sell', quantity: new Decimal('0.12345678') });
    expect(fake.calls('quote').map((r) => r.params.get('amount'))).toEqual(['100000000', '12345678']);
  });

  it('refuses a pair of tokens it does not have and a route 1inch has no liquidity for, in words', async () => {
    expect((await failure(oneinch().quoteSwap!({ symbol: 'DOGE/USDC', side: 'sell', quantity: new Decimal(1) }))).message).toContain('DOGE is not one of this venue\'s tokens (USDC, WETH, WBTC, DAI, ETH)');
    const noRoute = await failure(oneinch({ tokens: { USDC, PEPE } }).quoteSwap!({ symbol: 'PEPE/USDC', side: 'sell', quantity: new Decimal(1000) }));
    expect([noRoute.retryable, noRoute.message]).toEqual([false, 'Venue "oneinch" failed to quote swap: 1inch refused GET /swap/v6.0/1/quote (HTTP 400): insufficient liquidity (Bad Request)']);
  });
});

describe('adapter: 1inch, buildSwap', () => {
  const decoded = (tx: UnsignedEvmTransaction) => decodeFunctionData({ abi: erc20Abi, data: tx.data as `0x${string}` });

  it('no allowance: approve exactly the amount in, then the swap, with the slippage that keeps the output above the minimum', async () => {
    const built = await swap(oneinch(), {});
    const [approve, swapTx] = built.transactions as UnsignedEvmTransaction[];
    expect(built.transactions).toHaveLength(2);
    expect(approve).toMatchObject({ chain: 'evm', chainId: 1, from: ALICE, to: WETH, value: '0', description: `approve 2 WETH for the 1inch router ${ROUTER}` });
    expect(decoded(approve!).args).toEqual([ROUTER, 2n * 10n ** 18n]);
    expect(fake.calls('approve/transaction')[0]!.params.get('amount')).toBe('2000000000000000000');
    const asked = fake.calls('swap')[0]!.params;
    // 6913.578246 quoted, 6900 at least: (1 - 6900/6913.578246) = 0.1964%, rounded down to 0.19%.
    expect(Object.fromEntries(asked)).toMatchObject({ src: WETH, dst: USDC, amount: '2000000000000000000', from: ALICE, origin: ALICE, slippage: '0.19', disableEstimate: 'true' });
    expect(swapTx).toMatchObject({ chain: 'evm', chainId: 1, from: ALICE, to: ROUTER, value: '0', description: `swap 2 WETH for at least 6900.442447 USDC (1inch expects 6913.578246 USDC) through the 1inch router ${ROUTER}` });
    expect(swapTx!.data).toMatch(/^0x07ed2379/);
    expect([built.clientOrderId, built.venue, built.quote.amountOut.toFixed(), built.minAmountOut.toFixed()]).toEqual(['kit-1', 'oneinch', '6913.578246', '6900']);
  });

  it('an allowance that covers the amount: the swap alone; one that does not: reset to 0, then approve the amount', async () => {
    const covered = await swap(oneinch(), { symbol: 'WBTC/USDC', quantity: new Decimal('0.5'), minAmountOut: new Decimal(47000) });
    expect(covered.transactions.map((tx) => tx.description.split(' ')[0])).toEqual(['swap']);
    const partial = await swap(oneinch(), { symbol: 'WETH/USDC', side: 'buy', quantity: new Decimal(1), minAmountOut: new Decimal('0.99') });
    expect(partial.transactions.map((tx) => tx.description)).toEqual([
      `reset the 1inch router ${ROUTER}'s USDC allowance to 0 (the token refuses to change a non-zero one)`,
      `approve 3456.789123 USDC for the 1inch router ${ROUTER}`,
      `swap 3456.789123 USDC for at least 0.99 WETH (1inch expects 1 WETH) through the 1inch router ${ROUTER}`,
    ]);
    expect(partial.transactions.slice(0, 2).map((tx) => decoded(tx as UnsignedEvmTransaction).args[1])).toEqual([0n, 3_456_789_123n]);
  });

  it('the native coin needs no approval and goes as the transaction value', async () => {
    const built = await swap(oneinch(), { symbol: 'ETH/USDC', quantity: new Decimal('1.5'), minAmountOut: new Decimal(5000) });
    expect(built.transactions).toHaveLength(1);
    expect(built.transactions[0]).toMatchObject({ value: '1500000000000000000', to: ROUTER });
    expect(fake.calls('approve/allowance')).toHaveLength(0);
  });

  it('refuses when the quoted output is already below the minimum, before asking for any transaction', async () => {
    const error = await failure(swap(oneinch(), { minAmountOut: new Decimal(7000) }));
    expect(error).toBeInstanceOf(VenueError);
    expect(error.retryable).toBe(false);
    expect(error.message).toBe('Venue "oneinch" failed to build swap: 1inch quotes 6913.578246 USDC for 2 WETH, below the minimum 7000 USDC; not built');
    expect(fake.calls('swap')).toHaveLength(0);
    expect(fake.calls('approve/transaction')).toHaveLength(0);
  });

  it("refuses a swap whose output, at the slippage sent, could fall below the minimum (the market moved between quote and swap)", async () => {
    fake.state.swapShortfallBp = 30n;
    expect((await failure(swap(oneinch(), {}))).message).toContain("1inch's swap returns 6892.837511 USDC and, at 0.19% slippage, as little as 6879.741119 USDC: below the minimum 6900 USDC; not built");
  });

  it('refuses answers that do not match the request: a swap for another sender, an unlimited approval, a wallet not in addresses:', async () => {
    fake.state.swapFrom = BOB;
    expect((await failure(swap(oneinch(), {}))).message).toContain(`1inch built the swap for ${BOB}, not for ${ALICE}; not used`);
    fake.state.swapFrom = undefined;
    fake.state.approveUnlimited = true;
    expect((await failure(swap(oneinch(), {}))).message).toContain(`allows ${(2n ** 256n - 1n).toString()} base units, not the 2000000000000000000 asked; not used`);
    expect((await failure(swap(oneinch(), { from: BOB }))).message).toContain(`${BOB} is not one of this venue's addresses (${ALICE})`);
  });

  it('slippage in whole basis points, rounded down, at most 1inch\'s 50%', () => {
    expect(slippageBasisPoints(10_000n, 9_950n)).toBe(50n);
    expect(slippageBasisPoints(10_000n, 9_951n)).toBe(49n);
    expect(slippageBasisPoints(10_000n, 10_000n)).toBe(0n);
    expect(slippageBasisPoints(10_000n, 0n)).toBe(5_000n);
    expect(() => slippageBasisPoints(10_000n, 10_001n)).toThrow('below the minimum');
  });
});

describe("adapter: 1inch, errors in 1inch's format", () => {
  it('429 and 5xx are retryable; a 400 says what 1inch said and is not', async () => {
    fake.failNext({ ...oneInchError(429, 'Too Many Requests', 'Too Many Requests'), headers: { 'retry-after': '2' } });
    const limited = await failure(oneinch().fetchPrices(['WETH']));
    expect([limited.retryable, limited.message]).toEqual([true, 'Venue "oneinch" failed to fetch prices: 1inch rate limit reached (HTTP 429): Too Many Requests (Too Many Requests); try again later (retry after 2 s)']);
    fake.failNext(oneInchError(500, 'Internal Server Error', 'Internal server error'));
    expect((await failure(oneinch().quoteSwap!({ symbol: 'WETH/USDC', side: 'sell', quantity: new Decimal(1) }))).retryable).toBe(true);
    fake.failNext(oneInchError(400, 'Bad Request', 'insufficient liquidity'));
    const refused = await failure(oneinch().fetchPrices(['WETH']));
    expect([refused.retryable, refused.message]).toEqual([false, 'Venue "oneinch" failed to fetch prices: 1inch refused GET /swap/v6.0/1/quote (HTTP 400): insufficient liquidity (Bad Request)']);
  });

  it('an answer of the wrong shape is a clear, non-retryable error naming the field', async () => {
    fake.failNext({ json: { toAmount: '3456789123' } });
    const error = await failure(oneinch().fetchPrices(['WETH']));
    expect([error.retryable, error.message]).toEqual([false, 'Venue "oneinch" failed to fetch prices: the answer to GET /swap/v6.0/1/quote is not in 1inch\'s shape (dstAmount: missing; expected a whole number of base units as a decimal string)']);
  });

  it('a refused key names the variable to fix; 1inch down is retryable', async () => {
    const wrong = await failure(oneinch({}, { env: { ONEINCH_API_KEY: 'not-the-key' } }).fetchPrices(['WETH']));
    expect([wrong.retryable, wrong.message]).toEqual([false, 'Venue "oneinch" failed to fetch prices: 1inch refused the API key (HTTP 401); check ONEINCH_API_KEY']);
    const down = await failure(oneinch({ base_url: 'http://127.0.0.1:9' }).fetchPrices(['WETH']));
    expect([down.retryable, down.message]).toEqual([true, 'Venue "oneinch" failed to fetch prices: 1inch cannot be reached: cannot connect']);
  });

  it('the API key never appears in an error, its cause or its stack, even when the server echoes it', async () => {
    fake.failNext(oneInchError(400, 'Bad Request', `invalid request for key ${KEY} (Authorization: Bearer ${KEY})`));
    fake.failNext({ status: 502, json: `<html>bad gateway for Bearer ${KEY}</html>` });
    fake.failNext({ json: { dstAmount: KEY } });
    for (const error of [await failure(oneinch().fetchPrices(['WETH'])), await failure(oneinch().fetchPrices(['WETH'])), await failure(oneinch().fetchPrices(['WETH']))]) {
      const texts = [error.message, error.stack ?? '', String((error.cause as Error | undefined)?.message), String((error.cause as Error | undefined)?.stack), JSON.stringify(error)];
      expect(texts.join('\n')).not.toContain(KEY);
    }
  });
});

describe('adapter: 1inch, config', () => {
  const yaml = (venue: string) => `portfolio_rebalancer:\n  targets: {WETH: 50%, USDC: 50%}\n  cash_assets: [USDC]\n  venues:\n    oneinch:\n${venue.replace(/^/gm, '      ')}\n`;
  const problemsOf = (text: string): string[] => {
    try {
      parseConfigText(text, 'test.yaml');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as ConfigError).message.split('\n').slice(1).map((line) => line.trim().replace(/^- /, ''));
    }
    return [];
  };

  it('a complete venue loads; each missing or wrong field is named with what was expected', () => {
    const good = `kind: dex\nadapter: 1inch\nchain_id: 1\nrpc_url: \${ETH_RPC_URL}\nquote: USDC\ntokens: {USDC: "${USDC}", WETH: "${WETH}"}\ncredentials: {api_key: "\${ONEINCH_API_KEY}"}`;
    expect(problemsOf(yaml(good))).toEqual([]);
    const SOLANA_MINT = 'So11111111111111111111111111111111111111112';
    expect(problemsOf(yaml(`kind: cex\nadapter: 1inch\nquote: USDT\ntokens: {USDC: "${USDC}", WETH: "${SOLANA_MINT}"}\napi_key: s3cret`))).toEqual([
      'portfolio_rebalancer.venues.oneinch.api_key (line 10): credential written inline; write it as ${ENV_VAR} (for example ${ONEINCH_API_KEY}) and set that variable in the environment',
      'portfolio_rebalancer.venues.oneinch.quote (line 8): USDT is not a cash asset; expected one of cash_assets (USDC)',
      'portfolio_rebalancer.venues.oneinch.kind (line 6): "cex" is not the kind of a 1inch venue; expected kind: dex',
      "portfolio_rebalancer.venues.oneinch.chain_id (line 6): missing: a 1inch venue names its chain, such as chain_id: 1 (1inch's API path carries it)",
      'portfolio_rebalancer.venues.oneinch.rpc_url (line 6): missing: a 1inch venue reads token decimals and balances from a node; expected rpc_url: https://... or ${ETH_RPC_URL}',
      `portfolio_rebalancer.venues.oneinch.tokens.WETH (line 9): "${SOLANA_MINT}" is not an EVM token address; expected 0x and 40 hex digits`,
      'portfolio_rebalancer.venues.oneinch.quote (line 8): USDT is not one of tokens: (USDC, WETH); add its address there or name one of them',
      'portfolio_rebalancer.venues.oneinch.credentials (line 6): missing: 1inch needs an API key, written as credentials: {api_key: ${ONEINCH_API_KEY}}',
    ]);
  });

  it('building the venue: the same words, and a key variable not set names the variable', () => {
    expect(() => oneinch({ chain_id: undefined })).toThrow("chain_id: missing: a 1inch venue names its chain, such as chain_id: 1 (1inch's API path carries it)");
    expect(() => oneinch({}, { env: {} })).toThrow('Venue "oneinch": environment variable not set for credentials api_key (${ONEINCH_API_KEY}).');
  });
});

describe('adapter: 1inch through the kit bin', () => {
  const config = (key = '${ONEINCH_API_KEY}') => `portfolio_rebalancer:
  targets: {ETH: 30%, WBTC: 30%, USDC: 40%}
  cash_assets: [USDC]
  prices: {USDC: "1"}
  venues:
    oneinch:
      kind: dex
      adapter: 1inch
      chain_id: 1
      rpc_url: ${node.url}
      base_url: ${fake.url}
      quote: USDC
      tokens: {USDC: "${USDC}", WETH: "${WETH}", WBTC: "${WBTC}"}
      addresses: ["${ALICE}"]
      credentials: {api_key: "${key}"}
`;

  it('portfolio status counts the wallet and prices it through 1inch', async () => {
    const run = await runKit(['--config', writeConfig(config()), 'portfolio', 'status', '--json'], { env: { ONEINCH_API_KEY: KEY } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const status = JSON.parse(run.stdout);
    const held = status.assets.flatMap((a: { holdings: { venue: string; asset: string; quantity: string }[] }) => a.holdings.map((h) => `${h.venue} ${h.quantity} ${h.asset}`));
    expect(held.sort()).toEqual(['oneinch 0.000000000000000001 WETH', 'oneinch 1000.5 USDC', 'oneinch 2 ETH']);
    expect(status.prices.filter((p: { source: string }) => p.source === 'oneinch').map((p: { asset: string; price: string }) => `${p.asset} ${p.price}`).sort()).toEqual(['ETH 3456.789123', 'WBTC 95000.123456', 'WETH 3456.789123']);
    expect(run.stdout).not.toContain(KEY);
  });

  it('venues check: answered, swaps as its capability, the target markets listed; the key variable unset is named', async () => {
    const ok = await runKit(['--config', writeConfig(config()), 'venues', 'check', '--json'], { env: { ONEINCH_API_KEY: KEY } });
    expect(ok.code).toBe(0);
    const [venue] = JSON.parse(ok.stdout).venues;
    expect([venue.answered, venue.capabilities.swap, venue.capabilities.trade, venue.markets]).toEqual([true, true, true, { listed: ['ETH', 'WBTC'], missing: [] }]);
    const unset = await runKit(['--config', writeConfig(config()), 'venues', 'check'], { env: {} });
    expect(unset.code).toBe(4);
    expect(unset.stdout).toContain('Set ONEINCH_API_KEY in the environment');
    const refused = await runKit(['--config', writeConfig(config()), 'venues', 'check'], { env: { ONEINCH_API_KEY: 'wrong-key-0000' } });
    expect(refused.stdout).toContain('1inch refused the API key (HTTP 401); check ONEINCH_API_KEY');
    expect(`${ok.stdout}${refused.stdout}${refused.stderr}`).not.toContain(KEY);
  });
});
