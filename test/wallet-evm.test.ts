// adapter: evm against a fake JSON-RPC node, through viem's real http transport: native coin and
// ERC-20 balances summed over addresses, decimals read on-chain and applied exactly, multicall3
// where the chain has it and one call each where not, and errors a user can act on.
import { afterEach, describe, expect, it } from 'vitest';
import { createEvmVenue } from '../src/adapters/evm/create-evm-venue.js';
import { UsageError, VenueError } from '../src/errors.js';
import { startFakeEvmNode, type FakeEvmChain, type FakeEvmNode } from './fakes/fake-evm-node.js';
import { holdings, walletVenue } from './fakes/wallet-venue.js';

const ALICE = '0x1111111111111111111111111111111111111111';
const BOB = '0x2222222222222222222222222222222222222222';
const USDC = '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48';
const BIG = '0x3333333333333333333333333333333333333333';

const chain = (multicall: boolean): FakeEvmChain => ({
  chainId: 1,
  multicall,
  native: { [ALICE]: 1_500_000_000_000_000_000n, [BOB]: 1n },
  tokens: {
    [USDC]: { decimals: 6, balances: { [ALICE]: 2_500_000_000n, [BOB]: 1n } },
    // 18 decimals and a 30-digit balance: 123456789012.345678901234567891 exactly, no float in between.
    [BIG]: { decimals: 18, balances: { [ALICE]: 123_456_789_012_345_678_901_234_567_890n, [BOB]: 1n } },
  },
});

let node: FakeEvmNode | undefined;
afterEach(() => node?.close());

const block = (url: string, extra: Record<string, unknown> = {}) => ({ adapter: 'evm', chain_id: 1, rpc_url: url, addresses: [ALICE, BOB], tokens: { USDC, BIG }, ...extra });
const EXPECTED = [
  ['BIG', '123456789012.345678901234567891', '123456789012.345678901234567891'],
  ['ETH', '1.500000000000000001', '1.500000000000000001'],
  ['USDC', '2500.000001', '2500.000001'],
];

describe('adapter: evm', () => {
  it('reads every balance in one multicall3 aggregate3 where the chain has it, decimals exact', async () => {
    node = await startFakeEvmNode(chain(true));
    const venue = walletVenue(createEvmVenue, block(node.url));
    expect(await holdings(venue)).toEqual(EXPECTED);
    expect(node.methods().filter((m) => m === 'multicall')).toHaveLength(1);
    expect(node.methods()).not.toContain('eth_getBalance');
    expect(venue.capabilities).toEqual({ trade: false, limitOrders: false, marketOrders: false, withdraw: false, priceHistory: false });
  });

  it('falls back to one eth_getBalance / eth_call each where multicall3 is not deployed', async () => {
    node = await startFakeEvmNode(chain(false));
    expect(await holdings(walletVenue(createEvmVenue, block(node.url)))).toEqual(EXPECTED);
    expect(node.methods()).not.toContain('multicall');
    expect(node.methods().filter((m) => m === 'eth_getBalance')).toHaveLength(2);
  });

  it('names the native coin by native_symbol, and reads rpc_url from ${ENV}', async () => {
    node = await startFakeEvmNode({ ...chain(true), chainId: 137 });
    const venue = walletVenue(createEvmVenue, block('${POLYGON_RPC}', { chain_id: 137, native_symbol: 'POL', tokens: {} }), { POLYGON_RPC: node.url });
    expect(await holdings(venue)).toEqual([['POL', '1.500000000000000001', '1.500000000000000001']]);
  });

  it('refuses a node on another chain than chain_id, not retryable', async () => {
    node = await startFakeEvmNode({ ...chain(true), chainId: 10 });
    const error = await walletVenue(createEvmVenue, block(node.url)).fetchBalances().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VenueError);
    expect((error as VenueError).message).toContain('on chain 10, not chain_id 1');
    expect((error as VenueError).retryable).toBe(false);
  });

  it('names a token contract that does not answer', async () => {
    node = await startFakeEvmNode(chain(true));
    const wrong = '0x4444444444444444444444444444444444444444';
    const error = await walletVenue(createEvmVenue, block(node.url, { tokens: { USDC, WRONG: wrong } })).fetchBalances().catch((e: unknown) => e);
    expect((error as VenueError).message).toContain(`decimals() of WRONG (${wrong}) failed`);
    expect((error as VenueError).retryable).toBe(false);
  });

  it('a node that is down is a retryable venue error, and the secret URL from the environment is not in it', async () => {
    const secretUrl = 'http://127.0.0.1:9/v2/sk-secret-alchemy-key-123456';
    const error = await walletVenue(createEvmVenue, block('${ETH_RPC}'), { ETH_RPC: secretUrl }).fetchBalances().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VenueError);
    expect((error as VenueError).retryable).toBe(true);
    expect(`${(error as Error).message} ${String((error as Error).cause)} ${(error as Error).stack}`).not.toContain('sk-secret-alchemy-key');
  });

  it('a missing rpc_url variable names it; a bad address is refused', () => {
    expect(() => walletVenue(createEvmVenue, block('${ETH_RPC}'))).toThrow(/environment variable not set for rpc_url \(\$\{ETH_RPC\}\)/);
    expect(() => walletVenue(createEvmVenue, block('http://127.0.0.1:9', { addresses: ['0x12345678901234567890'] }))).toThrow(UsageError);
  });
});
