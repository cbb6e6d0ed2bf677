// UK capital gains matching for individuals (TCGA 1992 ss.104-106A; HMRC CG51560, CRYPTO22250+).
// The law fixes the order, so `options.method` has no effect: same UK calendar day first (all of a
// day's buys are one acquisition and all its sells one disposal, s.105(1)), then acquisitions in
// the next 30 days (s.106A), then the Section 104 pool at average cost. Same-day and 30-day matches
// are assigned first; the pool then runs in date order on what is left, so a buy used by a 30-day
// match for an earlier sale never enters the pool. Pools are per asset across venues.
// Amounts stay exact; HMRC's whole-pound rounding is `hmrcRoundedCost`, for reports.
import { Decimal, ZERO } from '../money.js';
import { allocate } from './lot-queue.js';
import type { AssetClass, Disposal, LeftOut, LotMatch, Pool, TaxOptions, TaxResult, TaxTrade } from './types.js';

export type UkTaxOptions = TaxOptions & {
  /** Whose calendar day counts as "the same day" (default Europe/London). */
  timeZone?: string | undefined;
};

export const BED_AND_BREAKFAST_DAYS = 30;
const DAY_MS = 86_400_000;
const QUARTER_HOUR_MS = 900_000;

/** What is left of a quantity and its cost: a day's acquisition, or the pool. */
interface Holding {
  left: Decimal;
  leftCost: Decimal;
}

/** All buys of one asset on one UK day: one acquisition. */
interface DayAcquisition extends Holding {
  day: number;
  ids: string[];
  at: Date;
}

/** All sells of one asset on one UK day: one disposal. */
interface DayDisposal {
  day: number;
  ids: string[];
  at: Date;
  assetClass: AssetClass;
  venues: string[];
  quantity: Decimal;
  proceeds: Decimal;
  left: Decimal;
  matches: LotMatch[];
  holdingDays: number;
}

interface Section104 extends Holding {
  /** The UK day the holding last started from empty (for holdingDays only). */
  since: number;
}

export function computeUk(trades: readonly TaxTrade[], options: UkTaxOptions): TaxResult {
  const dayOf = ukDayNumber(options.timeZone ?? 'Europe/London');
  const problems: TaxResult['problems'] = [];
  const leftOut: LeftOut[] = [];
  if (options.method !== 'fifo') {
    problems.push({
      tradeId: '',
      message: `Lot method "${options.method}" is ignored: UK matching rules apply regardless (same day, then the next 30 days, then the Section 104 pool).`,
    });
  }
  const byAsset = new Map<string, TaxTrade[]>();
  for (const trade of [...trades].sort(chronological)) {
    if (!trade.quantity.gt(0)) {
      problems.push({ tradeId: trade.id, message: `Trade ${trade.id}: quantity ${trade.quantity.toFixed()} ${trade.asset} is not positive; the trade is left out.` });
      continue;
    }
    const assetTrades = byAsset.get(trade.asset) ?? [];
    assetTrades.push(trade);
    byAsset.set(trade.asset, assetTrades);
  }
  const disposals: Disposal[] = [];
  const pools: Pool[] = [];
  const poolsAt: Pool[] = [];
  const snapshotDay = options.snapshotAt ? dayOf(options.snapshotAt) : undefined;
  for (const [asset, assetTrades] of [...byAsset].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const matched = matchAsset(assetTrades, dayOf, snapshotDay);
    if (matched.poolAt.left.gt(0)) poolsAt.push({ asset, quantity: matched.poolAt.left, cost: matched.poolAt.leftCost });
    for (const sale of matched.disposals) {
      const disposal = toDisposal(asset, sale);
      if (!sale.left.isZero()) {
        problems.push({ tradeId: sale.ids.join('+'), message: oversellMessage(asset, sale, disposal) });
        leftOut.push({ tradeId: sale.ids.join('+'), reason: 'unmatched' });
      }
      if (disposal && (!options.keepDisposal || options.keepDisposal(disposal.date))) disposals.push(disposal);
    }
    if (matched.pool.left.gt(0)) pools.push({ asset, quantity: matched.pool.left, cost: matched.pool.leftCost });
  }
  disposals.sort((a, b) => a.date.getTime() - b.date.getTime() || (a.asset < b.asset ? -1 : a.asset > b.asset ? 1 : 0));
  return { disposals, openLots: [], pools, problems, ...(leftOut.length > 0 ? { leftOut } : {}), ...(options.snapshotAt ? { snapshot: { openLots: [], pools: poolsAt } } : {}) };
}

/** Allowable cost rounded up to the whole pound, as HMRC's worked examples print it (22252: 937.50 -> 938). */
export function hmrcRoundedCost(cost: Decimal): Decimal {
  return cost.toDecimalPlaces(0, Decimal.ROUND_CEIL);
}

function matchAsset(trades: readonly TaxTrade[], dayOf: (date: Date) => number, snapshotDay?: number) {
  const acquisitions = new Map<number, DayAcquisition>();
  const sales = new Map<number, DayDisposal>();
  for (const trade of trades) {
    const day = dayOf(trade.date);
    if (trade.side === 'buy') {
      const acquisition = acquisitions.get(day) ?? { day, ids: [], at: trade.date, left: ZERO, leftCost: ZERO };
      acquisition.ids.push(trade.id);
      acquisition.left = acquisition.left.plus(trade.quantity);
      acquisition.leftCost = acquisition.leftCost.plus(trade.total).plus(trade.fee);
      acquisitions.set(day, acquisition);
    } else {
      const sale = sales.get(day) ?? { day, ids: [], at: trade.date, assetClass: trade.assetClass, venues: [], quantity: ZERO, proceeds: ZERO, left: ZERO, matches: [], holdingDays: 0 };
      sale.ids.push(trade.id);
      if (!sale.venues.includes(trade.venue)) sale.venues.push(trade.venue);
      sale.quantity = sale.quantity.plus(trade.quantity);
      sale.left = sale.quantity;
      sale.proceeds = sale.proceeds.plus(trade.total).minus(trade.fee);
      sales.set(day, sale);
    }
  }
  // Trades are sorted, so both maps are in day order.
  for (const sale of sales.values()) {
    const sameDay = acquisitions.get(sale.day);
    if (sameDay) match(sale, sameDay, 'same-day', sameDay.day);
  }
  for (const sale of sales.values()) {
    for (const acquisition of acquisitions.values()) {
      if (sale.left.isZero() || acquisition.day > sale.day + BED_AND_BREAKFAST_DAYS) break;
      if (acquisition.day > sale.day) match(sale, acquisition, 'bed-and-breakfast', sale.day);
    }
  }
  const pool: Section104 = { left: ZERO, leftCost: ZERO, since: 0 };
  // The pool as it stands before `snapshotDay` (a report's period end), with every 30-day match
  // of the period's sales already known: the later purchases they matched never entered it.
  let poolAt: { left: Decimal; leftCost: Decimal } | undefined;
  const days = [...new Set([...acquisitions.keys(), ...sales.keys()])].sort((a, b) => a - b);
  for (const day of days) {
    if (snapshotDay !== undefined && !poolAt && day >= snapshotDay) poolAt = { left: pool.left, leftCost: pool.leftCost };
    const acquisition = acquisitions.get(day);
    if (acquisition?.left.gt(0)) {
      if (pool.left.isZero()) pool.since = day;
      pool.left = pool.left.plus(acquisition.left);
      pool.leftCost = pool.leftCost.plus(acquisition.leftCost);
    }
    const sale = sales.get(day);
    if (sale && pool.left.gt(0)) match(sale, pool, 'section-104', pool.since);
  }
  return { disposals: [...sales.values()], pool, poolAt: poolAt ?? { left: pool.left, leftCost: pool.leftCost } };
}

/** Matches as much of `sale` as `from` holds; `acquiredDay` is the UK day the matched holding dates from. */
function match(sale: DayDisposal, from: Holding & { ids?: string[]; at?: Date }, rule: string, acquiredDay: number): void {
  const quantity = Decimal.min(sale.left, from.left);
  if (quantity.isZero()) return;
  const cost = quantity.eq(from.left) ? from.leftCost : from.leftCost.times(quantity).div(from.left);
  from.left = from.left.minus(quantity);
  from.leftCost = from.leftCost.minus(cost);
  sale.left = sale.left.minus(quantity);
  // UK CGT has no long-term rate: one set of rates applies whatever the holding period, so every part is 'short'.
  sale.matches.push({ rule, lotId: from.ids ? from.ids.join('+') : 'pool', acquiredAt: from.at, quantity, cost, term: 'short' });
  sale.holdingDays = Math.max(sale.holdingDays, sale.day - acquiredDay);
}

/** The matched part of a day's sales; undefined when nothing could be matched. */
function toDisposal(asset: string, sale: DayDisposal): Disposal | undefined {
  const quantity = sale.quantity.minus(sale.left);
  if (quantity.isZero()) return undefined;
  const proceeds = sale.left.isZero() ? sale.proceeds : sale.proceeds.times(quantity).div(sale.quantity);
  const cost = sale.matches.reduce((total, part) => total.plus(part.cost), ZERO);
  const shares = allocate(proceeds, sale.matches.map((part) => part.quantity));
  return {
    tradeId: sale.ids.join('+'),
    date: sale.at,
    asset,
    assetClass: sale.assetClass,
    venue: sale.venues.join('+'),
    quantity,
    proceeds,
    cost,
    gain: proceeds.minus(cost),
    term: 'short',
    holdingDays: sale.holdingDays,
    matches: sale.matches.map((part, i) => ({ ...part, proceeds: shares[i]! })),
  };
}

function oversellMessage(asset: string, sale: DayDisposal, disposal: Disposal | undefined): string {
  const dayText = new Date(sale.day * DAY_MS).toISOString().slice(0, 10);
  const leftOut = sale.proceeds.minus(disposal?.proceeds ?? ZERO);
  return (
    `Sold ${sale.quantity.toFixed()} ${asset} on ${dayText} (UK day) but only ${sale.quantity.minus(sale.left).toFixed()} could be matched: ` +
    `no acquisition that day or in the next ${BED_AND_BREAKFAST_DAYS} days and no Section 104 holding covers the other ${sale.left.toFixed()}. ` +
    `Their proceeds (${leftOut.toFixed()}) are left out of the disposal; import the missing acquisitions.`
  );
}

function chronological(a: TaxTrade, b: TaxTrade): number {
  return a.date.getTime() - b.date.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The calendar day of an instant in `timeZone`, as a day count since 1970-01-01 (so days subtract). */
function ukDayNumber(timeZone: string): (date: Date) => number {
  const format = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
  const exact = (time: number) => {
    const parts = format.formatToParts(time);
    const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
    return Date.UTC(part('year'), part('month') - 1, part('day')) / DAY_MS;
  };
  // Formatting is slow and a long history has many trades per quarter hour. Zones change their
  // offset on a quarter hour, so when a quarter hour starts and ends on one local day, every
  // instant in it is on that day.
  const quarters = new Map<number, number | undefined>();
  return (date) => {
    const time = date.getTime();
    const quarter = Math.floor(time / QUARTER_HOUR_MS);
    let day = quarters.get(quarter);
    if (day === undefined && !quarters.has(quarter)) {
      const start = exact(quarter * QUARTER_HOUR_MS);
      day = start === exact((quarter + 1) * QUARTER_HOUR_MS - 1) ? start : undefined;
      quarters.set(quarter, day);
    }
    return day ?? exact(time);
  };
}
