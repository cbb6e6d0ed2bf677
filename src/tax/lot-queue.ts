// The open lots of a lot-based computation and the order a sell takes them in. A lot method is
// data, an ordering (ties by recorded order: acquisition time, then the order the history lists
// the buys, never the lot id's spelling), and one consumer takes from
// the ordered lots. Unlike ports' TaxLot, a lot here can be split into parts by a wash sale (same
// buy id, its own basis and holding start), so a part also carries a creation sequence.
import { Decimal, ZERO } from '../money.js';
import type { AssetClass } from './types.js';

export interface Lot {
  /** The buy that created it; the parts of one buy share it. */
  readonly lotId: string;
  /** Recorded order: a unique key, ascending in the order the history lists the buys (parts of one buy next to each other); the tie-break of every method. */
  readonly seq: number;
  readonly asset: string;
  readonly assetClass: AssetClass;
  readonly venue: string;
  readonly acquiredAt: Date;
  readonly holdingStart: Date;
  /** Remaining quantity and its adjusted basis; only `take` changes them. */
  quantity: Decimal;
  cost: Decimal;
  /** These shares already washed a loss and may not wash another. */
  readonly replacement: boolean;
}

export type QueueMethod = 'fifo' | 'lifo' | 'hifo';

/** A lot with its sort key, computed once per ordering. */
export type Keyed = { lot: Lot; unitBasis: Decimal };
type Compare = (a: Keyed, b: Keyed) => number;
const byTime: Compare = (a, b) => a.lot.acquiredAt.getTime() - b.lot.acquiredAt.getTime();

/** HIFO ranks by adjusted unit basis (cost, fees and wash-sale additions over quantity). */
export const QUEUE_ORDER: Record<QueueMethod, Compare> = {
  fifo: byTime,
  // Last in: of two buys at one instant, the one the history lists later (issue #8).
  lifo: (a, b) => byTime(b, a) || b.lot.seq - a.lot.seq,
  hifo: (a, b) => b.unitBasis.cmp(a.unitBasis),
};

/** Ties by lot id (code-unit order, not locale), then by part. */
export const byLotId = (a: Lot, b: Lot): number => (a.lotId < b.lotId ? -1 : a.lotId > b.lotId ? 1 : a.seq - b.seq);

/** Ties by recorded order (issue #8: two same-day buys were acquired in the order the history lists them). */
export const byRecordedOrder = (a: Lot, b: Lot): number => a.seq - b.seq;

/** The lots holding something, in the method's order (unit bases computed once, not per comparison). */
export function orderLots(lots: readonly Lot[], method: QueueMethod): Lot[] {
  return lots
    .filter((lot) => lot.quantity.gt(0))
    .map((lot) => ({ lot, unitBasis: method === 'hifo' ? lot.cost.div(lot.quantity) : lot.cost }))
    .sort((a, b) => QUEUE_ORDER[method](a, b) || byRecordedOrder(a.lot, b.lot))
    .map((keyed) => keyed.lot);
}

/**
 * Open lots kept in one method's order as they are added, so a sell takes from the front instead
 * of sorting every lot (a DCA history can hold thousands). Takes are pro rata, so a lot's unit
 * basis, and with it its place, does not change after it is added.
 */
export class LotQueue {
  private readonly lots: Lot[] = [];
  private readonly keys = new Map<Lot, Keyed>();

  /** `index`, when given, is kept up to date with the open lots by lot id (shared across queues). */
  constructor(
    private readonly method: QueueMethod,
    private readonly index?: Map<string, Set<Lot>>,
  ) {}

  add(lot: Lot): void {
    if (this.index) {
      const parts = this.index.get(lot.lotId);
      if (parts) parts.add(lot);
      else this.index.set(lot.lotId, new Set([lot]));
    }
    const keyed = { lot, unitBasis: this.method === 'hifo' ? lot.cost.div(lot.quantity) : lot.cost };
    const before = (other: Lot) => (QUEUE_ORDER[this.method](this.keys.get(other)!, keyed) || byRecordedOrder(other, lot)) <= 0;
    let low = 0;
    let high = this.lots.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (before(this.lots[mid]!)) low = mid + 1;
      else high = mid;
    }
    this.keys.set(lot, keyed);
    this.lots.splice(low, 0, lot);
  }

  /** The open lots in order (a view: do not keep it across adds). */
  get open(): readonly Lot[] {
    return this.lots;
  }

  /** Drops lots that `take` emptied; `touched` are the only ones that can be. */
  removeEmpty(touched: Iterable<Lot>): void {
    for (const lot of touched) {
      if (!lot.quantity.isZero()) continue;
      const at = this.lots.indexOf(lot);
      if (at >= 0) this.lots.splice(at, 1);
      this.keys.delete(lot);
      this.index?.get(lot.lotId)?.delete(lot);
    }
  }
}

/**
 * Decimals kept in a pro-rata share of an amount of money. Cutting shares to a fixed scale keeps
 * every sum and remainder exact within money.ts's 40 significant digits (for amounts below 10^20),
 * so the parts of a split always add up to the whole.
 */
export const SHARE_PLACES = 20;

/** `amount` x `part` / `whole`, half-even to SHARE_PLACES; the whole amount when part = whole. */
export function share(amount: Decimal, part: Decimal, whole: Decimal): Decimal {
  return part.eq(whole) ? amount : amount.times(part).div(whole).toDecimalPlaces(SHARE_PLACES, Decimal.ROUND_HALF_EVEN);
}

/** Removes `quantity` from the lot and returns the basis that leaves with it (all of it on the last unit). */
export function take(lot: Lot, quantity: Decimal): Decimal {
  const cost = share(lot.cost, quantity, lot.quantity);
  lot.quantity = lot.quantity.minus(quantity);
  lot.cost = lot.cost.minus(cost);
  return cost;
}

/** A part taken from a lot, frozen at the time of the take. */
export interface Taken {
  lot: Lot;
  lotId: string;
  acquiredAt: Date;
  holdingStart: Date;
  quantity: Decimal;
  cost: Decimal;
}

/** Takes up to `quantity` from `ordered` in turn; `left` is what the lots could not supply. */
export function consume(ordered: readonly Lot[], quantity: Decimal): { taken: Taken[]; left: Decimal } {
  const taken: Taken[] = [];
  let left = quantity;
  for (const lot of ordered) {
    if (left.lte(0)) break;
    if (lot.quantity.lte(0)) continue;
    const part = Decimal.min(left, lot.quantity);
    const cost = take(lot, part);
    taken.push({ lot, lotId: lot.lotId, acquiredAt: lot.acquiredAt, holdingStart: lot.holdingStart, quantity: part, cost });
    left = left.minus(part);
  }
  return { taken, left };
}

/**
 * Splits `amount` pro rata by `weights` (quantities); the last part takes the rounding remainder,
 * so the parts always sum to `amount` exactly.
 */
export function allocate(amount: Decimal, weights: readonly Decimal[]): Decimal[] {
  const total = weights.reduce((acc, weight) => acc.plus(weight), ZERO);
  let given = ZERO;
  return weights.map((weight, index) => {
    if (index === weights.length - 1) return amount.minus(given);
    const part = share(amount, weight, total);
    given = given.plus(part);
    return part;
  });
}
