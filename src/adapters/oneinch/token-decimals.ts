// Each token's decimals, read once from its ERC-20 contract through the venue's node (1inch's
// quote needs whole units turned into base units before it is asked). The chain's native coin,
// which 1inch names 0xEeee...EEeE, has 18. Adapted from the minimum of dex/dex-reader.ts.
import type { Address, PublicClient } from 'viem';

export const NATIVE_TOKEN = '0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE';
export const isNative = (address: string) => address.toLowerCase() === NATIVE_TOKEN.toLowerCase();

export interface TokenDecimals {
  of(address: string): Promise<number>;
  /** The node's client (connected on first use). */
  client(): Promise<PublicClient>;
  /** Forget the connection after a failure, so the next call reconnects. */
  reset(): void;
}

export function tokenDecimals(rpcUrl: string): TokenDecimals {
  const known = new Map<string, Promise<number>>();
  let client: Promise<PublicClient> | undefined;
  const connect = async () => {
    const { createPublicClient, http } = await import('viem');
    return createPublicClient({ transport: http(rpcUrl, { retryCount: 0 }) }) as PublicClient;
  };
  return {
    of(address) {
      if (isNative(address)) return Promise.resolve(18);
      const key = address.toLowerCase();
      if (!known.has(key)) {
        const read = (async () => {
          const { erc20Abi } = await import('viem');
          return Number(await (await (client ??= connect())).readContract({ address: address as Address, abi: erc20Abi, functionName: 'decimals' }));
        })();
        known.set(key, read.catch((error: unknown) => {
          known.delete(key);
          throw error;
        }));
      }
      return known.get(key)!;
    },
    client: () => (client ??= connect()),
    reset: () => {
      client = undefined;
    },
  };
}
