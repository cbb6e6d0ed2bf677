// A swap's unsigned Solana transaction, as Jupiter builds it for the user's wallet to sign. The
// slippage is set from the caller's least acceptable output: the quote is asked again with the
// slippageBps that makes Jupiter's otherAmountThreshold (the on-chain floor) reach minAmountOut,
// and refused if it does not. The transaction comes back exactly as Jupiter sent it; we never sign.
import { UsageError } from '../../errors.js';
import type { SwapRequest, UnsignedSwap } from '../../ports.js';
import { fromBaseUnits, toBaseUnits } from '../units.js';
import { JupiterApiError } from './jupiter-api.js';
import { planSwap, toSwapQuote, type SwapContext } from './swap-quotes.js';

export async function buildJupiterSwap(context: SwapContext, addresses: readonly string[], request: SwapRequest): Promise<UnsignedSwap> {
  if (!addresses.includes(request.from)) {
    throw new UsageError(`Venue "${context.venue}": ${JSON.stringify(request.from)} is not one of its addresses (${addresses.join(', ') || 'none'}); the swap must be signed by a wallet the venue counts.`);
  }
  const planned = await planSwap(context, request);
  const out = planned.side === 'sell' ? planned.pair.quote : planned.pair.base;
  const minOut = toBaseUnits(request.minAmountOut, out.decimals, 'up');
  const expected = BigInt(planned.actual.answer.outAmount);
  const show = (units: bigint) => `${fromBaseUnits(units, out.decimals).toFixed()} ${out.symbol}`;
  if (expected < minOut) throw refusal(`Jupiter quotes ${show(expected)} out, less than the minimum ${show(minOut)}`);
  // outAmount x (1 - bps/10000) >= minOut, the largest such bps (rounded down, so never looser).
  const slippageBps = Number(expected === 0n ? 0n : ((expected - minOut) * 10_000n) / expected);
  const actual = slippageBps === planned.params.slippageBps ? planned.actual : await context.api.quote({ ...planned.params, slippageBps });
  const floor = BigInt(actual.answer.otherAmountThreshold);
  if (floor < minOut) throw refusal(`Jupiter's quote only guarantees ${show(floor)} (otherAmountThreshold at ${actual.answer.slippageBps} bps), less than the minimum ${show(minOut)}`);
  const built = await context.api.swap(request.from, actual);
  checkTransaction(built.swapTransaction);
  const quote = toSwapQuote(planned, actual);
  const paid = planned.side === 'sell' ? planned.pair.base : planned.pair.quote;
  const verb = `swap ${quote.amountIn.toFixed()} ${paid.symbol} for at least ${show(floor)}`;
  return {
    clientOrderId: request.clientOrderId,
    venue: context.venue,
    quote,
    minAmountOut: request.minAmountOut,
    transactions: [{ chain: 'solana', from: request.from, transaction: built.swapTransaction, ...(built.lastValidBlockHeight === undefined ? {} : { lastValidBlockHeight: built.lastValidBlockHeight }), description: `${verb} through ${quote.source} (${request.clientOrderId})` }],
  };
}

function refusal(why: string): JupiterApiError {
  return new JupiterApiError(`${why}; not building the swap (the price moved or minAmountOut is too tight)`, false);
}

/**
 * base64 of a serialized transaction: a compact-u16 count of signatures, that many 64-byte
 * signature slots, then the message. Checked for shape only; no Solana library is needed.
 */
export function checkTransaction(base64: string): void {
  const bytes = /^[A-Za-z0-9+/]+={0,2}$/.test(base64) && base64.length % 4 === 0 ? Buffer.from(base64, 'base64') : Buffer.alloc(0);
  let signatures = 0;
  let offset = 0;
  for (let shift = 0; offset < Math.min(bytes.length, 3); shift += 7) {
    const byte = bytes[offset++]!;
    signatures |= (byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) break;
  }
  if (bytes.length === 0 || signatures === 0 || bytes.length <= offset + 64 * signatures) {
    throw new JupiterApiError('/swap/v1/swap: swapTransaction is not a base64 Solana transaction', false);
  }
}
