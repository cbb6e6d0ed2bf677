// One EVM node as the evm wallet and DEX adapters use it: a viem client made on first use (viem is imported
// then, not at start-up) and forgotten after a failure so the next call reconnects, and each
// ERC-20 token's decimals, read once and kept (a failed read is not kept).
import type { Address, PublicClient } from 'viem';

export interface EvmNode {
  /** The node's client (connected on first use). */
  client(): Promise<PublicClient>;
  /** The token contract's decimals(), read once per address. */
  decimalsOf(address: string): Promise<number>;
  /** Forget the connection after a failure, so the next call reconnects. */
  reset(): void;
}

export function evmNode(rpcUrl: string): EvmNode {
  const known = new Map<string, Promise<number>>();
  let client: Promise<PublicClient> | undefined;
  const connect = async () => {
    const { createPublicClient, http } = await import('viem');
    return createPublicClient({ transport: http(rpcUrl, { retryCount: 0 }) }) as PublicClient;
  };
  const node: EvmNode = {
    client: () => (client ??= connect()),
    decimalsOf(address) {
      const key = address.toLowerCase();
      if (!known.has(key)) {
        const read = (async () => {
          const { erc20Abi } = await import('viem');
          return Number(await (await node.client()).readContract({ address: address as Address, abi: erc20Abi, functionName: 'decimals' }));
        })();
        known.set(key, read.catch((error: unknown) => {
          known.delete(key);
          throw error;
        }));
      }
      return known.get(key)!;
    },
    reset: () => {
      client = undefined;
    },
  };
  return node;
}
