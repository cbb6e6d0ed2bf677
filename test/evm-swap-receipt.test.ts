// readSwap for EVM venues (the uniswap adapter and 1inch, one shared receipt reader) against a
// fake JSON-RPC node holding real-shaped receipts: what left the wallet and what reached it, exact
// from base units for 6-, 8- and 18-decimal tokens, the network fee from gas, the block's time;
// pending and unknown transactions, a revert, and another wallet's transaction refused.
import { afterEach, describe, expect, it } from 'vitest';
import { createDexVenue } from '../src/adapters/dex/create-dex-venue.js';
import { createOneInchVenueWith } from '../src/adapters/oneinch/create-oneinch-venue.js';
import { venueSchema } from '../src/config/schema.js';
import { UsageError } from '../src/errors.js';
import type { SwapReceiptRequest } from '../src/ports/swap.js';
import type { Venue, VenueDeps } from '../src/ports.js';
import { startFakeEvmNode, type FakeEvmNode, type FakeTransaction } from './fakes/fake-evm-node.js';

const ALICE = '0x1111111111111111111111111111111111111111';
const BOB = '0x2222222222222222222222222222222222222222';
const POOL = '0x3333333333333333333333333333333333333333';
const USDC = '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48';
const WETH = '0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2';
const WBTC = '0x2260fac5e5542a773aa44fbcfedf7c193bc2c599';
const QUOTER = '0x5555555555555555555555555555555555555555';
const ROUTER = '0x68b3465833fb72A70ecDF485E0e4C7bD8665Fc45';
const hash = (n: number) => `0x${n.toString(16).padStart(64, 'a')}`;
const AT = new Date('2026-11-23T13:58:11Z');

let node: FakeEvmNode | undefined;
afterEach(() => node?.close());

const mined = (status: 'success' | 'reverted', transfers: NonNullable<FakeTransaction['mined']>['transfers']) => ({ status, blockNumber: 21_000_000n, timestamp: AT, gasUsed: 150_000n, effectiveGasPrice: 12_345_678_901n, transfers });

async function start(transactions: Record<string, FakeTransaction>): Promise<string> {
  node = await startFakeEvmNode({
    chainId: 1,
    multicall: true,
    native: {},
    tokens: { [USDC]: { decimals: 6, balances: {} }, [WETH]: { decimals: 18, balances: {} }, [WBTC]: { decimals: 8, balances: {} } },
    transactions,
  });
  return node.url;
}

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const deps: VenueDeps = { clock: { now: () => new Date('2026-11-23T14:00:00Z') }, ledger: {} as VenueDeps['ledger'], env: { ONEINCH_API_KEY: 'k' }, logger: quiet, currency: 'USD', prices: {}, priceHistory: {} };
const uniswap = (url: string): Venue => createDexVenue('uniswap', venueSchema.parse({ kind: 'dex', adapter: 'uniswap', chain_id: 1, rpc_url: url, quote: 'USDC', quoter: QUOTER, tokens: { USDC, WETH, WBTC }, addresses: [ALICE] }), deps);
const oneinch = (url: string): Venue =>
  createOneInchVenueWith('oneinch', venueSchema.parse({ kind: 'dex', adapter: '1inch', chain_id: 1, rpc_url: url, base_url: 'http://127.0.0.1:9', quote: 'USDC', tokens: { USDC, WETH }, addresses: [ALICE], credentials: { api_key: '${ONEINCH_API_KEY}' } }), deps);
const read = (venue: Venue, request: Partial<SwapReceiptRequest> & { transaction: string }) => venue.readSwap!({ from: ALICE, symbol: 'WETH/USDC', side: 'sell', ...request });
const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as Error);
const figures = (receipt: Awaited<ReturnType<typeof read>>) =>
  receipt.status === 'confirmed' ? { at: receipt.at.toISOString(), in: receipt.amountIn.toFixed(), out: receipt.amountOut.toFixed(), fee: `${receipt.networkFee.toFixed()} ${receipt.networkFeeAsset}` } : receipt;

describe('readSwap on a DEX venue: a signed swap read back from its receipt', () => {
  it('a sell: the WETH that left the wallet and the USDC that reached it, exact to the base unit (18 and 6 decimals), gas x price in ETH, the block time', async () => {
    const url = await start({
      [hash(1)]: {
        from: ALICE,
        to: ROUTER,
        mined: mined('success', [
          { token: WETH, from: ALICE, to: POOL, amount: 3_300_000_000_000_000_001n },
          { token: USDC, from: POOL, to: ALICE, amount: 9_710_450_123n },
          // Someone else's transfer in the same transaction is not the wallet's.
          { token: USDC, from: POOL, to: BOB, amount: 5n },
        ]),
      },
    });
    expect(figures(await read(uniswap(url), { transaction: hash(1) }))).toEqual({ at: AT.toISOString(), in: '3.300000000000000001', out: '9710.450123', fee: '0.00185185183515 ETH' });
  });

  it('a buy: USDC in, WBTC out (8 decimals); transfers split over several logs add up', async () => {
    const url = await start({
      [hash(2)]: {
        from: ALICE,
        to: ROUTER,
        mined: mined('success', [
          { token: USDC, from: ALICE, to: POOL, amount: 1_000_000_000n },
          { token: USDC, from: ALICE, to: POOL, amount: 1n },
          { token: WBTC, from: POOL, to: ALICE, amount: 987_654n },
        ]),
      },
    });
    expect(figures(await read(uniswap(url), { transaction: hash(2), symbol: 'WBTC/USDC', side: 'buy' }))).toMatchObject({ in: '1000.000001', out: '0.00987654' });
  });

  it('a reverted transaction is failed, with the reason and its block time', async () => {
    const url = await start({ [hash(3)]: { from: ALICE, to: ROUTER, mined: mined('reverted', []) } });
    const receipt = await read(uniswap(url), { transaction: hash(3) });
    expect(receipt).toEqual({ status: 'failed', at: AT, reason: expect.stringMatching(/reverted on chain in block 21000000/) });
  });

  it('a transaction the node holds unmined is pending; one it does not know is not found', async () => {
    const url = await start({ [hash(4)]: { from: ALICE, to: ROUTER } });
    expect(await read(uniswap(url), { transaction: hash(4) })).toEqual({ status: 'pending' });
    expect(await read(uniswap(url), { transaction: hash(5) })).toEqual({ status: 'not_found' });
  });

  it("another wallet's transaction is refused, and so is a hash that is not one", async () => {
    const url = await start({ [hash(6)]: { from: BOB, to: ROUTER, mined: mined('success', [{ token: WETH, from: BOB, to: POOL, amount: 1n }]) } });
    const error = await failure(read(uniswap(url), { transaction: hash(6) }));
    expect(error).toBeInstanceOf(UsageError);
    expect(error?.message).toBe(`Venue "uniswap": transaction ${hash(6)} was sent by ${BOB}, not by ${ALICE}: it is not this wallet's transaction, so it is not booked as this swap.`);
    expect((await failure(read(uniswap(url), { transaction: '0x1234' })))?.message).toMatch(/is not an EVM transaction hash; expected 0x and 64 hex digits/);
  });
});

describe('readSwap on 1inch', () => {
  it('the native coin going in is the transaction value; ERC-20 out from the logs', async () => {
    const url = await start({ [hash(7)]: { from: ALICE, to: ROUTER, value: 2n * 10n ** 18n, mined: mined('success', [{ token: USDC, from: POOL, to: ALICE, amount: 6_000_000_000n }]) } });
    expect(figures(await read(oneinch(url), { transaction: hash(7), symbol: 'ETH/USDC' }))).toMatchObject({ in: '2', out: '6000' });
  });

  it('a swap paying out the native coin is out of scope, and says how to book it', async () => {
    const url = await start({});
    const error = await failure(read(oneinch(url), { transaction: hash(8), symbol: 'ETH/USDC', side: 'buy' }));
    expect(error).toBeInstanceOf(UsageError);
    expect(error?.message).toMatch(/pays out the native coin ETH, which moves without a Transfer log; reading it back is not supported\. Book it with kit portfolio import instead\./);
  });

  it('an ERC-20 sell reads the same as on a DEX venue', async () => {
    const url = await start({ [hash(9)]: { from: ALICE, to: ROUTER, mined: mined('success', [{ token: WETH, from: ALICE, to: POOL, amount: 10n ** 18n }, { token: USDC, from: POOL, to: ALICE, amount: 2_999_000_000n }]) } });
    expect(figures(await read(oneinch(url), { transaction: hash(9) }))).toMatchObject({ in: '1', out: '2999', fee: '0.00185185183515 ETH' });
  });
});

