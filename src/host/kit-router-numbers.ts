// Decimal <-> number, only where K.I.T.'s slot shapes demand numbers. An order's quantity or price
// must reach the slot unchanged: `toSlotNumber` refuses a value that a double would alter (its
// shortest decimal text differs). Derived estimates (fees, averages) are rounded first to 15
// significant digits, which a double always carries exactly, so only they are ever rounded.
import { RebalancerError } from '../errors.js';
import { Decimal, parseDecimal } from '../money.js';

/** A value that cannot cross to the slot as a number without changing. */
export class SlotNumberError extends RebalancerError {
  constructor(
    readonly field: string,
    readonly value: string,
    readonly asNumber: string,
  ) {
    super(`${field} ${value} cannot be sent to K.I.T.'s execution slot as a number: it would become ${asNumber}`, {
      details: "The slot's shapes carry plain numbers (about 15 significant digits); round the order to the venue's amount and price steps first.",
    });
  }
}

/** The exact number for `value`, or a refusal when the double would not read back as the same decimal. */
export function toSlotNumber(value: Decimal, field: string): number {
  const text = value.toFixed();
  const asNumber = Number(text);
  const back = Number.isFinite(asNumber) ? new Decimal(asNumber).toFixed() : String(asNumber);
  if (back !== text) throw new SlotNumberError(field, text, back);
  return asNumber;
}

const ESTIMATE_DIGITS = 15;

/** An estimate (fee, average, total) rounded half-even to 15 significant digits, then sent as a number. */
export function estimateToSlotNumber(value: Decimal, field: string): number {
  return toSlotNumber(value.toSignificantDigits(ESTIMATE_DIGITS, Decimal.ROUND_HALF_EVEN), field);
}

/** A number the slot answered, as the decimal its shortest text denotes (0.1 stays 0.1). */
export function fromSlotNumber(value: number): Decimal {
  return parseDecimal(value);
}
