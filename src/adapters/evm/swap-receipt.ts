// A signed EVM swap read back from the chain (ports/swap.ts SwapReceiptReader), shared by the DEX
// venues and 1inch: the receipt (none yet: pending when the node knows the transaction, else not
// found), its sender (the wallet's own, or refused), and the ERC-20 Transfer logs: what of the
// input token left the wallet and what of the output token reached it, exact from base units.
// The network fee is gasUsed x effectiveGasPrice; the time is the block's. A native coin going in
// is the transaction's value; one coming out leaves no log (it is an internal transfer) and is
// out of scope: such a swap is refused with a way to book it instead.
import type { Address, Hash, PublicClient } from 'viem';
import { UsageError } from '../../errors.js';
import { ZERO, type Decimal } from '../../money.js';
import type { SwapReceipt, SwapReceiptRequest } from '../../ports/swap.js';
import { fromBaseUnits } from '../units.js';

export interface ReceiptToken {
  symbol: string;
  address: string;
  decimals: number;
  /** The chain's native coin (1inch's 0xEeee...): moved as the transaction's value, not by a Transfer. */
  native?: boolean | undefined;
}

export interface EvmSwapRead {
  venue: string;
  client: PublicClient;
  /** ETH, BNB, POL: what the network fee is paid in. */
  nativeSymbol: string;
  tokenIn: ReceiptToken;
  tokenOut: ReceiptToken;
}

const TX_HASH = /^0x[0-9a-fA-F]{64}$/;

export async function readEvmSwap(read: EvmSwapRead, request: SwapReceiptRequest): Promise<SwapReceipt> {
  const { venue, client, tokenIn, tokenOut } = read;
  if (!TX_HASH.test(request.transaction)) throw new UsageError(`Venue "${venue}": ${JSON.stringify(request.transaction)} is not an EVM transaction hash; expected 0x and 64 hex digits.`);
  if (tokenOut.native) {
    throw new UsageError(`Venue "${venue}": a ${request.side} of ${request.symbol} pays out the native coin ${tokenOut.symbol}, which moves without a Transfer log; reading it back is not supported. Book it with kit portfolio import instead.`);
  }
  const hash = request.transaction as Hash;
  const { TransactionReceiptNotFoundError, TransactionNotFoundError, parseEventLogs, erc20Abi } = await import('viem');
  let receipt: Awaited<ReturnType<PublicClient['getTransactionReceipt']>>;
  try {
    receipt = await client.getTransactionReceipt({ hash });
  } catch (error) {
    if (!(error instanceof TransactionReceiptNotFoundError)) throw error;
    // No receipt: a transaction the node holds is waiting to be mined; one it does not know is not found.
    try {
      await client.getTransaction({ hash });
      return { status: 'pending' };
    } catch (inner) {
      if (inner instanceof TransactionNotFoundError) return { status: 'not_found' };
      throw inner;
    }
  }
  const wallet = request.from.toLowerCase();
  if (receipt.from.toLowerCase() !== wallet) {
    throw new UsageError(`Venue "${venue}": transaction ${hash} was sent by ${receipt.from}, not by ${request.from}: it is not this wallet's transaction, so it is not booked as this swap.`);
  }
  const block = await client.getBlock({ blockHash: receipt.blockHash });
  const at = new Date(Number(block.timestamp) * 1000);
  if (receipt.status === 'reverted') return { status: 'failed', at, reason: `transaction ${hash} reverted on chain in block ${receipt.blockNumber} (nothing was swapped; the network fee was still paid)` };
  const transfers = parseEventLogs({ abi: erc20Abi, eventName: 'Transfer', logs: receipt.logs });
  const moved = (token: ReceiptToken, side: 'from' | 'to'): bigint =>
    transfers.filter((log) => log.address.toLowerCase() === token.address.toLowerCase() && (log.args[side] as Address).toLowerCase() === wallet).reduce((sum, log) => sum + log.args.value, 0n);
  const amountIn = tokenIn.native ? await valueOf(client, hash) : moved(tokenIn, 'from');
  const amountOut = moved(tokenOut, 'to');
  const networkFee: Decimal = receipt.effectiveGasPrice === undefined ? ZERO : fromBaseUnits(receipt.gasUsed * receipt.effectiveGasPrice, 18);
  return { status: 'confirmed', at, amountIn: fromBaseUnits(amountIn, tokenIn.decimals), amountOut: fromBaseUnits(amountOut, tokenOut.decimals), networkFee, networkFeeAsset: read.nativeSymbol };
}

async function valueOf(client: PublicClient, hash: Hash): Promise<bigint> {
  return (await client.getTransaction({ hash })).value;
}
