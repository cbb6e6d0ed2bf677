// Splits a large order into child orders that sum exactly to it. Quantities are counted in whole
// amount steps and dealt out like dinero's `allocate`: every child gets the same number of steps
// and the first few one more, so all are on the step, none is smaller than the minimum, and the
// sum is the parent's quantity with nothing lost to rounding.
import { InvariantError } from '../../errors.js';
import { Decimal, ZERO } from '../../money.js';

export interface SplitRules {
  /** How many children are wanted (at most; fewer when the minimum does not allow them). */
  parts: number;
  amountStep: Decimal;
  /** The smallest child the venue accepts, in base units (its min amount and min notional at the order's price). */
  minQuantity: Decimal;
}

/** The children's quantities, largest first; `[quantity]` when it cannot or need not be split. */
export function splitQuantity(quantity: Decimal, rules: SplitRules): Decimal[] {
  if (rules.amountStep.lte(0)) throw new InvariantError(`Cannot split an order on an amount step of ${rules.amountStep.toFixed()}; expected a step above 0.`);
  const steps = quantity.div(rules.amountStep);
  if (!steps.isInteger()) throw new InvariantError(`Cannot split ${quantity.toFixed()}: it is not a multiple of the amount step ${rules.amountStep.toFixed()}.`);
  // A child must hold at least this many steps (and at least one).
  const minSteps = Decimal.max(rules.minQuantity.div(rules.amountStep).ceil(), 1);
  const allowed = steps.div(minSteps).floor();
  const parts = Math.max(1, Math.min(Math.floor(rules.parts), allowed.toNumber()));
  if (parts <= 1 || quantity.lte(ZERO)) return [quantity];
  const each = steps.div(parts).floor();
  const extra = steps.minus(each.times(parts)).toNumber();
  return Array.from({ length: parts }, (_, index) => each.plus(index < extra ? 1 : 0).times(rules.amountStep));
}

