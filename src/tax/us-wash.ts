// US wash sales (IRC §1091; Treas. Reg. §1.1091-1/-2; IRS Pub 550), checked per lot part of a
// sale, not per sale: a washed block cannot be netted against the gains of other blocks sold the
// same day (Rev. Rul. 70-231), so the disallowed loss belongs to the loss parts alone. A
// replacement bought before the sale is adjusted in place; one bought after it is found by looking
// ahead and adjusted when its buy is replayed (us.ts). Identical groups (tax.identical_groups)
// count as the same security.
import { Decimal, ZERO } from '../money.js';
import { addDays, holdingDays } from './holding-period.js';
import { allocate, orderLots, share, take, type Lot, type Taken } from './lot-queue.js';
import { groupBuys, nextSeq, queueOf, type Run } from './us-run.js';
import type { TaxTrade, WashSale } from './types.js';

export interface SoldPart extends Taken {
  proceeds: Decimal;
}

/**
 * Disallows the loss of one sold part to the extent replacement shares were acquired within
 * `washSaleDays` calendar days before or after the sale: earliest acquisitions first, not the sold
 * part's own lot (the same-lot exception), each replacement share used once. The disallowed loss
 * goes into the replacements' basis pro rata by quantity, and their holding start moves back by
 * the days the sold shares were held (the bbreslauer calculator's reading of Pub 550's tacking).
 */
export function wash(run: Run, trade: TaxTrade, index: number, part: SoldPart): WashSale | undefined {
  const days = run.options.washSaleDays;
  const found: { quantity: Decimal; lot?: Lot; buyIndex?: number }[] = [];
  let need = part.quantity;
  // Replacements bought before the sale: walk back through the window's buys (trades are in date
  // order) rather than scanning every open lot, which made long histories quadratic.
  const buys = groupBuys(run, trade.asset);
  const here = firstAfter(buys, index);
  const recent: Lot[] = [];
  for (let k = here - 1; k >= 0; k--) {
    const previous = run.trades[buys[k]!]!;
    if (holdingDays(previous.date, trade.date) > days) break;
    if (previous.id === part.lotId) continue;
    for (const lot of run.openById?.get(previous.id) ?? []) if (!lot.replacement && lot.quantity.gt(0)) recent.push(lot);
  }
  for (const lot of orderLots(recent, 'fifo')) {
    if (need.lte(0)) break;
    const quantity = Decimal.min(need, lot.quantity);
    found.push({ quantity, lot });
    need = need.minus(quantity);
  }
  for (let k = here; k < buys.length && need.gt(0); k++) {
    const j = buys[k]!;
    const next = run.trades[j]!;
    if (holdingDays(trade.date, next.date) > days) break;
    if (!next.quantity.gt(0)) continue;
    const free = next.quantity.minus(run.reserved.get(j) ?? ZERO);
    if (free.lte(0)) continue;
    const quantity = Decimal.min(need, free);
    found.push({ quantity, buyIndex: j });
    need = need.minus(quantity);
  }
  if (found.length === 0) return undefined;

  const loss = part.cost.minus(part.proceeds);
  const disallowed = share(loss, part.quantity.minus(need), part.quantity);
  const added = allocate(disallowed, found.map((f) => f.quantity));
  const daysHeld = holdingDays(part.holdingStart, trade.date);
  const replacements = found.map((f, i) => {
    const basisAdded = added[i]!;
    if (f.lot) {
      const lot = f.lot;
      const cost = take(lot, f.quantity).plus(basisAdded);
      const home = queueOf(run, lot.asset, lot.venue);
      home.removeEmpty([lot]);
      home.add({ ...lot, seq: nextSeq(run, lot), quantity: f.quantity, cost, holdingStart: addDays(lot.holdingStart, -daysHeld), replacement: true });
      return { lotId: lot.lotId, quantity: f.quantity, basisAdded };
    }
    const j = f.buyIndex!;
    run.pending.set(j, [...(run.pending.get(j) ?? []), { quantity: f.quantity, basisAdded, daysHeld }]);
    run.reserved.set(j, (run.reserved.get(j) ?? ZERO).plus(f.quantity));
    return { lotId: run.trades[j]!.id, quantity: f.quantity, basisAdded };
  });
  return { disallowed, replacements };
}

/** One WashSale per disposal: the parts' disallowed losses summed, replacements merged by lot. */
export function mergeWashSales(washes: readonly WashSale[]): WashSale | undefined {
  if (washes.length === 0) return undefined;
  const byLot = new Map<string, { lotId: string; quantity: Decimal; basisAdded: Decimal }>();
  for (const r of washes.flatMap((w) => w.replacements)) {
    const seen = byLot.get(r.lotId);
    byLot.set(r.lotId, seen ? { lotId: r.lotId, quantity: seen.quantity.plus(r.quantity), basisAdded: seen.basisAdded.plus(r.basisAdded) } : { ...r });
  }
  return { disallowed: washes.reduce((acc, w) => acc.plus(w.disallowed), ZERO), replacements: [...byLot.values()] };
}

/** The position in `indices` (ascending trade indices) of the first one after `index`. */
function firstAfter(indices: readonly number[], index: number): number {
  let low = 0;
  let high = indices.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (indices[mid]! <= index) low = mid + 1;
    else high = mid;
  }
  return low;
}
