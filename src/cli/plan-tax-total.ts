// The plan's tax total over the sales that have recorded lots: a sale without recorded lots has an
// unknown tax, never $0 (issue #8). Shared by the human and the JSON rendering.
import { ZERO, type Decimal } from '../money.js';
import type { PlanTaxes } from '../rebalancer.js';

/**
 * The plan's tax over the sales that have recorded lots, and how much of the plan that covers: a
 * sale without recorded lots has an unknown tax, never $0 (issue #8).
 */
export function planTaxTotal(taxes: PlanTaxes): { known: Decimal; bound: 'exact' | 'at_least' | 'unknown'; unknownSales: number } {
  const all = [...taxes.bySell.values()];
  const known = all.filter((tax) => !tax.unknown).reduce((acc, tax) => acc.plus(tax.tax), ZERO);
  const unknownSales = all.filter((tax) => tax.unknown || tax.uncovered).length;
  const bound = all.every((tax) => tax.unknown) ? 'unknown' : unknownSales > 0 ? 'at_least' : 'exact';
  return { known, bound, unknownSales };
}

export function taxTotalLine(taxes: PlanTaxes, money: (value: Decimal) => string): string {
  const { known, bound, unknownSales } = planTaxTotal(taxes);
  const head = `Estimated tax on the sales (${taxes.jurisdiction} rules, tax.rates): `;
  const amount = known.isNegative() ? `${money(known.neg())} saved` : money(known);
  const missing = `${unknownSales} sale${unknownSales === 1 ? ' has' : 's have'} no recorded lots for some or all of it`;
  if (bound === 'unknown') return `${head}unknown: no sale has recorded lots (import the buys with kit portfolio import).`;
  if (bound === 'exact') return `${head}${amount}`;
  return known.isNegative() ? `${head}unknown: ${amount} on the recorded lots, but ${missing}.` : `${head}at least ${amount}: ${missing}, and that tax is unknown.`;
}
