// A signed swap as booked trades, in the reporting currency, from what the chain says it moved.
// A DEX price already has the pool's fee in it: what was paid (a buy) or received (a sale) is the
// net amount. The fee is booked apart, as the leg's fee rate times that quote amount (0 when the
// source does not say, as 1inch and Jupiter fold it into the price), and the trade's total is the
// gross, so that total + fee is exactly what a buy paid (its cost basis) and total - fee exactly
// what a sale received (its proceeds): the fee is never counted twice. A sale under specific
// identification is split over the lots the plan chose, as a filled order is (settle.ts).
import { Decimal } from '../../money.js';
import type { StoredSwapLeg, TradeRecord } from '../../ports.js';
import { splitOverLots } from '../execute/settle.js';

export interface SwapAmounts {
  at: Date;
  amountIn: Decimal;
  amountOut: Decimal;
}

export function swapTrades(leg: StoredSwapLeg, moved: SwapAmounts, currency: string): TradeRecord[] {
  const sell = leg.side === 'sell';
  const quantity = sell ? moved.amountIn : moved.amountOut;
  const net = (sell ? moved.amountOut : moved.amountIn).times(leg.quoteValue);
  const fee = net.times(leg.feeRate);
  const total = sell ? net.plus(fee) : net.minus(fee);
  const base = { source: 'rebalance' as const, venue: leg.venue, executedAt: moved.at, side: leg.side, asset: leg.base, assetClass: leg.assetClass, price: total.div(quantity), currency, rebalanceId: leg.runId };
  return splitOverLots(base, leg.clientOrderId, sell ? leg.lots : [], { quantity, total, fee });
}

/**
 * Why the chain's amounts are not this leg's, or undefined when they are: a sale puts in its
 * planned quantity and a buy the quote it was built with (each within one base unit of the token),
 * and what came out is at least the swap's minimum.
 */
export function fillMismatch(leg: StoredSwapLeg, moved: SwapAmounts): string | undefined {
  const sell = leg.side === 'sell';
  const [tokenIn, tokenOut] = sell ? [leg.base, leg.quote] : [leg.quote, leg.base];
  const [planned, unit] = sell ? [leg.quantity, leg.baseUnit] : [leg.amountIn, leg.quoteUnit];
  if (moved.amountIn.minus(planned).abs().gt(unit)) {
    return `the transaction put in ${moved.amountIn.toFixed()} ${tokenIn}, but this swap puts in ${planned.toFixed()} ${tokenIn}`;
  }
  if (moved.amountOut.lt(leg.minAmountOut)) {
    return `the transaction paid out ${moved.amountOut.toFixed()} ${tokenOut}, below this swap's minimum of ${leg.minAmountOut.toFixed()} ${tokenOut}`;
  }
  return undefined;
}

export const quantityOf = (leg: Pick<StoredSwapLeg, 'side'>, moved: Pick<SwapAmounts, 'amountIn' | 'amountOut'>): Decimal => (leg.side === 'sell' ? moved.amountIn : moved.amountOut);
