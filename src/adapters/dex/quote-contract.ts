// Where a DEX venue asks for quotes: Uniswap V3's QuoterV2 (one pool, picked by fee tier) or a
// V2-style router (SushiSwap, PancakeSwap) along the direct path. Each protocol's well-known
// contract is the default on its main chain; anywhere else the config must name it.
import type { Address, PublicClient } from 'viem';
import type { VenueConfig } from '../../config.js';
import { UsageError } from '../../errors.js';
import { quoterV2Abi, v2RouterAbi } from './abis.js';

const DEFAULTS: Record<string, { chainId: number; address: Address; fee: number }> = {
  uniswap: { chainId: 1, address: '0x61fFE014bA17989E743c5F6cB21bF9697530B21e', fee: 3000 },
  sushiswap: { chainId: 1, address: '0xd9e1cE17f2641f24aE83637ab66a2cca9C378B9F', fee: 3000 },
  pancakeswap: { chainId: 56, address: '0x10ED43C718714eb63d5aA57B78B54704E256024E', fee: 2500 },
};

export interface QuoteContract {
  /** "QuoterV2 0x..." or "router 0x...", for messages. */
  name: string;
  address: Address;
  /** The pool fee, in hundredths of a basis point. */
  fee: number;
  /** Base units of `tokenOut` that `amountIn` base units of `tokenIn` buy. */
  quote(client: PublicClient, tokenIn: Address, tokenOut: Address, amountIn: bigint): Promise<bigint>;
}

export function quoteContract(id: string, config: VenueConfig): QuoteContract {
  const fallback = DEFAULTS[config.adapter]!;
  const field = config.adapter === 'uniswap' ? 'quoter' : 'router';
  const written = config.adapter === 'uniswap' ? config.quoter : config.router;
  const onHomeChain = config.chain_id === undefined || config.chain_id === fallback.chainId;
  if (!written && !onHomeChain) throw new UsageError(`Venue "${id}": adapter ${config.adapter} on chain ${config.chain_id} needs ${field}: (the ${field} contract's address on that chain).`);
  const address = (written ?? fallback.address) as Address;
  const fee = config.fee_tier ?? fallback.fee;
  if (config.adapter === 'uniswap') {
    return {
      name: `QuoterV2 ${address}`,
      address,
      fee,
      quote: async (client, tokenIn, tokenOut, amountIn) => {
        const [amountOut] = await client.readContract({ address, abi: quoterV2Abi, functionName: 'quoteExactInputSingle', args: [{ tokenIn, tokenOut, amountIn, fee, sqrtPriceLimitX96: 0n }] });
        return amountOut;
      },
    };
  }
  return {
    name: `router ${address}`,
    address,
    fee,
    quote: async (client, tokenIn, tokenOut, amountIn) => {
      const amounts = await client.readContract({ address, abi: v2RouterAbi, functionName: 'getAmountsOut', args: [amountIn, [tokenIn, tokenOut]] });
      return amounts[amounts.length - 1] ?? 0n;
    },
  };
}
