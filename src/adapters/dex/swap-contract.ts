// Where a DEX venue's swaps go, and their calldata. Uniswap quotes on QuoterV2 but swaps through
// SwapRouter02 (`swap_router:`, mainnet's by default); a V2-style router both quotes and swaps, so
// its `router:` serves both. A chain with no well-known SwapRouter02 needs the field, asked for only
// when a swap is built, so a quote-only config keeps working. Uniswap's exactInputSingle takes no
// deadline, so it goes inside SwapRouter02's multicall(deadline, [call]), which enforces one.
import type { Address, Hex } from 'viem';
import type { VenueConfig } from '../../config.js';
import { UsageError } from '../../errors.js';
import { swapRouter02Abi, v2SwapAbi } from './abis.js';
import type { QuoteContract } from './quote-contract.js';

const SWAP_ROUTER02: Readonly<Record<number, Address>> = { 1: '0x68b3465833fb72A70ecDF485E0e4C7bD8665Fc45' };
/** How long a swap stays valid after it is built: a transaction signed late must not fill at a stale minimum. */
export const SWAP_DEADLINE_SECONDS = 20 * 60;

export interface SwapCall {
  tokenIn: Address;
  tokenOut: Address;
  amountIn: bigint;
  amountOutMinimum: bigint;
  recipient: Address;
  /** Unix seconds: after it, the swap reverts. */
  deadline: bigint;
}

export interface SwapContract {
  /** "uniswap SwapRouter02 0x..." or "sushiswap router 0x...", for descriptions. */
  name: string;
  address: Address;
  encode(call: SwapCall): Promise<Hex>;
}

/** The swap contract, or the UsageError that building a swap will throw (a config that only quotes stays valid). */
export function swapContract(id: string, config: VenueConfig, quotes: QuoteContract): SwapContract | UsageError {
  if (config.adapter !== 'uniswap') {
    if (config.swap_router) throw new UsageError(`Venue "${id}": swap_router: is for adapter uniswap; a ${config.adapter} router quotes and swaps, so router: serves both. Remove swap_router:.`);
    return {
      name: `${config.adapter} router ${quotes.address}`,
      address: quotes.address,
      encode: async (call) => {
        const { encodeFunctionData } = await import('viem');
        return encodeFunctionData({ abi: v2SwapAbi, functionName: 'swapExactTokensForTokens', args: [call.amountIn, call.amountOutMinimum, [call.tokenIn, call.tokenOut], call.recipient, call.deadline] });
      },
    };
  }
  const address = (config.swap_router as Address | undefined) ?? SWAP_ROUTER02[config.chain_id ?? 1];
  if (!address) return new UsageError(`Venue "${id}": adapter uniswap on chain ${config.chain_id} needs swap_router: (the Uniswap SwapRouter02 address on that chain) to build swaps.`);
  const fee = quotes.fee;
  return {
    name: `uniswap SwapRouter02 ${address}`,
    address,
    encode: async (call) => {
      const { encodeFunctionData } = await import('viem');
      const params = { tokenIn: call.tokenIn, tokenOut: call.tokenOut, fee, recipient: call.recipient, amountIn: call.amountIn, amountOutMinimum: call.amountOutMinimum, sqrtPriceLimitX96: 0n };
      const swap = encodeFunctionData({ abi: swapRouter02Abi, functionName: 'exactInputSingle', args: [params] });
      return encodeFunctionData({ abi: swapRouter02Abi, functionName: 'multicall', args: [call.deadline, [swap]] });
    },
  };
}
