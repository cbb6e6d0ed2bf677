// The raw reads of an EVM wallet: native coin and ERC-20 balances, and each token's decimals.
// Where the chain has multicall3 at its canonical address, everything is one aggregate3 call
// (getEthBalance for the coin); elsewhere each is its own eth_getBalance / eth_call.
// viem is passed in (imported on first read), so building the venue does not load it.
import type { Address, erc20Abi as Erc20Abi, multicall3Abi as Multicall3Abi, PublicClient } from 'viem';

export const MULTICALL3: Address = '0xcA11bde05977b3631167028862bE2a173976CA11';

export interface EvmReads {
  /** Native coin per address, in wei. */
  native: bigint[];
  /** Per token (in the order given): its decimals and its balance per address. */
  tokens: { decimals: number; balances: bigint[] }[];
}

/** The viem client and the two ABIs the reads use. */
export interface EvmChain {
  client: PublicClient;
  erc20Abi: typeof Erc20Abi;
  multicall3Abi: typeof Multicall3Abi;
}

export interface ReadRequest {
  addresses: readonly Address[];
  tokens: readonly { symbol: string; address: Address }[];
}

/** A read that failed for one contract or address: named, so the user can fix the config. */
export class ReadFailure extends Error {}

export async function hasMulticall3({ client }: EvmChain): Promise<boolean> {
  const code = await client.getCode({ address: MULTICALL3 });
  return code !== undefined && code !== '0x';
}

export async function readWithMulticall({ client, erc20Abi, multicall3Abi }: EvmChain, request: ReadRequest): Promise<EvmReads> {
  const { addresses, tokens } = request;
  const contracts = [
    ...addresses.map((address) => ({ address: MULTICALL3, abi: multicall3Abi, functionName: 'getEthBalance', args: [address] }) as const),
    ...tokens.map((token) => ({ address: token.address, abi: erc20Abi, functionName: 'decimals' }) as const),
    ...tokens.flatMap((token) => addresses.map((address) => ({ address: token.address, abi: erc20Abi, functionName: 'balanceOf', args: [address] }) as const)),
  ];
  const results = await client.multicall({ contracts, multicallAddress: MULTICALL3, allowFailure: true });
  const value = (index: number, what: () => string): unknown => {
    const result = results[index];
    if (!result || result.status !== 'success') throw new ReadFailure(`${what()} failed${result?.error ? `: ${(result.error as { shortMessage?: string }).shortMessage ?? result.error.message}` : ''}`);
    return result.result;
  };
  const native = addresses.map((address, i) => value(i, () => `the balance of ${address}`) as bigint);
  const base = addresses.length;
  const out = tokens.map((token, t) => ({
    decimals: Number(value(base + t, () => `decimals() of ${token.symbol} (${token.address})`)),
    balances: addresses.map((address, a) => value(base + tokens.length + t * addresses.length + a, () => `balanceOf(${address}) of ${token.symbol} (${token.address})`) as bigint),
  }));
  return { native, tokens: out };
}

export async function readOneByOne({ client, erc20Abi }: EvmChain, request: ReadRequest): Promise<EvmReads> {
  const { addresses, tokens } = request;
  const native = await Promise.all(addresses.map((address) => client.getBalance({ address })));
  const out = await Promise.all(
    tokens.map(async (token) => {
      const [decimals, balances] = await Promise.all([
        named(`decimals() of ${token.symbol} (${token.address})`, client.readContract({ address: token.address, abi: erc20Abi, functionName: 'decimals' })),
        Promise.all(addresses.map((address) => named(`balanceOf(${address}) of ${token.symbol} (${token.address})`, client.readContract({ address: token.address, abi: erc20Abi, functionName: 'balanceOf', args: [address] })))),
      ]);
      return { decimals: Number(decimals), balances };
    }),
  );
  return { native, tokens: out };
}

/** A contract that reverts or is not there is the config's problem: say which one. */
async function named<T>(what: string, read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (/ContractFunction(Execution|Revert|ZeroData)Error/.test(name)) throw new ReadFailure(`${what} failed: ${(error as { shortMessage?: string }).shortMessage ?? ''}`, { cause: error });
    throw error;
  }
}
