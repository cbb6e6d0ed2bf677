// One rebalance as the history shows it, read from a RebalanceRecord. The record's `plan` is the
// JSON `kit rebalance execute` wrote (decimal strings); RECORD_PLAN below is that contract. Every
// field is optional and a malformed one reads as absent, so older records and other writers still
// show: what a record lacks is left out (and said so), never guessed.
import { z } from 'zod';
import { Decimal } from '../../money.js';
import type { RebalanceRecord, RebalanceStatus } from '../../ports.js';
import type { EventSwap } from './event-swaps.js';
import { fromExecutePlan, isExecutePlan } from './execute-record.js';

const decimal = z.union([z.string(), z.number()]).transform((value, ctx) => {
  try {
    const parsed = new Decimal(value);
    if (parsed.isFinite()) return parsed;
  } catch {
    // reported below
  }
  ctx.addIssue({ code: 'custom', message: 'not a decimal' });
  return z.NEVER;
});
const maybe = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const assetAmounts = z.record(z.string(), decimal);
const drift = z.union([z.object({ asset: z.string().optional(), drift: decimal }), decimal.transform((value) => ({ drift: value, asset: undefined }))]);

const order = z.object({
  venue: z.string(),
  side: z.enum(['buy', 'sell']),
  asset: z.string(),
  quantity: decimal,
  filled: maybe(decimal),
  average_price: maybe(decimal),
  fee: maybe(decimal),
  status: z.string().catch('unknown'),
});

/**
 * What `kit rebalance execute` records in `plan` (snake_case, money as decimal strings in the
 * reporting currency, drifts and weights as fractions). `holdings_before`, `holdings_after`,
 * `prices` and `bands` feed the performance figures: the whole portfolio's quantity per asset
 * before and after the trades, each asset's price at the snapshot, and the band each asset was
 * held to. Without them an event still lists, but adds no point to the bonus or weight charts.
 */
export const RECORD_PLAN = z.object({
  trigger: maybe(z.string()),
  orders: z.array(order.nullable().catch(null)).catch([]).default([]),
  turnover: maybe(decimal),
  fees: maybe(decimal),
  realised_gain: maybe(decimal),
  realized_gain: maybe(decimal),
  largest_drift_before: maybe(drift),
  largest_drift_after: maybe(drift),
  holdings_before: maybe(assetAmounts),
  holdings_after: maybe(assetAmounts),
  prices: maybe(assetAmounts),
  bands: maybe(z.record(z.string(), z.object({ target: decimal, low: decimal, high: decimal }))),
});

export type EventOrder = z.infer<typeof order>;
export interface LargestDrift {
  asset?: string | undefined;
  /** Signed fraction: +0.052 is 5.2 points overweight. */
  drift: Decimal;
}
export interface TargetBand {
  target: Decimal;
  low: Decimal;
  high: Decimal;
}

export interface HistoryEvent {
  id: string;
  at: Date;
  completedAt?: Date | undefined;
  status: RebalanceStatus;
  strategy: string;
  trigger?: string | undefined;
  orders: EventOrder[];
  turnover?: Decimal | undefined;
  fees?: Decimal | undefined;
  realisedGain?: Decimal | undefined;
  driftBefore?: LargestDrift | undefined;
  driftAfter?: LargestDrift | undefined;
  valueBefore: Decimal;
  valueAfter?: Decimal | undefined;
  holdingsBefore?: Map<string, Decimal> | undefined;
  holdingsAfter?: Map<string, Decimal> | undefined;
  prices?: Map<string, Decimal> | undefined;
  bands?: Map<string, TargetBand> | undefined;
  /** The run's DEX legs handed out to sign, from the ledger (event-swaps.ts); fees and realisedGain include the booked ones'. */
  swaps: EventSwap[];
}

const asMap = <T>(record: Record<string, T> | undefined) => (record ? new Map(Object.entries(record)) : undefined);

export function historyEvent(record: RebalanceRecord): HistoryEvent {
  const raw = isExecutePlan(record.plan) ? fromExecutePlan(record.plan, record.valueBefore) : (record.plan ?? {});
  const parsed = RECORD_PLAN.safeParse(raw);
  const plan = parsed.success ? parsed.data : RECORD_PLAN.parse({});
  const orders = plan.orders.filter((o): o is EventOrder => o !== null);
  return {
    id: record.id,
    at: record.createdAt,
    completedAt: record.completedAt,
    status: record.status,
    strategy: record.strategy,
    trigger: plan.trigger,
    orders,
    // Not summed from the orders: their prices and fees are in each market's quote asset.
    turnover: plan.turnover,
    fees: plan.fees,
    realisedGain: plan.realised_gain ?? plan.realized_gain,
    driftBefore: plan.largest_drift_before,
    driftAfter: plan.largest_drift_after,
    valueBefore: record.valueBefore,
    valueAfter: record.valueAfter,
    holdingsBefore: asMap(plan.holdings_before),
    holdingsAfter: asMap(plan.holdings_after),
    prices: asMap(plan.prices),
    bands: asMap(plan.bands),
    swaps: [],
  };
}

