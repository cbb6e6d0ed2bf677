// buildSwap through 1inch: the unsigned transactions a wallet signs, never signed here. The
// router may need an allowance first: exactly the amount going in (never unlimited), after a
// reset to 0 where one is already set (USDT and tokens like it refuse to change a non-zero
// allowance). The swap's slippage is derived from minAmountOut, and every answer is checked
// against the request before it is handed on: who sends, what goes out, what must come back.
import type { Hex } from 'viem';
import type { SwapRequest, UnsignedEvmTransaction, UnsignedSwap } from '../../ports.js';
import { fromBaseUnits, toBaseUnits } from '../units.js';
import type { OneInchApi } from './api.js';
import { SwapRefusal } from './errors.js';
import { planSwap, swapQuote, type PlannedSwap, type QuoteDeps, type Token } from './swap-quote.js';
import { isNative } from './token-decimals.js';

export interface BuildDeps extends QuoteDeps {
  api: OneInchApi;
  venue: string;
  chainId: number;
  /** The venue's addresses: the only wallets a swap may be built for. */
  wallets: readonly string[];
}

/** 1inch takes slippage in percent, 0 to 50; in whole basis points here, rounded down so the guard is never looser than asked. */
export function slippageBasisPoints(quotedOut: bigint, minOut: bigint): bigint {
  if (quotedOut <= 0n || minOut > quotedOut) throw new RangeError('the quoted output is below the minimum');
  const bp = ((quotedOut - minOut) * 10_000n) / quotedOut;
  return bp > 5_000n ? 5_000n : bp;
}

const percentOf = (bp: bigint) => `${bp / 100n}.${(bp % 100n).toString().padStart(2, '0')}`;

export async function buildOneInchSwap(deps: BuildDeps, request: SwapRequest): Promise<UnsignedSwap> {
  const from = wallet(deps.wallets, request.from);
  const planned = await planSwap(deps, request);
  const { tokenIn, tokenOut, amountInBase } = planned;
  const minOut = toBaseUnits(request.minAmountOut, tokenOut.decimals, 'up');
  const whole = (amount: bigint, token: Token) => `${fromBaseUnits(amount, token.decimals).toFixed()} ${token.symbol}`;
  if (planned.amountOutBase < minOut) throw new SwapRefusal(`1inch quotes ${whole(planned.amountOutBase, tokenOut)} for ${whole(amountInBase, tokenIn)}, below the minimum ${whole(minOut, tokenOut)}; not built`);
  const bp = slippageBasisPoints(planned.amountOutBase, minOut);

  const transactions: UnsignedEvmTransaction[] = isNative(tokenIn.address) ? [] : await approvals(deps, planned, from);
  const answer = await deps.api.swap({ src: tokenIn.address, dst: tokenOut.address, amount: amountInBase, from, slippage: percentOf(bp) });
  const { tx } = answer;
  if (tx.from.toLowerCase() !== from.toLowerCase()) throw new SwapRefusal(`1inch built the swap for ${tx.from}, not for ${from}; not used`);
  const guaranteed = (answer.dstAmount * (10_000n - bp)) / 10_000n;
  if (guaranteed < minOut) throw new SwapRefusal(`1inch's swap returns ${whole(answer.dstAmount, tokenOut)} and, at ${percentOf(bp)}% slippage, as little as ${whole(guaranteed, tokenOut)}: below the minimum ${whole(minOut, tokenOut)}; not built`);
  const expectedValue = isNative(tokenIn.address) ? amountInBase : 0n;
  if (tx.value !== expectedValue) throw new SwapRefusal(`1inch's swap would send ${fromBaseUnits(tx.value, 18).toFixed()} of the native coin, expected ${fromBaseUnits(expectedValue, 18).toFixed()}; not used`);
  transactions.push({
    chain: 'evm',
    chainId: deps.chainId,
    from,
    to: tx.to,
    data: tx.data,
    value: tx.value.toString(),
    description: `swap ${whole(amountInBase, tokenIn)} for at least ${whole(guaranteed, tokenOut)} (1inch expects ${whole(answer.dstAmount, tokenOut)}) through the 1inch router ${tx.to}`,
  });
  const quote = swapQuote(request, { ...planned, amountOutBase: answer.dstAmount }, planned.quote.referencePrice);
  return { clientOrderId: request.clientOrderId, venue: deps.venue, quote, minAmountOut: request.minAmountOut, transactions };
}

function wallet(wallets: readonly string[], from: string): string {
  const match = wallets.find((address) => address.toLowerCase() === from.toLowerCase());
  if (!match) throw new SwapRefusal(`${from} is not one of this venue's addresses (${wallets.join(', ') || 'none listed'}); a swap is built only for a wallet the config names`);
  return match;
}

/** None when the router may already spend enough; else approve(amount), after approve(0) where an allowance is set. */
async function approvals(deps: BuildDeps, planned: PlannedSwap, from: string): Promise<UnsignedEvmTransaction[]> {
  const { tokenIn, amountInBase } = planned;
  const allowance = await deps.api.allowance(tokenIn.address, from);
  if (allowance >= amountInBase) return [];
  const amounts = allowance > 0n ? [0n, amountInBase] : [amountInBase];
  const out: UnsignedEvmTransaction[] = [];
  for (const amount of amounts) out.push(await approval(deps, tokenIn, amount, from));
  return out;
}

async function approval(deps: BuildDeps, token: Token, amount: bigint, from: string): Promise<UnsignedEvmTransaction> {
  const answer = await deps.api.approveTransaction(token.address, amount);
  if (answer.to.toLowerCase() !== token.address.toLowerCase()) throw new SwapRefusal(`1inch's approval goes to ${answer.to}, not to the ${token.symbol} contract ${token.address}; not used`);
  const { decodeFunctionData, erc20Abi } = await import('viem');
  let spender: string;
  let approved: bigint;
  try {
    const call = decodeFunctionData({ abi: erc20Abi, data: answer.data as Hex });
    if (call.functionName !== 'approve') throw new Error(call.functionName);
    [spender, approved] = call.args;
  } catch {
    throw new SwapRefusal(`1inch's approval for ${token.symbol} is not an ERC-20 approve() call; not used`);
  }
  if (approved !== amount) throw new SwapRefusal(`1inch's approval for ${token.symbol} allows ${approved.toString()} base units, not the ${amount.toString()} asked; not used`);
  if (answer.value !== 0n) throw new SwapRefusal(`1inch's approval for ${token.symbol} would send ${answer.value.toString()} wei of the native coin; not used`);
  const what = amount === 0n ? `reset the 1inch router ${spender}'s ${token.symbol} allowance to 0 (the token refuses to change a non-zero one)` : `approve ${fromBaseUnits(amount, token.decimals).toFixed()} ${token.symbol} for the 1inch router ${spender}`;
  return { chain: 'evm', chainId: deps.chainId, from, to: answer.to, data: answer.data, value: '0', description: what };
}
