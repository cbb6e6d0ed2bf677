// The on-chain reads of a DEX venue over one node (evm/evm-node.ts): each token's decimals, quotes
// in base units through the venue's quote contract, ERC-20 allowances and the node's chain id.
import type { Address, PublicClient } from 'viem';
import type { Decimal } from '../../money.js';
import { fromBaseUnits } from '../units.js';
import type { WalletEndpoint } from '../wallet.js';
import { walletError } from '../wallet.js';
import { evmNode } from '../evm/evm-node.js';
import type { QuoteContract } from './quote-contract.js';

export interface DexReader {
  decimalsOf(symbol: string): Promise<number>;
  /** What 1 `symbol` buys in `quote`, the pool fee taken. */
  priceOf(symbol: string, quote: string): Promise<Decimal>;
  /** Base units of `symbolOut` that `amountIn` base units of `symbolIn` buy; a revert is thrown as viem threw it (see isRevert). */
  amountOut(symbolIn: string, symbolOut: string, amountIn: bigint): Promise<bigint>;
  /** What `owner` lets `spender` move of `symbol`, in base units. */
  allowance(symbol: string, owner: Address, spender: Address): Promise<bigint>;
  chainId(): Promise<number>;
  /** The node's client (connected on first use). */
  client(): Promise<PublicClient>;
  /** Forget the connection after a failure, so the next call reconnects. */
  reset(): void;
}

// viem wraps every failed readContract in a ContractFunctionExecutionError, a revert and an
// unreachable node alike; what happened is further down the chain of causes.
const causes = (error: unknown): string[] => {
  const names: string[] = [];
  for (let e = error; e instanceof Error && names.length < 10; e = e.cause) names.push(e.name);
  return names;
};

/** A contract call that reverted (no pool, no liquidity), as opposed to a node that could not be reached. */
export function isRevert(error: unknown): boolean {
  return causes(error).some((name) => /ContractFunction(Revert|ZeroData)Error|ExecutionRevertedError/.test(name));
}

/** Network trouble and timeouts may pass; a revert will not. */
export function isRetryable(error: unknown): boolean {
  if (isRevert(error)) return false;
  return causes(error).some((name) => /HttpRequestError|TimeoutError|RpcRequestError|SocketClosedError|LimitExceededRpcError|InternalRpcError|UnknownRpcError|FetchError|TypeError/.test(name));
}

export function dexReader(id: string, endpoint: WalletEndpoint, tokens: ReadonlyMap<string, Address>, contract: QuoteContract): DexReader {
  const node = evmNode(endpoint.url);
  const decimalsOf = (symbol: string): Promise<number> => node.decimalsOf(tokens.get(symbol)!);
  const amountOut = async (symbolIn: string, symbolOut: string, amountIn: bigint) => contract.quote(await node.client(), tokens.get(symbolIn)!, tokens.get(symbolOut)!, amountIn);
  return {
    decimalsOf,
    amountOut,
    async priceOf(symbol, quote) {
      const [inDecimals, outDecimals] = await Promise.all([decimalsOf(symbol), decimalsOf(quote)]);
      try {
        return fromBaseUnits(await amountOut(symbol, quote, 10n ** BigInt(inDecimals)), outDecimals);
      } catch (error) {
        if (!isRevert(error)) throw error;
        const why = `the ${contract.name} could not quote 1 ${symbol} in ${quote} (fee tier ${contract.fee}): the call reverted; is there a ${symbol}/${quote} pool with liquidity, and are quoter/router and fee_tier right?`;
        throw walletError(id, 'fetch prices', endpoint, new Error(why, { cause: error }), () => false);
      }
    },
    async allowance(symbol, owner, spender) {
      const { erc20Abi } = await import('viem');
      return (await node.client()).readContract({ address: tokens.get(symbol)!, abi: erc20Abi, functionName: 'allowance', args: [owner, spender] });
    },
    chainId: async () => (await node.client()).getChainId(),
    client: node.client,
    reset: node.reset,
  };
}
