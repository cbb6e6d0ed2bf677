// How the rebalanced portfolio did over its recorded events: its value, the fees paid, and the
// rebalancing bonus, which is the actual value at each event minus what the first recorded
// snapshot's holdings, left untouched, would be worth at that event's prices. Both sides are
// valued at the same prices before that event's trades, so the bonus is what the earlier
// rebalances (net of their fees and slippage) added or cost. Deposits and withdrawals between
// events are not known here and count as part of the bonus; the rendering says so.
import { Decimal, sum, ZERO } from '../../money.js';
import type { HistoryEvent } from './event.js';

export interface ValuePoint {
  at: Date;
  value: Decimal;
}

export interface FeePoint {
  at: Date;
  fees: Decimal;
  cumulative: Decimal;
}

export interface BonusPoint {
  at: Date;
  actual: Decimal;
  /** The first snapshot's holdings at this event's prices. */
  held: Decimal;
  /** actual - held, in the reporting currency. */
  bonus: Decimal;
  /** bonus / held; absent when held is zero. */
  fraction?: Decimal | undefined;
}

export interface Performance {
  /** The portfolio's value before each event and, once done, after it; oldest first. */
  values: ValuePoint[];
  fees: FeePoint[];
  totalFees: Decimal;
  /** The first event that recorded its holdings: what "holding unchanged" holds. */
  baseline?: { at: Date; holdings: Map<string, Decimal> } | undefined;
  bonusSeries: BonusPoint[];
  /** The latest point of bonusSeries. */
  bonus?: BonusPoint | undefined;
  /** Why a figure is missing or partial, in words a user can act on. */
  notes: string[];
}

/** `events` oldest first. */
export function performanceOf(events: readonly HistoryEvent[]): Performance {
  const values = events.flatMap((event) => [
    { at: event.at, value: event.valueBefore },
    ...(event.valueAfter ? [{ at: event.completedAt ?? event.at, value: event.valueAfter }] : []),
  ]);
  const fees = cumulativeFees(events);
  const notes: string[] = [];
  const unfeed = events.filter((event) => !event.fees).length;
  if (unfeed > 0 && events.length > 0) notes.push(`${unfeed} of ${events.length} events record no fees; the total leaves them out.`);
  const bonus = bonusSeries(events, notes);
  return { values, fees, totalFees: fees.at(-1)?.cumulative ?? ZERO, baseline: bonus.baseline, bonusSeries: bonus.points, bonus: bonus.points.at(-1), notes };
}

function cumulativeFees(events: readonly HistoryEvent[]): FeePoint[] {
  let cumulative = ZERO;
  return events.flatMap((event) => {
    if (!event.fees) return [];
    cumulative = cumulative.plus(event.fees);
    return [{ at: event.completedAt ?? event.at, fees: event.fees, cumulative }];
  });
}

/** The value of `holdings` at `prices`, or the first asset without a price. */
export function valueAt(holdings: ReadonlyMap<string, Decimal>, prices: ReadonlyMap<string, Decimal>): { value: Decimal } | { missing: string } {
  const held = [...holdings].filter(([, quantity]) => !quantity.isZero());
  const missing = held.find(([asset]) => !prices.has(asset));
  if (missing) return { missing: missing[0] };
  return { value: sum(held.map(([asset, quantity]) => quantity.times(prices.get(asset)!))) };
}

function bonusSeries(events: readonly HistoryEvent[], notes: string[]): { baseline?: Performance['baseline']; points: BonusPoint[] } {
  const first = events.find((event) => event.holdingsBefore && event.prices);
  if (!first) {
    if (events.length > 0) notes.push('No event records its holdings and prices (holdings_before, prices), so the rebalancing bonus cannot be measured yet.');
    return { points: [] };
  }
  const holdings = first.holdingsBefore!;
  const points: BonusPoint[] = [];
  for (const event of events.slice(events.indexOf(first))) {
    if (!event.prices) {
      notes.push(`The event of ${day(event.at)} records no prices; the bonus skips it.`);
      continue;
    }
    const held = valueAt(holdings, event.prices);
    if ('missing' in held) {
      notes.push(`The event of ${day(event.at)} has no price for ${held.missing}, held in the first snapshot; the bonus skips it.`);
      continue;
    }
    const bonus = event.valueBefore.minus(held.value);
    points.push({ at: event.at, actual: event.valueBefore, held: held.value, bonus, fraction: held.value.isZero() ? undefined : bonus.div(held.value) });
  }
  return { baseline: { at: first.at, holdings }, points };
}

const day = (at: Date) => at.toISOString().slice(0, 10);
