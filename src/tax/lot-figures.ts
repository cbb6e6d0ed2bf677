// One matched lot's figures, as every per-lot output reports them (the report's --json and --csv,
// and the CapitalGain records an executed sale sends to the tax sink): its share of the proceeds,
// its gain, its gain after its own wash-sale disallowance, and the whole days it was held.
import { ZERO, type Decimal } from '../money.js';
import type { Disposal, LotMatch } from './types.js';

const DAY_MS = 86_400_000;

/**
 * Only loss lots carry a disallowance (Rev. Rul. 70-231). The engines record proceeds per lot; a
 * match without them gets its pro-rata share.
 */
export function lotFigures(d: Pick<Disposal, 'proceeds' | 'quantity'>, m: LotMatch): { proceeds: Decimal; gain: Decimal; recognised: Decimal } {
  const proceeds = m.proceeds ?? d.proceeds.times(m.quantity).div(d.quantity);
  const gain = proceeds.minus(m.cost);
  return { proceeds, gain, recognised: gain.plus(m.disallowed ?? ZERO) };
}

/** Whole days from the lot's acquisition to the sale, floored as the Tax Calculator's timedelta.days; a pool match has the disposal's. */
export function wholeDaysHeld(d: Pick<Disposal, 'date' | 'holdingDays'>, m: LotMatch): number {
  return m.acquiredAt ? Math.max(0, Math.floor((d.date.getTime() - m.acquiredAt.getTime()) / DAY_MS)) : d.holdingDays;
}
