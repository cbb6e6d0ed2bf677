// A signed Jupiter swap read back from the Solana node, so it can be booked: what left the wallet
// and what reached it (wallet-change.ts), the network fee in SOL and the block's time. Only a
// transaction the wallet itself paid for and signed (the first account key) is read as its swap;
// one that moved nothing of the pair the right way is refused, never booked as a zero trade.
// Not at `confirmed` yet: "pending" when the node has seen the signature, else "not_found".
import { UsageError } from '../../errors.js';
import type { SwapReceipt, SwapReceiptRequest } from '../../ports.js';
import { getSignatureStatus, getTransaction } from '../solana/get-transaction.js';
import { SolanaRpcError } from '../solana/solana-rpc.js';
import { fromBaseUnits } from '../units.js';
import { resolvePair, type SwapContext } from './swap-quotes.js';
import { walletChange } from './wallet-change.js';

const LAMPORTS = 9;
// 64 bytes in base58.
const SIGNATURE = /^[1-9A-HJ-NP-Za-km-z]{64,88}$/;

export interface ReceiptContext {
  swap: SwapContext;
  rpcUrl: string;
  addresses: readonly string[];
}

export async function readJupiterSwap(context: ReceiptContext, request: SwapReceiptRequest): Promise<SwapReceipt> {
  const venue = context.swap.venue;
  const { transaction: signature, from } = request;
  if (!context.addresses.includes(from)) {
    throw new UsageError(`Venue "${venue}": ${JSON.stringify(from)} is not one of its addresses (${context.addresses.join(', ') || 'none'}); only a swap signed by a wallet the venue counts can be booked.`);
  }
  if (!SIGNATURE.test(signature)) throw new UsageError(`Venue "${venue}": ${JSON.stringify(signature)} is not a Solana transaction signature (base58, 64 bytes).`);
  const pair = await resolvePair(context.swap, request.symbol);
  const found = await getTransaction(context.rpcUrl, signature);
  if (!found) return { status: (await getSignatureStatus(context.rpcUrl, signature)) === null ? 'not_found' : 'pending' };
  const signer = found.transaction.message.accountKeys[0];
  if (signer !== from) throw new UsageError(`Venue "${venue}": transaction ${signature} was signed by ${signer}, not ${from}; it is not this wallet's swap.`);
  const { meta } = found;
  if (!meta) throw new SolanaRpcError(`getTransaction: the node has no status for ${signature} (meta is null)`, false);
  const at = found.blockTime === null || found.blockTime === undefined ? undefined : new Date(found.blockTime * 1000);
  if (meta.err !== null && meta.err !== undefined) return { status: 'failed', reason: JSON.stringify(meta.err), ...(at ? { at } : {}) };
  // Confirmed but not dated: a disposal needs its date, so it waits for the block time.
  if (!at) return { status: 'pending' };

  const base = walletChange({ ...found, meta }, from, pair.base.mint);
  const quote = walletChange({ ...found, meta }, from, pair.quote.mint);
  const [paid, got, spent, received] = request.side === 'sell' ? [pair.base, pair.quote, -base, quote] : [pair.quote, pair.base, -quote, base];
  if (spent <= 0n || received <= 0n) {
    const moved = (change: bigint, side: typeof pair.base) => `${change > 0n ? '+' : ''}${fromBaseUnits(change, side.decimals).toFixed()} ${side.symbol}`;
    throw new UsageError(`Venue "${venue}": transaction ${signature} did not swap ${paid.symbol} for ${got.symbol} in ${from} (it moved ${moved(base, pair.base)}, ${moved(quote, pair.quote)}); it is not this ${request.side} of ${pair.symbol}.`);
  }
  return {
    status: 'confirmed',
    at,
    amountIn: fromBaseUnits(spent, paid.decimals),
    amountOut: fromBaseUnits(received, got.decimals),
    networkFee: fromBaseUnits(meta.fee, LAMPORTS),
    networkFeeAsset: 'SOL',
  };
}
