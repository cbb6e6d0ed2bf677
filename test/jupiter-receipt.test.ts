// adapter: jupiter, readSwap: a signed swap read back from a fake Solana node on 127.0.0.1
// through fetch (getTransaction, jsonParsed, v0), as the booking of a DEX swap needs it: what
// left the wallet and what reached it to the base unit, SOL moved as lamports counted without
// the fee and the rent of accounts the swap opened, the fee in SOL, the block's time; failed,
// unknown, unconfirmed and undated transactions told apart; another wallet's refused.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJupiterVenue } from '../src/adapters/jupiter/create-jupiter-venue.js';
import { parseRpcJson } from '../src/adapters/solana/solana-rpc.js';
import { venueSchema } from '../src/config/schema.js';
import { UsageError, VenueError } from '../src/errors.js';
import type { SwapReceiptRequest, Venue, VenueDeps } from '../src/ports.js';
import { startFakeJupiter, type FakeJupiter } from './fakes/fake-jupiter.js';
import { startFakeSolana, type FakeSolana } from './fakes/fake-solana-rpc.js';
import type { FakeSolanaTransaction } from './fakes/fake-solana-transaction.js';

const WSOL = 'So11111111111111111111111111111111111111112';
const USDC = 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v';
const JITOSOL = 'J1toso1uCk3RLmjorhTtrVwY9HJ7X8V9yYac6Y7kGCPn';
const OWNER = '9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM';
const OTHER = '4Nd1mBQtrMJVYVfKf2PJy9NZUZdTAsp7D4xWLs4gDB4T';
// The pools' vaults belong to the pool authority, not to the wallet.
const POOL = 'HLnpSz9h2S4hiLQ43rnSD9XkcUThA7B8hQMKmDaiTLcC';
const [OWNER_JITO, OWNER_USDC, OWNER_WSOL, VAULT_JITO, VAULT_USDC, VAULT_WSOL] = ['7iWnBRRhBCiNXXPhqiGzvvBkKrvFSWqqmxRyu9VyYBxE', 'C2gJg6tKpQs41PRS1nC8aw3ZKNZK3HQQZGVrDFDup5nx', 'GE8JYSvDbwNjjNJUuxSA7zPyPpcoKwpbfJrYK7RYxjvr', '2yC9PAQvtxFjdV2G79N7cGsFhitbNiEQmZ3Z6dmLWfQg', '5Q544fKrFoe6tsEbD7S8EmxGTJYAKtTVhAW5Q5pge4j1', 'ADyA8hdefvWN2dbGGWFotbzWxrAvLW83WG6QCVXvJKqw'];
const PROGRAMS = ['JUP6LkbZbjS1jKKwapdHNy74zcZ3tLUZoi5QNyVTaV4', 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA', 'ComputeBudget111111111111111111111111111111'];
const RENT = 2_039_280n;
const BLOCK_TIME = 1_764_417_600;
const sig = (tag: string) => `5VERv8NMvzbJMEkV8xnrLkEaWRtSz9CosKDYjCJjBRnbJLgp8uirBgmQpjKhoR4tjF3ZpRzrFmBV6UjKdiSZ${tag}`;

/** Accounts that only take part: programs (lamports unchanged). */
const still = (count: number, lamports = 1_141_440n): [bigint, bigint][] => Array.from({ length: count }, () => [lamports, lamports]);

const TRANSACTIONS: Record<string, FakeSolanaTransaction> = {
  // Sell 1.234567891 JitoSOL (9 decimals) for 187.654321 USDC (6), both accounts already open; the vaults come from a lookup table.
  [sig('JSe2')]: {
    accounts: [OWNER, OWNER_JITO, OWNER_USDC, ...PROGRAMS],
    lookup: [VAULT_JITO, VAULT_USDC],
    lamports: [[5_000_000_000n, 4_999_895_000n], [RENT, RENT], [RENT, RENT], ...still(3), [RENT, RENT], [RENT, RENT]],
    tokens: [
      { index: 1, mint: JITOSOL, owner: OWNER, decimals: 9, before: '5000000000', after: '3765432109' },
      { index: 2, mint: USDC, owner: OWNER, decimals: 6, before: '2500000001', after: '2687654322' },
      { index: 6, mint: JITOSOL, owner: POOL, decimals: 9, before: '900000000000', after: '901234567891' },
      { index: 7, mint: USDC, owner: POOL, decimals: 6, before: '150000000000', after: '149812345679' },
    ],
    fee: 105_000n,
  },
  // Buy 1.234567891 JitoSOL with 187.654321 USDC, opening the JitoSOL account (its rent paid in SOL, not a swap amount).
  [sig('JBuy')]: {
    accounts: [OWNER, OWNER_JITO, OWNER_USDC, VAULT_JITO, VAULT_USDC, ...PROGRAMS],
    lamports: [[5_000_000_000n, 5_000_000_000n - 5_000n - RENT], [0n, RENT], [RENT, RENT], [RENT, RENT], [RENT, RENT], ...still(3)],
    tokens: [
      { index: 1, mint: JITOSOL, owner: OWNER, decimals: 9, after: '1234567891' },
      { index: 2, mint: USDC, owner: OWNER, decimals: 6, before: '2687654322', after: '2500000001' },
      { index: 3, mint: JITOSOL, owner: POOL, decimals: 9, before: '901234567891', after: '900000000000' },
      { index: 4, mint: USDC, owner: POOL, decimals: 6, before: '149812345679', after: '150000000000' },
    ],
    fee: 5_000n,
  },
  // Sell 2.5 SOL for 371.25 USDC as Jupiter does it: a temporary wrapped-SOL account opened, funded,
  // swapped and closed; the USDC account opened (rent 0.00203928 SOL); a 0.00008 SOL fee.
  [sig('SSe2')]: {
    accounts: [OWNER, OWNER_WSOL, OWNER_USDC, VAULT_WSOL, VAULT_USDC, ...PROGRAMS],
    lamports: [[12_500_000_000n, 12_500_000_000n - 2_500_000_000n - 80_000n - RENT], [0n, 0n], [0n, RENT], [800_000_000_000n, 802_500_000_000n], [RENT, RENT], ...still(3)],
    tokens: [
      { index: 2, mint: USDC, owner: OWNER, decimals: 6, after: '371250000' },
      { index: 3, mint: WSOL, owner: POOL, decimals: 9, before: '799997960720', after: '802497960720' },
      { index: 4, mint: USDC, owner: POOL, decimals: 6, before: '120000000000', after: '119628750000' },
    ],
    fee: 80_000n,
  },
  // Buy 2.000000001 SOL with 300.000001 USDC for a wallet holding more lamports than a JS number
  // counts exactly; its own wrapped-SOL account (0.5 wSOL) receives, and is closed into the wallet.
  [sig('SBuy')]: {
    accounts: [OWNER, OWNER_WSOL, OWNER_USDC, VAULT_WSOL, VAULT_USDC, ...PROGRAMS],
    lamports: [[9_007_199_254_740_993n, 9_007_199_254_740_993n + 500_000_000n + RENT + 2_000_000_001n - 5_000n], [500_000_000n + RENT, 0n], [RENT, RENT], [802_500_000_000n, 800_499_999_999n], [RENT, RENT], ...still(3)],
    tokens: [
      { index: 1, mint: WSOL, owner: OWNER, decimals: 9, before: '500000000' },
      { index: 2, mint: USDC, owner: OWNER, decimals: 6, before: '1000000000', after: '699999999' },
      { index: 3, mint: WSOL, owner: POOL, decimals: 9, before: '802497960720', after: '800497960719' },
      { index: 4, mint: USDC, owner: POOL, decimals: 6, before: '119628750000', after: '119928750001' },
    ],
    fee: 5_000n,
  },
};

let jupiter: FakeJupiter;
let solana: FakeSolana;
beforeEach(async () => {
  jupiter = await startFakeJupiter({ pools: [] });
  solana = await startFakeSolana({}, { [USDC]: 6, [JITOSOL]: 9 }, structuredClone(TRANSACTIONS));
});
afterEach(async () => {
  await Promise.all([jupiter.close(), solana.close()]);
});

function venue(): Venue {
  const config = venueSchema.parse({ kind: 'dex', adapter: 'jupiter', rpc_url: solana.url, base_url: jupiter.url, addresses: [OWNER], tokens: { SOL: WSOL, USDC, JITOSOL }, quote: 'USDC' });
  const deps: VenueDeps = { clock: { now: () => new Date('2026-11-29T12:00:00Z') }, ledger: {} as VenueDeps['ledger'], env: {}, logger: { debug() {}, info() {}, warn() {}, error() {} }, prices: {}, priceHistory: {} };
  return createJupiterVenue('jup', config, deps);
}

const read = (tag: string, symbol: string, side: 'buy' | 'sell', from = OWNER) => venue().readSwap!({ transaction: sig(tag), from, symbol, side });
const text = (receipt: Awaited<ReturnType<typeof read>>) => (receipt.status === 'confirmed' ? { ...receipt, amountIn: receipt.amountIn.toFixed(), amountOut: receipt.amountOut.toFixed(), networkFee: receipt.networkFee.toFixed() } : receipt);
const failure = (promise: Promise<unknown>) => promise.then(() => expect.fail('expected a failure'), (error: unknown) => error as Error);

describe('adapter: jupiter, readSwap of a confirmed swap', () => {
  it('a sell: the base that left the wallet and the quote that reached it, exact to the base unit (9 and 6 decimals), the fee in SOL, the block time', async () => {
    expect(text(await read('JSe2', 'JITOSOL/USDC', 'sell'))).toEqual({ status: 'confirmed', at: new Date(BLOCK_TIME * 1000), amountIn: '1.234567891', amountOut: '187.654321', networkFee: '0.000105', networkFeeAsset: 'SOL' });
    const asked = solana.calls.find((call) => call.method === 'getTransaction');
    expect(asked?.params).toEqual([sig('JSe2'), { encoding: 'jsonParsed', commitment: 'confirmed', maxSupportedTransactionVersion: 0 }]);
  });

  it('a buy: the quote that left and the base that arrived in an account the swap opened', async () => {
    expect(text(await read('JBuy', 'JITOSOL/USDC', 'buy'))).toMatchObject({ status: 'confirmed', amountIn: '187.654321', amountOut: '1.234567891', networkFee: '0.000005' });
  });

  it('SOL moved as lamports: the fee added back and the rent of opened accounts left out, so 2.5 SOL in is 2.5', async () => {
    expect(text(await read('SSe2', 'SOL/USDC', 'sell'))).toMatchObject({ status: 'confirmed', amountIn: '2.5', amountOut: '371.25', networkFee: '0.00008', networkFeeAsset: 'SOL' });
  });

  it('SOL arriving through the wallet own wrapped-SOL account, beyond 2^53 lamports held: exact', async () => {
    expect(text(await read('SBuy', 'SOL/USDC', 'buy'))).toMatchObject({ status: 'confirmed', amountIn: '300.000001', amountOut: '2.000000001', networkFee: '0.000005' });
  });
});

describe('adapter: jupiter, readSwap of a swap not (yet) booked', () => {
  it('failed on chain: the error as JSON text and the block time, nothing swapped', async () => {
    solana.transactions[sig('Fai2')] = { ...TRANSACTIONS[sig('SSe2')]!, err: { InstructionError: [3, { Custom: 6001 }] }, lamports: [[12_500_000_000n, 12_499_920_000n], ...still(7, 0n)], tokens: [] };
    expect(await read('Fai2', 'SOL/USDC', 'sell')).toEqual({ status: 'failed', reason: '{"InstructionError":[3,{"Custom":6001}]}', at: new Date(BLOCK_TIME * 1000) });
  });

  it('unknown to the node: not_found; seen but only processed: pending', async () => {
    expect(await read('None', 'SOL/USDC', 'sell')).toEqual({ status: 'not_found' });
    solana.transactions[sig('Proc')] = { ...TRANSACTIONS[sig('SSe2')]!, commitment: 'processed' };
    expect(await read('Proc', 'SOL/USDC', 'sell')).toEqual({ status: 'pending' });
    expect(solana.calls.filter((call) => call.method === 'getSignatureStatuses').map((call) => call.params)).toEqual([[[sig('None')], { searchTransactionHistory: false }], [[sig('Proc')], { searchTransactionHistory: false }]]);
  });

  it('confirmed without a block time: pending, since a disposal cannot be booked undated', async () => {
    solana.transactions[sig('NoTm')] = { ...TRANSACTIONS[sig('SSe2')]!, blockTime: null };
    expect(await read('NoTm', 'SOL/USDC', 'sell')).toEqual({ status: 'pending' });
  });
});

describe('adapter: jupiter, readSwap refusals', () => {
  it("another wallet's transaction, even one that paid our wallet, is refused", async () => {
    solana.transactions[sig('Xthr')] = { ...TRANSACTIONS[sig('JSe2')]!, accounts: [OTHER, OWNER_JITO, OWNER_USDC, ...PROGRAMS] };
    const error = await failure(read('Xthr', 'JITOSOL/USDC', 'sell'));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(`Venue "jup": transaction ${sig('Xthr')} was signed by ${OTHER}, not ${OWNER}; it is not this wallet's swap.`);
  });

  it('a wallet that is not one of the addresses, and a signature that is not one, before asking the node', async () => {
    await expect(read('JSe2', 'JITOSOL/USDC', 'sell', OTHER)).rejects.toThrow(`Venue "jup": "${OTHER}" is not one of its addresses (${OWNER})`);
    await expect(venue().readSwap!({ transaction: '0xabc', from: OWNER, symbol: 'SOL/USDC', side: 'sell' } satisfies SwapReceiptRequest)).rejects.toThrow('"0xabc" is not a Solana transaction signature');
    expect(solana.calls.some((call) => call.method === 'getTransaction')).toBe(false);
  });

  it('a swap the other way round, or of another pair, is not booked as this leg', async () => {
    const reversed = await failure(read('JBuy', 'JITOSOL/USDC', 'sell'));
    expect(reversed).toBeInstanceOf(UsageError);
    expect(reversed.message).toContain('did not swap JITOSOL for USDC in 9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM (it moved +1.234567891 JITOSOL, -187.654321 USDC); it is not this sell of JITOSOL/USDC.');
    await expect(read('JSe2', 'SOL/USDC', 'sell')).rejects.toThrow('(it moved 0 SOL, +187.654321 USDC)');
  });

  it("the node's own error as a venue error", async () => {
    const error = await failure(venue().readSwap!({ transaction: sig('JSe2'), from: OWNER, symbol: 'BTC/USDC', side: 'sell' }));
    expect(error.message).toContain('BTC is not in tokens: (SOL, USDC, JITOSOL)');
    await solana.close();
    const down = await failure(read('JSe2', 'JITOSOL/USDC', 'sell'));
    expect(down).toBeInstanceOf(VenueError);
    expect((down as VenueError).retryable).toBe(true);
  });
});

describe('solana JSON-RPC answers read exactly', () => {
  it('a u64 beyond 2^53 keeps its digits; digits inside strings, floats and small integers are left as they are', () => {
    const text = '{"fee":5000,"max":18446744073709551615,"list":[9007199254740993, 12],"log":"in 12345678901234567 \\" 99999999999999999","ui":1.2345678901234568e+20}';
    expect(parseRpcJson(text)).toEqual({ fee: 5000, max: '18446744073709551615', list: ['9007199254740993', 12], log: 'in 12345678901234567 " 99999999999999999', ui: 1.2345678901234568e20 });
  });
});
