// The state of one US replay (us.ts) shared with its wash-sale step (us-wash.ts): the open lots
// per queue, every open part by buy id, the buys by asset, and the adjustments waiting for buys
// not replayed yet. A lot's `seq` is its recorded order: the buy's place in the date-sorted
// history (equal instants keep the order the history lists them), then the part of that buy, so
// every method breaks ties by acquisition time, then recorded sequence (issue #8).
import { InvariantError } from '../errors.js';
import type { Decimal } from '../money.js';
import { LotQueue, type Lot, type QueueMethod } from './lot-queue.js';
import { identicalTo } from './rulebook.js';
import type { OpenLot, TaxOptions, TaxResult, TaxTrade } from './types.js';

export interface UsTaxOptions extends TaxOptions {
  /** Match a sell only against lots on its own venue (wallet or account). Wash sales still look at every venue. */
  perVenue?: boolean | undefined;
}

/** A wash-sale adjustment waiting for a replacement bought after the loss sale. */
export interface Pending {
  quantity: Decimal;
  basisAdded: Decimal;
  /** Days the washed shares were held: the replacement's holding start moves back by this much. */
  daysHeld: number;
}

export interface Run {
  options: UsTaxOptions;
  method: QueueMethod | 'specific';
  trades: TaxTrade[];
  /** Open lots per asset (per asset and venue with `perVenue`), in the method's order (FIFO under 'specific'). */
  lots: Map<string, LotQueue>;
  /**
   * Every open lot part by the id of the buy that made it, across queues: the wash-sale look-back.
   * Kept only when a wash sale can apply to some trade (a queue indexes its own lots for named lots),
   * so a crypto history under the securities-only scope pays for no index.
   */
  openById: Map<string, Set<Lot>> | undefined;
  /** Indices (in `trades`) of each asset's buys, ascending: the wash-sale window without a full scan. */
  buysByAsset: Map<string, number[]>;
  /** The same for an asset's identical group (tax.identical_groups), built when first needed. */
  buysByGroup: Map<string, number[]>;
  /** Parts made so far of each buy made of more than one, by the buy's first seq. */
  parts: Map<number, number>;
  /** By index in `trades`: adjustments for buys not replayed yet, and the quantity they reserve. */
  pending: Map<number, Pending[]>;
  reserved: Map<number, Decimal>;
  result: TaxResult;
}

/** Room for the parts of one buy between two buys' seqs (a part is made per wash-sale split). */
const PART_SLOTS = 2 ** 20;

/** The seq of part `part` of the buy at `index` in `run.trades`, as the buy's replay makes it; `parts` says how many it made. */
export function buySeq(run: Run, index: number, part: number, parts: number): number {
  // Only buys made of several parts are remembered: a map entry per buy would cost memory at a million trades.
  if (part === 0 && parts > 1) run.parts.set(index * PART_SLOTS, parts);
  return index * PART_SLOTS + part;
}

/** The seq of a new part split off `of` by a wash sale: after the other parts of its buy. */
export function nextSeq(run: Run, of: Lot): number {
  const base = of.seq - (of.seq % PART_SLOTS);
  const made = run.parts.get(base) ?? 1;
  if (made >= PART_SLOTS) throw new InvariantError(`US replay: more than ${PART_SLOTS} parts of one buy.`);
  run.parts.set(base, made + 1);
  return base + made;
}

/** Indices of the buys of `asset` and of every asset identical to it, ascending. */
export function groupBuys(run: Run, asset: string): readonly number[] {
  const same = identicalTo(run.options.identicalGroups, asset);
  if (same.size === 1) return run.buysByAsset.get(asset) ?? [];
  let merged = run.buysByGroup.get(asset);
  if (!merged) {
    merged = [...same].flatMap((a) => run.buysByAsset.get(a) ?? []).sort((a, b) => a - b);
    run.buysByGroup.set(asset, merged);
  }
  return merged;
}

export function queueOf(run: Run, asset: string, venue: string): LotQueue {
  const key = run.options.perVenue ? `${asset}\u0000${venue}` : asset;
  let queue = run.lots.get(key);
  if (!queue) run.lots.set(key, (queue = new LotQueue(run.method === 'specific' ? 'fifo' : run.method, run.openById)));
  return queue;
}

export function toOpenLot(lot: Lot): OpenLot {
  return { lotId: lot.lotId, asset: lot.asset, venue: lot.venue, acquiredAt: lot.acquiredAt, holdingStart: lot.holdingStart, quantity: lot.quantity, cost: lot.cost };
}
