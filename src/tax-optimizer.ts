// Which lots a sell uses. Pure. Lot methods are data (an ordering) plus one shared consumer, so
// every method returns the same shape (the beancount lesson). Jurisdiction rules, wash sales,
// long-term preference and harvesting build on this (the tax engine issue).
import { InvariantError } from './errors.js';
import { Decimal, ZERO } from './money.js';
import type { TaxLot } from './ports.js';

export type OrderedLotMethod = 'fifo' | 'lifo' | 'hifo';

type Compare = (a: TaxLot, b: TaxLot) => number;
const byTime = (a: TaxLot, b: TaxLot) => a.acquiredAt.getTime() - b.acquiredAt.getTime();
const unitBasis = (lot: TaxLot) => (lot.basisAdjustment.isZero() ? lot.unitCost : lot.unitCost.plus(lot.basisAdjustment));

/** Ties are broken by lot id, so the same lots always give the same selection. */
export const LOT_ORDER: Record<OrderedLotMethod, Compare> = {
  fifo: byTime,
  lifo: (a, b) => byTime(b, a),
  hifo: (a, b) => unitBasis(b).cmp(unitBasis(a)),
};

export interface LotUse {
  lot: TaxLot;
  quantity: Decimal;
  /** quantity x (unit cost + basis adjustment) */
  cost: Decimal;
}

export interface LotSelection {
  uses: LotUse[];
  quantity: Decimal;
  cost: Decimal;
}

/** Consumes `quantity` from `lots` in the method's order; throws if the lots hold less. */
export function consumeLots(lots: readonly TaxLot[], method: OrderedLotMethod, quantity: Decimal): LotSelection {
  // Sort keys are computed once per lot (a float first, the exact Decimal only to break its ties):
  // sorting 10,000 lots by basis must not build a Decimal per comparison.
  const keyed = lots
    .filter((lot) => lot.remaining.gt(0))
    .map((lot) => {
      const exact = method === 'hifo' ? unitBasis(lot) : undefined;
      return { lot, exact, fast: exact ? exact.toNumber() : lot.acquiredAt.getTime() };
    });
  const sign = method === 'fifo' ? 1 : -1;
  keyed.sort((a, b) => sign * (a.fast - b.fast) || (a.exact && b.exact ? b.exact.cmp(a.exact) : 0) || LOT_ORDER[method](a.lot, b.lot) || a.lot.id.localeCompare(b.lot.id));
  const ordered = keyed.map((entry) => entry.lot);
  const uses: LotUse[] = [];
  let left = quantity;
  let cost = ZERO;
  for (const lot of ordered) {
    if (left.lte(0)) break;
    const take = Decimal.min(left, lot.remaining);
    const lotCost = take.times(unitBasis(lot));
    uses.push({ lot, quantity: take, cost: lotCost });
    cost = cost.plus(lotCost);
    left = left.minus(take);
  }
  if (left.gt(0)) {
    const held = quantity.minus(left);
    throw new InvariantError(`consumeLots: asked for ${quantity.toFixed()} but the lots hold ${held.toFixed()}.`);
  }
  return { uses, quantity, cost };
}
