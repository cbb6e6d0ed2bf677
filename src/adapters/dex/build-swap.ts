// A DEX swap as unsigned transactions for the user's wallet (ports/swap.ts): a fresh quote at the
// planned size, refused when it already pays less than the minimum; an ERC-20 approval of exactly
// the input when the wallet's allowance falls short (never unlimited, so a router bug cannot drain
// more than this swap); then the router call, paying out to the signing wallet itself.
import type { Address, Hex } from 'viem';
import { UsageError, VenueError } from '../../errors.js';
import { Decimal } from '../../money.js';
import type { Clock } from '../../ports/clock.js';
import type { SwapRequest, UnsignedEvmTransaction, UnsignedSwap } from '../../ports/swap.js';
import { fromBaseUnits, toBaseUnits } from '../units.js';
import { planDexSwap, type DexSwapContext, type PlannedSwap } from './quote-swap.js';
import { SWAP_DEADLINE_SECONDS, type SwapContract } from './swap-contract.js';

export interface DexBuildContext extends DexSwapContext {
  /** The venue's `addresses:`: the only wallets a swap may be built for. */
  addresses: readonly string[];
  /** The swap contract, or why the config cannot build swaps. */
  router: SwapContract | UsageError;
  /** The config's chain_id, which the node must match. */
  chainId: number | undefined;
  clock: Clock;
}

export async function buildDexSwap(context: DexBuildContext, request: SwapRequest): Promise<UnsignedSwap> {
  const { id, reader, tokens, router } = context;
  const from = signer(context, request.from);
  if (router instanceof UsageError) throw router;
  if (!request.minAmountOut.isFinite() || request.minAmountOut.lte(0)) {
    throw new UsageError(`Venue "${id}": minAmountOut ${request.minAmountOut.toString()} for ${request.symbol} must be above 0; a swap with no minimum out can be sandwiched.`);
  }
  const planned = await planDexSwap(context, request);
  const minimum = toBaseUnits(request.minAmountOut, planned.decimalsOut, 'up');
  if (planned.amountOut < minimum) throw belowMinimum(id, planned, request.minAmountOut);
  const [chainId, allowance] = await Promise.all([reader.chainId(), reader.allowance(planned.tokenIn, from, router.address)]);
  if (context.chainId !== undefined && chainId !== context.chainId) {
    throw new VenueError(id, 'build a swap', `the node at rpc_url is on chain ${chainId}, not chain_id ${context.chainId}; point rpc_url at a chain ${context.chainId} node or fix chain_id`, false);
  }
  const transaction = (to: Address, data: Hex, description: string): UnsignedEvmTransaction => ({ chain: 'evm', chainId, from, to, data, value: '0', description });
  const inText = `${planned.quote.amountIn.toFixed()} ${planned.tokenIn}`;
  const transactions: UnsignedEvmTransaction[] = [];
  if (allowance < planned.amountIn) {
    const { encodeFunctionData, erc20Abi } = await import('viem');
    const data = encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [router.address, planned.amountIn] });
    transactions.push(transaction(tokens.get(planned.tokenIn)!, data, `approve ${inText} for the ${router.name} (this swap's input exactly; the allowance is ${fromBaseUnits(allowance, planned.decimalsIn).toFixed()})`));
  }
  const deadline = Math.floor(context.clock.now().getTime() / 1000) + SWAP_DEADLINE_SECONDS;
  const data = await router.encode({ tokenIn: tokens.get(planned.tokenIn)!, tokenOut: tokens.get(planned.tokenOut)!, amountIn: planned.amountIn, amountOutMinimum: minimum, recipient: from, deadline: BigInt(deadline) });
  const until = `; valid until ${new Date(deadline * 1000).toISOString()}`;
  const { quote } = planned;
  const swap = `swap ${inText} for at least ${request.minAmountOut.toFixed()} ${planned.tokenOut} through the ${router.name}, paid to ${from} (quoted ${quote.amountOut.toFixed()} ${planned.tokenOut}, fee ${percent(quote.feeRate)}, price impact ${percent(quote.priceImpact)}${until})`;
  transactions.push(transaction(router.address, data, swap));
  return { clientOrderId: request.clientOrderId, venue: id, quote, minAmountOut: request.minAmountOut, transactions };
}

/** The wallet that signs: one of the venue's addresses:, as written there. */
function signer({ id, addresses }: DexBuildContext, from: string): Address {
  if (addresses.length === 0) throw new UsageError(`Venue "${id}": building a swap needs addresses: [...] with the wallet that signs it.`);
  const match = addresses.find((address) => address.toLowerCase() === from.toLowerCase());
  if (!match) throw new UsageError(`Venue "${id}": from ${JSON.stringify(from)} is not one of the venue's addresses: (${addresses.join(', ')}); swaps are built only for the wallets it counts.`);
  return match as Address;
}

function belowMinimum(id: string, planned: PlannedSwap, minAmountOut: Decimal): VenueError {
  const { quote } = planned;
  const size = `${quote.side} of ${quote.side === 'sell' ? quote.amountIn.toFixed() : quote.amountOut.toFixed()} ${quote.symbol.split('/')[0]}`;
  const figures = `${quote.amountIn.toFixed()} ${planned.tokenIn} now quotes ${quote.amountOut.toFixed()} ${planned.tokenOut} out, below the minimum ${minAmountOut.toFixed()} ${planned.tokenOut} (price ${quote.price.toSignificantDigits(12, Decimal.ROUND_HALF_EVEN).toFixed()}, reference ${quote.referencePrice.toSignificantDigits(12, Decimal.ROUND_HALF_EVEN).toFixed()}, impact ${percent(quote.priceImpact)})`;
  return new VenueError(id, 'build a swap', `refused the ${size} on ${quote.symbol}: ${figures}; plan again or allow more slippage.`, false);
}

const percent = (fraction: Decimal) => `${fraction.times(100).toDecimalPlaces(4, Decimal.ROUND_HALF_EVEN).toFixed()}%`;
