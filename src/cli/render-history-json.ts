// `kit rebalance history --json` and the rebalance_history tool: decimal strings, ISO dates, null
// for what a record did not keep.
import type { Decimal } from '../money.js';
import type { HistoryEvent, LargestDrift, RebalanceHistory } from '../rebalancer.js';
import { swapsToSign, type EventSwap } from '../rebalancer/history/event-swaps.js';

const text = (value: Decimal | undefined) => value?.toFixed() ?? null;
const drift = (value: LargestDrift | undefined) => (value ? { asset: value.asset ?? null, drift: value.drift.toFixed() } : null);

export function eventJson(event: HistoryEvent) {
  return {
    id: event.id,
    date: event.at.toISOString(),
    completed_at: event.completedAt?.toISOString() ?? null,
    status: event.status,
    strategy: event.strategy,
    trigger: event.trigger ?? null,
    orders: event.orders.map((order) => ({
      venue: order.venue,
      side: order.side,
      asset: order.asset,
      quantity: order.quantity.toFixed(),
      filled: text(order.filled),
      average_price: text(order.average_price),
      fee: text(order.fee),
      status: order.status,
    })),
    turnover: text(event.turnover),
    fees: text(event.fees),
    realised_gain: text(event.realisedGain),
    largest_drift_before: drift(event.driftBefore),
    largest_drift_after: drift(event.driftAfter),
    value_before: event.valueBefore.toFixed(),
    value_after: text(event.valueAfter),
    swaps: event.swaps.map(swapJson),
    swaps_to_sign: swapsToSign(event),
    // fees and realised_gain leave out the swaps still to sign.
    figures_partial: swapsToSign(event) > 0,
  };
}

/** A DEX leg of the run: amount_in/amount_out are what the chain moved (null until booked), quoted_* what it was built at. */
export function swapJson(swap: EventSwap) {
  const { booked, failure } = swap;
  return {
    client_order_id: swap.clientOrderId,
    venue: swap.venue,
    market: swap.market,
    side: swap.side,
    quantity: swap.quantity.toFixed(),
    state: swap.state,
    token_in: swap.tokenIn,
    token_out: swap.tokenOut,
    quoted_amount_in: swap.quotedIn.toFixed(),
    quoted_amount_out: swap.quotedOut.toFixed(),
    min_amount_out: swap.minAmountOut.toFixed(),
    transaction: booked?.transaction ?? null,
    executed_at: booked?.at.toISOString() ?? null,
    amount_in: text(booked?.amountIn),
    amount_out: text(booked?.amountOut),
    fee: text(booked?.fee),
    network_fee: text(booked?.networkFee),
    network_fee_asset: booked?.networkFeeAsset ?? null,
    realised_gain: text(booked?.realisedGain),
    failure: failure ? { transaction: failure.transaction, reason: failure.reason, at: failure.at.toISOString() } : null,
  };
}

export function historyJson(history: RebalanceHistory, source: { source: string; demo: boolean; currency: string }) {
  const { performance } = history;
  const bonus = (point: NonNullable<typeof performance.bonus>) => ({
    at: point.at.toISOString(),
    actual: point.actual.toFixed(),
    held: point.held.toFixed(),
    bonus: point.bonus.toFixed(),
    fraction: text(point.fraction),
  });
  return {
    ...source,
    total_events: history.total,
    shown: history.events.length,
    events: history.events.map(eventJson),
    performance: {
      since: performance.values[0]?.at.toISOString() ?? null,
      values: performance.values.map((point) => ({ at: point.at.toISOString(), value: point.value.toFixed() })),
      cumulative_fees: performance.fees.map((point) => ({ at: point.at.toISOString(), fees: point.fees.toFixed(), cumulative: point.cumulative.toFixed() })),
      total_fees: performance.totalFees.toFixed(),
      baseline: performance.baseline
        ? { at: performance.baseline.at.toISOString(), holdings: Object.fromEntries([...performance.baseline.holdings].map(([asset, quantity]) => [asset, quantity.toFixed()])) }
        : null,
      bonus: performance.bonus ? bonus(performance.bonus) : null,
      bonus_series: performance.bonusSeries.map(bonus),
      notes: performance.notes,
    },
    weights: history.weights.map((series) => ({
      asset: series.asset,
      points: series.points.map((point) => ({ at: point.at.toISOString(), weight: point.weight.toFixed(), target: text(point.band?.target), low: text(point.band?.low), high: text(point.band?.high) })),
    })),
  };
}
