// A run's DEX legs as its history event shows them, read from the ledger's swap_legs by run id
// when the history is built (the stored run record is never rewritten: a swap is booked long after
// its run was recorded, and the ledger's leg is the one booking trusts). A booked leg's pool fee
// (as its trades booked it, in the reporting currency) and a booked sale's realised gain (the tax
// engine's, as `swaps record` reports it) are added to the run's figures; a leg still to sign adds
// nothing, so the run's figures are partial until it is booked.
import { ZERO, type Decimal } from '../../money.js';
import type { OrderSide, StoredSwapLeg, SwapLegStatus, TradeRecord } from '../../ports.js';
import { disposalsOf } from '../execute/disposals.js';
import type { RebalancerDeps } from '../session.js';
import type { HistoryEvent } from './event.js';

export interface EventSwap {
  clientOrderId: string;
  venue: string;
  market: string;
  side: OrderSide;
  /** As planned, in the base asset. */
  quantity: Decimal;
  state: SwapLegStatus;
  tokenIn: string;
  tokenOut: string;
  /** The quote it was built at and its least output, in whole tokens. */
  quotedIn: Decimal;
  quotedOut: Decimal;
  minAmountOut: Decimal;
  /** Booked: what the chain moved, the transaction, the pool fee and the network's. */
  booked?: { transaction: string; at: Date; amountIn: Decimal; amountOut: Decimal; fee: Decimal; networkFee: Decimal; networkFeeAsset: string; realisedGain?: Decimal | undefined } | undefined;
  /** Failed on chain: the transaction and why (it may be signed again). */
  failure?: { transaction: string; reason: string; at: Date } | undefined;
}

/** The legs handed out by each run, oldest first per run. */
export function swapsByRun(deps: RebalancerDeps, runIds: ReadonlySet<string>): Map<string, EventSwap[]> {
  const legs = deps.ledger.swapLegs().filter((leg) => runIds.has(leg.runId)).reverse();
  const byRun = new Map<string, EventSwap[]>();
  if (legs.length === 0) return byRun;
  const tradesOf = legTrades(deps, legs);
  const sold = legs.filter((leg) => leg.status === 'booked' && leg.side === 'sell').flatMap((leg) => tradesOf(leg).map((trade) => trade.id));
  const disposals = disposalsOf(deps, sold);
  for (const leg of legs) {
    const trades = tradesOf(leg);
    const ids = new Set(trades.map((trade) => trade.id));
    const gain = leg.side === 'sell' ? disposals.filter((d) => ids.has(d.tradeId)).reduce((acc, d) => acc.plus(d.gain), ZERO) : undefined;
    const swaps = byRun.get(leg.runId) ?? [];
    swaps.push(eventSwap(leg, trades, gain));
    byRun.set(leg.runId, swaps);
  }
  return byRun;
}

/** A booked leg's trades: its client order id, or split over lots as `<id>#n`. */
function legTrades(deps: RebalancerDeps, legs: readonly StoredSwapLeg[]): (leg: StoredSwapLeg) => TradeRecord[] {
  const booked = legs.filter((leg) => leg.status === 'booked');
  const trades = booked.length === 0 ? [] : deps.ledger.trades().filter((trade) => trade.rebalanceId !== undefined && booked.some((leg) => leg.runId === trade.rebalanceId));
  return (leg) => (leg.status !== 'booked' ? [] : trades.filter((trade) => trade.id === leg.clientOrderId || trade.id.startsWith(`${leg.clientOrderId}#`)));
}

function eventSwap(leg: StoredSwapLeg, trades: readonly TradeRecord[], gain: Decimal | undefined): EventSwap {
  const sell = leg.side === 'sell';
  const fill = leg.status === 'booked' ? leg.fill : undefined;
  return {
    clientOrderId: leg.clientOrderId,
    venue: leg.venue,
    market: leg.symbol,
    side: leg.side,
    quantity: leg.quantity,
    state: leg.status,
    tokenIn: sell ? leg.base : leg.quote,
    tokenOut: sell ? leg.quote : leg.base,
    quotedIn: leg.amountIn,
    quotedOut: leg.amountOut,
    minAmountOut: leg.minAmountOut,
    booked: fill && {
      transaction: fill.transaction,
      at: fill.executedAt,
      amountIn: fill.amountIn,
      amountOut: fill.amountOut,
      fee: trades.reduce((acc, trade) => acc.plus(trade.fee), ZERO),
      networkFee: fill.networkFee,
      networkFeeAsset: fill.networkFeeAsset,
      realisedGain: gain,
    },
    failure: leg.status === 'failed' ? leg.failure : undefined,
  };
}

/**
 * The event with its swaps: a booked one's fee and realised gain added to the run's. A record that
 * kept no fee (or gain) figure while it had orders stays without one: a sum of only the swaps'
 * would read as the run's whole.
 */
export function withSwaps(event: HistoryEvent, swaps: readonly EventSwap[]): HistoryEvent {
  if (swaps.length === 0) return event;
  const booked = swaps.flatMap((swap) => (swap.booked ? [swap.booked] : []));
  const add = (recorded: Decimal | undefined, extra: Decimal): Decimal | undefined => {
    if (booked.length === 0) return recorded;
    if (recorded) return recorded.plus(extra);
    return event.orders.length === 0 ? extra : undefined;
  };
  return {
    ...event,
    swaps: [...swaps],
    fees: add(event.fees, booked.reduce((acc, b) => acc.plus(b.fee), ZERO)),
    realisedGain: add(event.realisedGain, booked.reduce((acc, b) => acc.plus(b.realisedGain ?? ZERO), ZERO)),
  };
}

/** How many of an event's swaps are still to sign: its fees and realised gain leave them out. */
export const swapsToSign = (event: Pick<HistoryEvent, 'swaps'>): number => event.swaps.filter((swap) => swap.state === 'to_sign').length;
