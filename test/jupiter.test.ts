// adapter: jupiter against a fake Jupiter API and a fake Solana node on 127.0.0.1, through fetch:
// balances as a solana wallet, USD prices from the Price API to the digit, swap quotes at size
// with Jupiter's impact and route labels, the unsigned transaction handed back untouched, the
// slippage floor refused when below the caller's minimum, errors in Jupiter's words, no key shown.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkTransaction } from '../src/adapters/jupiter/build-swap.js';
import { priceAnswer, quoteAnswer, swapAnswer } from '../src/adapters/jupiter/payloads.js';
import { createJupiterVenue } from '../src/adapters/jupiter/create-jupiter-venue.js';
import { routeFeeRate } from '../src/adapters/jupiter/route-fee.js';
import { ConfigError, parseConfigText } from '../src/config.js';
import { venueSchema } from '../src/config/schema.js';
import { UsageError, VenueError } from '../src/errors.js';
import { Decimal } from '../src/money.js';
import type { Venue, VenueDeps } from '../src/ports.js';
import { startFakeJupiter, UNSIGNED_TX, type FakeJupiter, type FakeJupiterOptions } from './fakes/fake-jupiter.js';
import { startFakeSolana, type FakeSolana } from './fakes/fake-solana-rpc.js';

const WSOL = 'So11111111111111111111111111111111111111112';
const USDC = 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v';
const JUP = 'JUPyiwrYJFskUPiHa7hkeR8VUtAeFoSYbKedZNsDvCN';
const OWNER = '9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM';
const KEY = 'jup-key-7f3a9c1e5b2d4f60';

const POOLS: FakeJupiterOptions['pools'] = [
  // 10,000 SOL against 1,500,000 USDC (150 USDC a SOL), 0.25% fee, the volume split 60/40.
  { base: { mint: WSOL, reserve: 10_000n * 10n ** 9n }, quote: { mint: USDC, reserve: 1_500_000n * 10n ** 6n }, feeBps: 25, legs: [{ label: 'Meteora DLMM', percent: 60 }, { label: 'Orca Whirlpool', percent: 40 }] },
  { base: { mint: JUP, reserve: 1_000_000n * 10n ** 6n }, quote: { mint: USDC, reserve: 500_000n * 10n ** 6n }, feeBps: 30, legs: [{ label: 'Raydium CLMM', percent: 100 }] },
];

let jupiter: FakeJupiter;
let solana: FakeSolana;
beforeEach(async () => {
  jupiter = await startFakeJupiter({ pools: POOLS, apiKey: KEY, prices: { [WSOL]: '147.123456789012345678901', [USDC]: '0.99990001' }, decimals: { [WSOL]: 9 } });
  solana = await startFakeSolana({ [OWNER]: { lamports: 12_500_000_000n, tokens: [{ mint: USDC, amount: '2500000001', decimals: 6 }] } }, { [USDC]: 6, [JUP]: 6 });
});
afterEach(async () => {
  await Promise.all([jupiter.close(), solana.close()]);
});

const TOKENS = { SOL: WSOL, USDC, JUP };

function venue(block: Record<string, unknown> = {}, options: { env?: Record<string, string>; currency?: string; prices?: Record<string, string> } = {}): Venue {
  const config = venueSchema.parse({ kind: 'dex', adapter: 'jupiter', rpc_url: solana.url, base_url: jupiter.url, addresses: [OWNER], tokens: TOKENS, quote: 'USDC', credentials: { api_key: '${JUPITER_API_KEY}' }, ...block });
  const deps: VenueDeps = {
    clock: { now: () => new Date('2026-11-29T12:00:00Z') },
    ledger: {} as VenueDeps['ledger'],
    env: options.env ?? { JUPITER_API_KEY: KEY },
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    currency: options.currency ?? 'USD',
    prices: Object.fromEntries(Object.entries(options.prices ?? {}).map(([asset, price]) => [asset, new Decimal(price)])),
    priceHistory: {},
  };
  return createJupiterVenue('jup', config, deps);
}

const quoteFor = (inputMint: string, amount: string) => jupiter.quotes.find((q) => q['inputMint'] === inputMint && q['inAmount'] === amount) as { outAmount: string; outputMint: string; priceImpactPct: string };
const failure = (promise: Promise<unknown>) => promise.then(() => expect.fail('expected a failure'), (error: unknown) => error as VenueError);

describe('adapter: jupiter, reading', () => {
  it('declares a swap venue without orders, and counts the wallet as the solana adapter does', async () => {
    const jup = venue();
    expect(jup.capabilities).toEqual({ trade: true, limitOrders: false, marketOrders: true, withdraw: false, priceHistory: false, swap: true });
    expect(jup.placeOrder).toBeUndefined();
    expect((await jup.fetchBalances()).map((b) => `${b.asset} ${b.total.toFixed()}`)).toEqual(['SOL 12.5', 'USDC 2500.000001']);
  });

  it('USD prices are the Price API usdPrice to the last digit, one request for all mints, with the key; unpriced mints left out', async () => {
    const quotes = await venue().fetchPrices(['SOL', 'USDC', 'JUP', 'BTC']);
    expect(quotes.map((q) => `${q.asset} ${q.price.toFixed()} ${q.source}`)).toEqual(['SOL 147.123456789012345678901 jup', 'USDC 0.99990001 jup']);
    const asked = jupiter.requests.filter((r) => r.path === '/price/v3');
    expect(asked).toHaveLength(1);
    expect(asked[0]!.params.get('ids')!.split(',')).toEqual([WSOL, USDC, JUP]);
    expect(asked[0]!.headers['x-api-key']).toBe(KEY);
  });

  it('in another currency: a 1-unit quote into the quote token, valued by the config price of USDC', async () => {
    const quotes = await venue({}, { currency: 'EUR', prices: { USDC: '0.92' } }).fetchPrices(['SOL', 'USDC']);
    const solOut = new Decimal(quoteFor(WSOL, '1000000000').outAmount).div(1e6);
    expect(quotes.map((q) => `${q.asset} ${q.price.toFixed()}`)).toEqual([`SOL ${solOut.times('0.92').toFixed()}`, 'USDC 0.92']);
    expect(jupiter.requests.some((r) => r.path === '/price/v3')).toBe(false);
  });

  it('markets: amount steps from each mint decimals read once through getTokenSupply (wrapped SOL is 9)', async () => {
    const jup = venue({ fee_rate: '0.2%' });
    await jup.fetchMarkets();
    const markets = await jup.fetchMarkets();
    expect(markets.map((m) => `${m.symbol} ${m.amountStep.toFixed()} ${m.priceStep.toFixed()} ${m.takerFee.toFixed()}`)).toEqual(['SOL/USDC 0.000000001 0.000001 0.002', 'JUP/USDC 0.000001 0.000001 0.002']);
    expect(solana.methods.filter((m) => m === 'getTokenSupply')).toHaveLength(2);
  });
});

describe('adapter: jupiter, quoteSwap', () => {
  it('a sell swaps exactly the quantity in; impact is Jupiter priceImpactPct; the source names the DEXes', async () => {
    const quote = await venue().quoteSwap!({ symbol: 'SOL/USDC', side: 'sell', quantity: new Decimal('2.5') });
    const sent = quoteFor(WSOL, '2500000000');
    const unit = quoteFor(WSOL, '1000000000');
    expect(quote.amountIn.toFixed()).toBe('2.5');
    expect(quote.amountOut.toFixed()).toBe(new Decimal(sent.outAmount).div(1e6).toFixed());
    expect(quote.price.toFixed()).toBe(quote.amountOut.div('2.5').toFixed());
    expect(quote.referencePrice.toFixed()).toBe(new Decimal(unit.outAmount).div(1e6).toFixed());
    expect(quote.priceImpact.toFixed()).toBe(sent.priceImpactPct);
    expect(quote.priceImpact.gt(0)).toBe(true);
    expect(quote.price.lt(quote.referencePrice)).toBe(true);
    // 0.25% taken from the input on both legs.
    expect(quote.feeRate.toFixed()).toBe('0.0025');
    expect(quote.source).toBe('jupiter (Meteora DLMM, Orca Whirlpool)');
  });

  it('a buy spends quantity x the 1-unit sell price of USDC and reports the SOL out', async () => {
    const quote = await venue().quoteSwap!({ symbol: 'SOL/USDC', side: 'buy', quantity: new Decimal(2) });
    const unitWorth = BigInt(quoteFor(WSOL, '1000000000').outAmount);
    const sent = quoteFor(USDC, (2n * unitWorth).toString());
    const reference = quoteFor(USDC, unitWorth.toString());
    expect(sent.outputMint).toBe(WSOL);
    expect(quote.amountIn.toFixed()).toBe(new Decimal((2n * unitWorth).toString()).div(1e6).toFixed());
    expect(quote.amountOut.toFixed()).toBe(new Decimal(sent.outAmount).div(1e9).toFixed());
    expect(quote.price.toFixed()).toBe(quote.amountIn.div(quote.amountOut).toFixed());
    expect(quote.referencePrice.toFixed()).toBe(new Decimal(unitWorth.toString()).div(1e6).div(new Decimal(reference.outAmount).div(1e9)).toFixed());
    expect(quote.priceImpact.toFixed()).toBe(sent.priceImpactPct);
  });

  it("the recorded answers from Jupiter's docs parse; the quote's fee is taken in USDC, a rate of the output before it", () => {
    const fixture = (name: string) => JSON.parse(readFileSync(`fixtures/jupiter/${name}.json`, 'utf8')) as unknown;
    const quote = quoteAnswer.parse(fixture('quote'));
    expect(routeFeeRate(quote.inputMint, quote.routePlan).toFixed()).toBe(new Decimal(1285).div(17057460 + 1285).toFixed());
    expect(priceAnswer.parse(fixture('price-v3'))[WSOL]?.usdPrice.toFixed()).toBe('147.48');
    expect(() => checkTransaction(swapAnswer.parse(fixture('swap')).swapTransaction)).not.toThrow();
  });

  it('the route fee: an output-mint fee over the output before it; a fee in a third mint cannot be a rate', () => {
    const step = (feeMint: string) => ({ swapInfo: { label: 'X', inputMint: WSOL, outputMint: USDC, inAmount: '1000', outAmount: '997', feeAmount: '3', feeMint } });
    expect(routeFeeRate(WSOL, [step(USDC)]).toFixed()).toBe('0.003');
    expect(routeFeeRate(WSOL, [step(WSOL)]).toFixed()).toBe('0.003');
    expect(routeFeeRate(WSOL, [step(JUP)]).toFixed()).toBe('0');
  });
});

describe('adapter: jupiter, buildSwap', () => {
  const request = (minAmountOut: string, from = OWNER) => ({ symbol: 'SOL/USDC', side: 'sell' as const, quantity: new Decimal('2.5'), clientOrderId: 'kit0001', from, minAmountOut: new Decimal(minAmountOut) });

  it("returns Jupiter's transaction untouched, built for request.from from the quote asked with the caller's slippage", async () => {
    const jup = venue();
    const expected = (await jup.quoteSwap!({ symbol: 'SOL/USDC', side: 'sell', quantity: new Decimal('2.5') })).amountOut;
    const minOut = expected.times('0.99').toDecimalPlaces(6, Decimal.ROUND_DOWN);
    const swap = await jup.buildSwap!(request(minOut.toFixed()));
    expect(swap.transactions).toEqual([{ chain: 'solana', from: OWNER, transaction: UNSIGNED_TX, lastValidBlockHeight: 279632475, description: expect.stringContaining('swap 2.5 SOL for at least') }]);
    const posted = jupiter.requests.filter((r) => r.path === '/swap/v1/swap');
    expect(posted).toHaveLength(1);
    const body = JSON.parse(posted[0]!.body) as { userPublicKey: string; quoteResponse: { slippageBps: number; otherAmountThreshold: string } };
    expect(body.userPublicKey).toBe(OWNER);
    expect(body.quoteResponse).toEqual(jupiter.quotes.at(-1));
    // The loosest slippage whose floor still reaches the minimum: 1% below the quote.
    expect(Number(body.quoteResponse.slippageBps)).toBe(100);
    expect(new Decimal(body.quoteResponse.otherAmountThreshold).div(1e6).gte(minOut)).toBe(true);
    expect(swap).toMatchObject({ clientOrderId: 'kit0001', venue: 'jup', minAmountOut: minOut });
    expect(swap.quote.source).toBe('jupiter (Meteora DLMM, Orca Whirlpool)');
  });

  it("refuses when Jupiter's otherAmountThreshold is below minAmountOut, or the quote itself is, and builds nothing", async () => {
    const jup = venue();
    const expected = (await jup.quoteSwap!({ symbol: 'SOL/USDC', side: 'sell', quantity: new Decimal('2.5') })).amountOut;
    jupiter.extraThresholdBps = 200;
    const low = await failure(jup.buildSwap!(request(expected.times('0.99').toFixed(6))));
    expect(low).toBeInstanceOf(VenueError);
    expect(low.retryable).toBe(false);
    expect(low.message).toMatch(/only guarantees [\d.]+ USDC \(otherAmountThreshold at 99 bps\), less than the minimum [\d.]+ USDC; not building the swap/);
    jupiter.extraThresholdBps = 0;
    const above = await failure(jup.buildSwap!(request(expected.plus(1).toFixed())));
    expect(above.message).toContain('less than the minimum');
    expect(jupiter.requests.some((r) => r.path === '/swap/v1/swap')).toBe(false);
  });

  it('refuses a signer that is not one of the addresses, and a swapTransaction that is not base64', async () => {
    await expect(venue().buildSwap!(request('1', '4Nd1mBQtrMJVYVfKf2PJy9NZUZdTAsp7D4xWLs4gDB4T'))).rejects.toThrow(UsageError);
    await jupiter.close();
    jupiter = await startFakeJupiter({ pools: POOLS, transaction: 'bm90IGEgdHg=!' });
    const error = await failure(venue({ base_url: jupiter.url, credentials: undefined }).buildSwap!(request('1')));
    expect(error.message).toContain('swapTransaction is not a base64 Solana transaction');
  });
});

describe('adapter: jupiter, errors', () => {
  it("Jupiter's own words for a 4xx, not retryable; 429 and 5xx retryable; a wrong shape is not", async () => {
    const jup = venue();
    const noRoute = await failure(jup.quoteSwap!({ symbol: 'JUP/SOL', side: 'sell', quantity: new Decimal(1) }));
    expect(noRoute.message).toBe('Venue "jup" failed to quote a swap: /swap/v1/quote: HTTP 400: Jupiter said "Could not find any route COULD_NOT_FIND_ANY_ROUTE"');
    expect(noRoute.retryable).toBe(false);
    jupiter.failNext(429, { message: 'Too Many Requests' });
    expect((await failure(jup.fetchPrices(['SOL']))).retryable).toBe(true);
    jupiter.failNext(503, 'upstream');
    expect((await failure(jup.fetchPrices(['SOL']))).retryable).toBe(true);
    jupiter.failNext(200, { SOL: { usdPrice: 'abc' } });
    const shape = await failure(jup.fetchPrices(['SOL']));
    expect(shape.retryable).toBe(false);
    expect(shape.message).toContain("/price/v3: the answer is not what Jupiter sends at SOL.usdPrice");
  });

  it('never shows the API key: not in a message, a cause, or an answer that echoes it', async () => {
    const jup = venue();
    jupiter.failNext(400, { error: `Invalid request from x-api-key ${KEY}` });
    const echoed = await failure(jup.quoteSwap!({ symbol: 'SOL/USDC', side: 'sell', quantity: new Decimal(1) }));
    expect(echoed.message).toContain('Invalid request from x-api-key [redacted]');
    const wrong = await failure(venue({}, { env: { JUPITER_API_KEY: 'not-the-key-00000' } }).fetchPrices(['SOL']));
    expect(wrong.message).toContain('HTTP 401: Jupiter said "Unauthorized" (check credentials.api_key');
    for (const error of [echoed, wrong]) {
      expect(`${error.message} ${String((error.cause as Error | undefined)?.message)} ${JSON.stringify(error)}`).not.toContain(KEY);
      expect(String((error.cause as Error | undefined)?.message)).not.toContain('not-the-key-00000');
    }
  });

  it('a key variable that is not set names it; a venue without the key sends no x-api-key', async () => {
    expect(() => venue({}, { env: {} })).toThrow('Venue "jup": environment variable not set for credentials api_key (${JUPITER_API_KEY}).');
    await jupiter.close();
    jupiter = await startFakeJupiter({ pools: POOLS, prices: { [USDC]: '1' } });
    await venue({ base_url: jupiter.url, credentials: undefined }).fetchPrices(['USDC']);
    expect(jupiter.requests[0]!.headers['x-api-key']).toBeUndefined();
  });
});

describe('adapter: jupiter, config', () => {
  const problemsOf = (venueYaml: string): string[] => {
    try {
      parseConfigText(`portfolio_rebalancer:\n  targets: {SOL: 50%, USDC: 50%}\n  venues:\n    jup:\n${venueYaml.replace(/^/gm, '      ')}\n`, 'test.yaml');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message.split('\n').slice(1).map((line) => line.replace(/^ {2}- /, ''));
    }
    return [];
  };

  it('accepts a full jupiter venue', () => {
    expect(problemsOf(`kind: dex\nadapter: jupiter\nrpc_url: \${SOLANA_RPC}\naddresses: [${OWNER}]\ntokens: {SOL: ${WSOL}, USDC: ${USDC}}\nquote: USDC\ncredentials: {api_key: "\${JUPITER_API_KEY}"}`)).toEqual([]);
  });

  it('names the field and what was expected: a mint that is not base58, a missing quote, an inline key', () => {
    expect(problemsOf(`kind: dex\nadapter: jupiter\naddresses: [0x1111111111111111111111111111111111111111]\ntokens: {SOL: So1111111111111111111111111111111111111111O, USDC: ${USDC}}\ncredentials: {api_key: abcdef123456}`)).toEqual([
      'portfolio_rebalancer.venues.jup.credentials.api_key (line 9): credential written inline; write it as ${ENV_VAR} (for example ${JUP_API_KEY}) and set that variable in the environment',
      'portfolio_rebalancer.venues.jup.tokens.SOL (line 8): "So1111111111111111111111111111111111111111O" is not a Solana mint address; expected 32 to 44 base58 characters (SOL is the wrapped SOL mint So11111111111111111111111111111111111111112)',
      'portfolio_rebalancer.venues.jup.addresses[0] (line 7): "0x1111111111111111111111111111111111111111" is not a Solana address; expected a wallet public key in base58',
      'portfolio_rebalancer.venues.jup.quote (line 5): missing: a jupiter venue names the token its prices and swaps are quoted in, one of tokens: (SOL, USDC), such as quote: USDC',
    ]);
    expect(problemsOf(`kind: dex\nadapter: jupiter\ntokens: {SOL: ${WSOL}}\nquote: USDC`)).toEqual([
      'portfolio_rebalancer.venues.jup.quote (line 8): USDC is not in tokens: (SOL); add its mint, such as USDC: EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v',
    ]);
  });
});
