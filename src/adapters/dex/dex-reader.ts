// The on-chain reads of a DEX venue: each token's decimals (read once, kept) and the quote of one
// whole unit of a token into the quote token, as an exact Decimal. viem is imported on first read.
import type { Address, PublicClient } from 'viem';
import type { Decimal } from '../../money.js';
import { fromBaseUnits } from '../units.js';
import type { WalletEndpoint } from '../wallet.js';
import { walletError } from '../wallet.js';
import type { QuoteContract } from './quote-contract.js';

export interface DexReader {
  decimalsOf(symbol: string): Promise<number>;
  /** What 1 `symbol` buys in `quote`, the pool fee taken. */
  priceOf(symbol: string, quote: string): Promise<Decimal>;
  /** Forget the connection after a failure, so the next call reconnects. */
  reset(): void;
}

export function dexReader(id: string, endpoint: WalletEndpoint, tokens: ReadonlyMap<string, Address>, contract: QuoteContract): DexReader {
  const decimals = new Map<string, Promise<number>>();
  let client: Promise<PublicClient> | undefined;
  const connect = async () => {
    const { createPublicClient, http } = await import('viem');
    return createPublicClient({ transport: http(endpoint.url, { retryCount: 0 }) }) as PublicClient;
  };
  const decimalsOf = async (symbol: string): Promise<number> => {
    if (!decimals.has(symbol)) {
      const { erc20Abi } = await import('viem');
      const read = (await (client ??= connect())).readContract({ address: tokens.get(symbol)!, abi: erc20Abi, functionName: 'decimals' }).then(Number);
      decimals.set(symbol, read.catch((error: unknown) => { decimals.delete(symbol); throw error; }));
    }
    return decimals.get(symbol)!;
  };
  return {
    decimalsOf,
    async priceOf(symbol, quote) {
      const [inDecimals, outDecimals] = await Promise.all([decimalsOf(symbol), decimalsOf(quote)]);
      try {
        const out = await contract.quote(await (client ??= connect()), tokens.get(symbol)!, tokens.get(quote)!, 10n ** BigInt(inDecimals));
        return fromBaseUnits(out, outDecimals);
      } catch (error) {
        if (!/ContractFunction(Execution|Revert|ZeroData)Error/.test(error instanceof Error ? error.name : '')) throw error;
        const why = `the ${contract.name} could not quote 1 ${symbol} in ${quote} (fee tier ${contract.fee}): the call reverted; is there a ${symbol}/${quote} pool with liquidity, and are quoter/router and fee_tier right?`;
        throw walletError(id, 'fetch prices', endpoint, new Error(why, { cause: error }), () => false);
      }
    },
    reset: () => {
      client = undefined;
    },
  };
}
