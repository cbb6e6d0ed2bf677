// `rebalance swaps record`: a swap the user signed, booked like a filled order. The leg is the
// ledger's (never the swaps file's); its venue reads the transaction back from the chain; the
// amounts must be this leg's (fill-check in swap-trades.ts). Then, in one ledger transaction, its
// trades (ids from the client order id, so a second recording adds nothing) and the leg marked
// booked with the transaction; after it, a sale's disposals go to the tax sink, once.
import { DataError, UsageError } from '../../errors.js';
import { ZERO, type Decimal } from '../../money.js';
import type { DisposalRecord, StoredSwapLeg, SwapReceipt, TaxSink, TradeRecord } from '../../ports.js';
import { disposalsOf, realisedGain } from '../execute/disposals.js';
import type { Session } from '../session.js';
import { fillMismatch, swapTrades } from './swap-trades.js';

export interface RecordSwapRequest {
  clientOrderId: string;
  /** The EVM transaction hash or Solana signature the wallet sent. */
  transaction: string;
}

export type SwapRecording =
  | { kind: 'pending' | 'not_found'; leg: StoredSwapLeg; venueLabel: string; transaction: string }
  | { kind: 'failed'; leg: StoredSwapLeg; venueLabel: string; transaction: string; reason: string }
  | { kind: 'booked' | 'already_booked'; leg: StoredSwapLeg; venueLabel: string; transaction: string; trades: TradeRecord[]; disposals: DisposalRecord[]; gain: Decimal; fees: Decimal };

/** EVM hashes are hex, kept in lower case; a Solana signature (base58) is kept as written. */
export const normalTransaction = (tx: string) => (/^0x[0-9a-fA-F]+$/.test(tx.trim()) ? tx.trim().toLowerCase() : tx.trim());

export async function recordSwap(session: Session, sink: TaxSink | undefined, request: RecordSwapRequest): Promise<SwapRecording> {
  const { ledger, venues } = session.deps;
  const transaction = normalTransaction(request.transaction);
  const leg = knownLeg(session, request.clientOrderId);
  const venue = venues.find((v) => v.id === leg.venue);
  const base = { venueLabel: venue?.label ?? leg.venue, transaction };
  if (leg.status === 'booked') {
    if (leg.fill?.transaction !== transaction) throw new UsageError(`Swap ${leg.clientOrderId} is already booked, with transaction ${leg.fill?.transaction}; ${transaction} is not booked again.`);
    return finish(session, sink, leg, { ...base, kind: 'already_booked' });
  }
  const other = ledger.swapLegByTransaction(transaction);
  if (other) throw new UsageError(`Transaction ${transaction} is already booked as swap ${other.clientOrderId} (${other.side} ${other.symbol} on ${other.venue}); one transaction books one swap.`);
  if (!venue?.readSwap) throw new UsageError(`Venue "${leg.venue}" cannot read a signed swap back from its chain, so swap ${leg.clientOrderId} cannot be booked here; record the trade with kit portfolio import instead.`);
  const receipt: SwapReceipt = await venue.readSwap({ transaction, from: leg.from, symbol: leg.symbol, side: leg.side });
  if (receipt.status === 'failed') {
    ledger.markSwapLegFailed(leg.clientOrderId, { transaction, reason: receipt.reason, at: receipt.at ?? session.deps.clock.now() });
    return { ...base, kind: 'failed', leg: ledger.swapLeg(leg.clientOrderId)!, reason: receipt.reason };
  }
  if (receipt.status !== 'confirmed') return { ...base, kind: receipt.status, leg };
  const mismatch = fillMismatch(leg, receipt);
  if (mismatch) throw new DataError(`Not booked: ${mismatch}. Is ${transaction} the transaction of swap ${leg.clientOrderId} (${leg.side} ${leg.quantity.toFixed()} ${leg.base} on ${base.venueLabel})?`);
  const trades = swapTrades(leg, receipt, session.deps.config.currency);
  const booked = ledger.transaction(() => {
    // Read again under the write lock: another process may have booked it meanwhile.
    const now = ledger.swapLeg(leg.clientOrderId)!;
    if (now.status === 'booked') return false;
    ledger.recordTrades(trades);
    ledger.markSwapLegBooked(leg.clientOrderId, { transaction, executedAt: receipt.at, amountIn: receipt.amountIn, amountOut: receipt.amountOut, networkFee: receipt.networkFee, networkFeeAsset: receipt.networkFeeAsset });
    return true;
  });
  return finish(session, sink, ledger.swapLeg(leg.clientOrderId)!, { ...base, kind: booked ? 'booked' : 'already_booked' });
}

function knownLeg(session: Session, clientOrderId: string): StoredSwapLeg {
  const leg = session.deps.ledger.swapLeg(clientOrderId.trim());
  if (leg) return leg;
  const waiting = session.deps.ledger.swapLegs().filter((l) => l.status !== 'booked').map((l) => l.clientOrderId);
  const known = waiting.length > 0 ? `the swaps waiting to be booked are ${waiting.slice(0, 10).join(', ')}${waiting.length > 10 ? ` and ${waiting.length - 10} more` : ''}` : 'no swap is waiting to be booked';
  throw new UsageError(`No DEX swap ${JSON.stringify(clientOrderId)} was handed out from this ledger; ${known} (see the client_order_id of each swap in kit rebalance swaps or the swaps file).`);
}

/** The leg's booked trades and disposals; a sale's disposals reach the tax sink once. */
async function finish(session: Session, sink: TaxSink | undefined, leg: StoredSwapLeg, base: { kind: 'booked' | 'already_booked'; venueLabel: string; transaction: string }): Promise<SwapRecording> {
  const { ledger } = session.deps;
  const trades = ledger.trades({ asset: leg.base }).filter((trade) => trade.id === leg.clientOrderId || trade.id.startsWith(`${leg.clientOrderId}#`));
  const disposals = leg.side === 'sell' ? disposalsOf(session.deps, trades.map((trade) => trade.id)) : [];
  if (!leg.taxSent) {
    if (sink && disposals.length > 0) await sink.record(disposals);
    ledger.markSwapLegTaxSent(leg.clientOrderId);
  }
  const fees = trades.reduce((sum, trade) => sum.plus(trade.fee), ZERO);
  return { ...base, leg: ledger.swapLeg(leg.clientOrderId)!, trades, disposals, gain: realisedGain(disposals), fees };
}
