// Each token's decimals through the venue's node (1inch's quote needs whole units turned into
// base units before it is asked); the chain's native coin, which 1inch names 0xEeee...EEeE, has 18.
import type { PublicClient } from 'viem';
import { evmNode } from '../evm/evm-node.js';

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
  const node = evmNode(rpcUrl);
  return {
    of: (address) => (isNative(address) ? Promise.resolve(18) : node.decimalsOf(address)),
    client: node.client,
    reset: node.reset,
  };
}
