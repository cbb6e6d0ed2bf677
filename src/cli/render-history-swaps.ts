// A history event's DEX legs for a person, under its orders: each one's state. Booked: the
// transaction, what the chain moved, the pool fee (in the reporting currency, counted in the run's
// fees) and the network's (in its own asset, not counted). To sign: the quote it was built at and
// how to book it. Failed: the transaction and why.
import { formatMoney } from '../format.js';
import type { HistoryEvent } from '../rebalancer.js';
import { swapsToSign, type EventSwap } from '../rebalancer/history/event-swaps.js';

const minute = (at: Date) => at.toISOString().slice(0, 16).replace('T', ' ');

export function swapLines(event: HistoryEvent, currency: string): string[] {
  if (event.swaps.length === 0) return [];
  const waiting = swapsToSign(event);
  return [
    `${minute(event.at)} DEX swaps:`,
    ...event.swaps.map((swap) => `  ${swap.side} ${swap.quantity.toFixed()} ${swap.market.split('/')[0]} on ${swap.venue}: ${swapState(swap, currency)} [${swap.clientOrderId}]`),
    ...(waiting > 0
      ? [`  ${waiting} swap${waiting === 1 ? ' is' : 's are'} still to sign: this run's fees and realised gain are partial until booked (kit rebalance swaps record <id> --tx <hash>).`]
      : []),
    '',
  ];
}

function swapState(swap: EventSwap, currency: string): string {
  const { booked, failure } = swap;
  if (booked) {
    const gain = booked.realisedGain ? `, realised gain ${formatMoney(booked.realisedGain, currency)}` : '';
    return `booked, tx ${booked.transaction}: ${booked.amountIn.toFixed()} ${swap.tokenIn} → ${booked.amountOut.toFixed()} ${swap.tokenOut}, fee ${formatMoney(booked.fee, currency)}, network fee ${booked.networkFee.toFixed()} ${booked.networkFeeAsset}${gain}`;
  }
  const quoted = `quoted ${swap.quotedIn.toFixed()} ${swap.tokenIn} → ${swap.quotedOut.toFixed()} ${swap.tokenOut}, at least ${swap.minAmountOut.toFixed()} ${swap.tokenOut}`;
  if (swap.state === 'failed') return `failed${failure ? `, tx ${failure.transaction}: ${failure.reason}` : ''} (${quoted}; it may be signed again)`;
  return `to sign (${quoted})`;
}
