// Drawdown protection: how far the portfolio sits below its high-water mark, and, while that is
// at least drawdown_reduce_at, a shift of the risk targets toward cash. The caller keeps the mark
// between runs; a value equal to the mark keeps the old mark and its date, so the date says when
// the peak was first reached.
import type { Diagnostic } from '../diagnostics.js';
import { InvariantError } from '../errors.js';
import { formatMoney, formatPercent } from '../format.js';
import { floorWeight } from './exposure.js';
import { ONE, ZERO, toPercentPoints, type Decimal } from '../money.js';

export interface HighWaterMark {
  value: Decimal;
  at: Date;
}

export interface DrawdownAssessment {
  highWater: HighWaterMark;
  /** Fraction below the high-water mark; 0 at or above it. */
  drawdown: Decimal;
  active: boolean;
  diagnostics: Diagnostic[];
}

export interface DrawdownInput {
  value: Decimal;
  now: Date;
  previous?: HighWaterMark | undefined;
  reduceAt?: Decimal | undefined;
  shift: Decimal;
  /** The reporting currency the high-water mark is shown in; USD when absent. */
  currency?: string | undefined;
}

export function assessDrawdown(input: DrawdownInput): DrawdownAssessment {
  const { value, now, previous, reduceAt, shift } = input;
  if (value.isNegative()) throw new InvariantError(`assessDrawdown needs a portfolio value of at least 0; got ${value.toFixed()}.`);
  const highWater = previous && previous.value.gte(value) ? previous : { value, at: now };
  const drawdown = highWater.value.gt(0) ? highWater.value.minus(value).div(highWater.value) : ZERO;
  const active = reduceAt !== undefined && drawdown.gte(reduceAt);
  const diagnostics: Diagnostic[] = [];
  if (active) {
    diagnostics.push({
      severity: 'warning',
      code: 'risk.drawdown_active',
      message:
        `Drawdown protection active: the portfolio is ${formatPercent(drawdown)} below its high-water mark ` +
        `${formatMoney(highWater.value, input.currency ?? 'USD')} of ${highWater.at.toISOString().slice(0, 10)}; ` +
        `risk targets are shifted ${toPercentPoints(shift, 2).toFixed()}% toward cash.`,
    });
  }
  return { highWater, drawdown, active, diagnostics };
}

/**
 * Every non-cash target times (1 - shift), floored to 1e-8, and the freed weight added to the
 * cash bucket (appended when absent and something was freed): the sum stays exactly what it was.
 */
export function applyDrawdownShift(targets: ReadonlyMap<string, Decimal>, cashKey: string, shift: Decimal): Map<string, Decimal> {
  if (shift.isNegative() || shift.gt(ONE)) throw new InvariantError(`applyDrawdownShift needs a shift between 0 and 1; got ${shift.toFixed()}.`);
  const shifted = new Map<string, Decimal>();
  let freed = ZERO;
  for (const [asset, target] of targets) {
    const after = asset === cashKey || shift.isZero() ? target : floorWeight(target.times(ONE.minus(shift)));
    freed = freed.plus(target.minus(after));
    shifted.set(asset, after);
  }
  const cash = shifted.get(cashKey);
  if (cash !== undefined || freed.gt(0)) shifted.set(cashKey, (cash ?? ZERO).plus(freed));
  return shifted;
}
