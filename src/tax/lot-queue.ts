// The open lots of a lot-based computation and the order a sell takes them in. A lot method is
// data, an ordering: the method's key, then acquisition time, then the order the history records
// the buys in (`seq`), never the spelling of a lot id. Unlike ports' TaxLot, a lot here can be
// split into parts by a wash sale (same buy id, its own basis and holding start).
import { Decimal, ZERO } from '../money.js';
import { IndexedHeap } from './indexed-heap.js';
import { take, type Taken } from './lot-take.js';

export { allocate, compact, consume, share, SHARE_PLACES, take, type Taken } from './lot-take.js';
import type { AssetClass } from './types.js';

export interface Lot {
  /** The buy that created it; the parts of one buy share it. */
  readonly lotId: string;
  /** Where its buy stands in the recorded history (trades in date order, equal instants as listed); the tie-break after acquisition time. The parts of one buy sit next to each other (us-run.ts numbers them). */
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

/** The methods' keys. HIFO ranks by adjusted unit basis (cost, fees and wash-sale additions over quantity). */
export const QUEUE_ORDER: Record<QueueMethod, Compare> = {
  fifo: byTime,
  lifo: (a, b) => byTime(b, a),
  hifo: (a, b) => b.unitBasis.cmp(a.unitBasis),
};

/** Acquisition time, then recorded order: which of two lots was acquired first. */
export const byAcquisition = (a: Lot, b: Lot): number => a.acquiredAt.getTime() - b.acquiredAt.getTime() || a.seq - b.seq;

/** A method's whole order. LIFO is FIFO reversed: of two buys at one instant the later-listed goes first. */
export function compareLots(method: QueueMethod): Compare {
  return method === 'lifo' ? (a, b) => byAcquisition(b.lot, a.lot) : (a, b) => QUEUE_ORDER[method](a, b) || byAcquisition(a.lot, b.lot);
}

/** Ties by lot id (code-unit order, not locale), then by part. Kept for callers that list lots by id. */
export const byLotId = (a: Lot, b: Lot): number => (a.lotId < b.lotId ? -1 : a.lotId > b.lotId ? 1 : a.seq - b.seq);

const keyOf = (lot: Lot, method: QueueMethod): Keyed => ({ lot, unitBasis: method === 'hifo' ? lot.cost.div(lot.quantity) : lot.cost });

/** The lots holding something, in the method's order (unit bases computed once; equal lots keep their input order). */
export function orderLots(lots: readonly Lot[], method: QueueMethod): Lot[] {
  const compare = compareLots(method);
  return lots
    .filter((lot) => lot.quantity.gt(0))
    .map((lot) => keyOf(lot, method))
    .sort(compare)
    .map((keyed) => keyed.lot);
}

interface Entry extends Keyed {
  time: number;
  seq: number;
  /** Insertion order: the last tie-break, between parts of one buy. */
  tick: number;
  heapIndex: number;
}

/** `before` for the heap: `compareLots` on precomputed numbers, then insertion order. */
function entryOrder(method: QueueMethod): (a: Entry, b: Entry) => boolean {
  const fifo = (a: Entry, b: Entry) => (a.time !== b.time ? a.time < b.time : a.seq !== b.seq ? a.seq < b.seq : a.tick < b.tick);
  if (method === 'fifo') return fifo;
  if (method === 'lifo') return (a, b) => (a.time !== b.time ? a.time > b.time : a.seq !== b.seq ? a.seq > b.seq : a.tick < b.tick);
  return (a, b) => {
    const basis = b.unitBasis.cmp(a.unitBasis);
    return basis !== 0 ? basis < 0 : fifo(a, b);
  };
}

/**
 * Open lots in one method's order, as a binary heap: adding a lot and taking the front one are
 * O(log n), so HIFO over a long history is not quadratic (a sorted array spliced at every buy
 * was). Takes are pro rata, so a lot's unit basis, and with it its place, does not change after
 * it is added.
 */
export class LotQueue {
  private readonly heap: IndexedHeap<Entry>;
  private readonly entries = new Map<Lot, Entry>();
  /** Open lots by lot id: the caller's (shared across queues), else built at the first `withLotId`. */
  private index: Map<string, Set<Lot>> | undefined;
  private ticks = 0;

  /** `index`, when given, is kept up to date with the open lots by lot id (shared across queues). */
  constructor(
    private readonly method: QueueMethod,
    index?: Map<string, Set<Lot>>,
  ) {
    this.heap = new IndexedHeap(entryOrder(method));
    this.index = index;
  }

  get size(): number {
    return this.heap.size;
  }

  add(lot: Lot): void {
    if (this.index) indexLot(this.index, lot);
    const entry: Entry = { lot, unitBasis: keyOf(lot, this.method).unitBasis, time: lot.acquiredAt.getTime(), seq: lot.seq, tick: this.ticks++, heapIndex: -1 };
    this.entries.set(lot, entry);
    this.heap.push(entry);
  }

  /** Takes up to `quantity` from the front; emptied lots leave the queue. `left` is what it could not supply. */
  consume(quantity: Decimal): { taken: Taken[]; left: Decimal } {
    const taken: Taken[] = [];
    let left = quantity;
    while (left.gt(0)) {
      const lot = this.heap.peek()?.lot;
      if (!lot) break;
      if (lot.quantity.gt(0)) {
        const part = left.lt(lot.quantity) ? left : lot.quantity;
        taken.push({ lot, lotId: lot.lotId, acquiredAt: lot.acquiredAt, holdingStart: lot.holdingStart, quantity: part, cost: take(lot, part) });
        left = part === left ? ZERO : left.minus(part);
      }
      if (lot.quantity.lte(0)) this.drop(lot);
    }
    return { taken, left };
  }

  /** The open parts of one buy in this queue, in the queue's order. */
  withLotId(lotId: string): Lot[] {
    if (!this.index) {
      const index = new Map<string, Set<Lot>>();
      for (const lot of this.entries.keys()) indexLot(index, lot);
      this.index = index;
    }
    const parts = [...(this.index.get(lotId) ?? [])].filter((lot) => this.entries.has(lot));
    const before = entryOrder(this.method);
    return parts.sort((a, b) => (before(this.entries.get(a)!, this.entries.get(b)!) ? -1 : 1));
  }

  /** Every open lot, in no particular order. */
  lots(): Lot[] {
    return this.heap.toArray().map((entry) => entry.lot);
  }

  /** The open lots in order: a sorted copy, O(n log n); a sell uses `consume`. */
  get open(): readonly Lot[] {
    const before = entryOrder(this.method);
    return this.heap
      .toArray()
      .sort((a, b) => (before(a, b) ? -1 : 1))
      .map((entry) => entry.lot);
  }

  /** Drops lots that a take outside `consume` emptied; `touched` are the only ones that can be. */
  removeEmpty(touched: Iterable<Lot>): void {
    for (const lot of touched) if (lot.quantity.isZero()) this.drop(lot);
  }

  private drop(lot: Lot): void {
    const entry = this.entries.get(lot);
    if (!entry) return;
    this.heap.remove(entry);
    this.entries.delete(lot);
    const parts = this.index?.get(lot.lotId);
    parts?.delete(lot);
    if (parts?.size === 0) this.index!.delete(lot.lotId);
  }
}

function indexLot(index: Map<string, Set<Lot>>, lot: Lot): void {
  const parts = index.get(lot.lotId);
  if (parts) parts.add(lot);
  else index.set(lot.lotId, new Set([lot]));
}
