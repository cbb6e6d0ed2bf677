// Each mint's decimals, read once through the Solana node's getTokenSupply and kept: the venue's
// amount steps and every base-unit conversion use them. Wrapped SOL is 9 by the protocol.
import { z } from 'zod';
import { WRAPPED_SOL_MINT } from '../../config/jupiter-fields.js';
import { rpcCall, SolanaRpcError } from '../solana/solana-rpc.js';

const supplyAnswer = z.object({ result: z.object({ value: z.object({ amount: z.string(), decimals: z.number().int().min(0).max(255) }) }) });

export interface MintDecimals {
  of(mint: string): Promise<number>;
}

export function mintDecimals(rpcUrl: string): MintDecimals {
  const known = new Map<string, Promise<number>>([[WRAPPED_SOL_MINT, Promise.resolve(9)]]);
  return {
    of(mint) {
      if (!known.has(mint)) {
        const read = rpcCall(rpcUrl, 'getTokenSupply', [mint, { commitment: 'confirmed' }]).then((text) => {
          const parsed = supplyAnswer.safeParse(JSON.parse(text));
          if (!parsed.success) throw new SolanaRpcError(`getTokenSupply: the answer for ${mint} has no decimals (is it an SPL mint?)`, false);
          return parsed.data.result.value.decimals;
        });
        // A failed read is not kept, so the next call asks again.
        known.set(mint, read.catch((error: unknown) => { known.delete(mint); throw error; }));
      }
      return known.get(mint)!;
    },
  };
}
