// A swap recording for people: what was booked (the amounts the chain moved, the venue, the
// transaction, the lots a sale used and its gain), or why nothing was, and what to do next.
import { formatMoney, formatPercent } from '../format.js';
import { Decimal } from '../money.js';
import type { SwapRecording } from '../rebalancer.js';

/** Exact token amounts with thousands separators: 9710.450123 -> "9,710.450123". */
export function tokenAmount(value: Decimal, asset: string): string {
  const [whole = '0', fraction] = value.toFixed().split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction ? `.${fraction}` : ''} ${asset}`;
}

const shortTx = (tx: string) => (tx.length > 20 ? `${tx.slice(0, 10)}…${tx.slice(-6)}` : tx);

export function swapRecordMessage(recording: SwapRecording, currency: string): string {
  const { leg, transaction } = recording;
  const what = `swap ${leg.clientOrderId} (${leg.side} ${leg.quantity.toFixed()} ${leg.base} on ${recording.venueLabel})`;
  switch (recording.kind) {
    case 'pending':
      return `Transaction ${transaction} is not mined yet; nothing was booked. Run this again once it is confirmed.`;
    case 'not_found':
      return `The ${leg.venue} node does not know transaction ${transaction}; nothing was booked. Check the hash, or run this again once the transaction has been sent.`;
    case 'failed':
      return `Transaction ${transaction} failed: ${recording.reason}. Nothing was booked; ${what} is marked failed. Plan and sign it again (kit rebalance swaps) if it is still wanted.`;
    default:
      return bookedMessage(recording, currency);
  }
}

function bookedMessage(recording: Extract<SwapRecording, { kind: 'booked' | 'already_booked' }>, currency: string): string {
  const { leg } = recording;
  const fill = leg.fill!;
  const sell = leg.side === 'sell';
  const [base, quote] = sell ? [fill.amountIn, fill.amountOut] : [fill.amountOut, fill.amountIn];
  const head = recording.kind === 'booked' ? 'Booked' : 'Already booked (nothing added)';
  const lots = recording.disposals.length > 0 ? `, lots ${[...new Set(recording.disposals.map((d) => d.lotId))].join(', ')}` : '';
  const gain = sell ? `; gain ${formatMoney(recording.gain, currency)}` : '';
  const line = `${head}: ${leg.side} ${tokenAmount(base, leg.base)} ${sell ? 'for' : 'with'} ${tokenAmount(quote, leg.quote)} on ${recording.venueLabel}, tx ${shortTx(fill.transaction)}${lots}${gain}.`;
  const price = quote.div(base).toSignificantDigits(10, Decimal.ROUND_HALF_EVEN).toFixed();
  const fee = leg.feeRate.gt(0) ? `pool fee ${formatMoney(recording.fees, currency)} (${formatPercent(leg.feeRate, 2)}, in the price)` : 'pool fee in the price';
  return `${line}\n   ${price} ${leg.quote} per ${leg.base}; ${fee}; network fee ${fill.networkFee.toFixed()} ${fill.networkFeeAsset}; at ${fill.executedAt.toISOString()}.`;
}
