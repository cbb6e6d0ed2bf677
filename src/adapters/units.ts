// Chain amounts are integers in the token's smallest unit (wei, satoshis, lamports). They become
// Decimals by moving the decimal point in the digits' text, never through a float or a division,
// so a 30-digit balance of an 18-decimal token comes out exactly.
import { Decimal } from '../money.js';

/** 1234567n with 6 decimals gives 1.234567. */
export function fromBaseUnits(amount: bigint, decimals: number): Decimal {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 255) throw new RangeError(`decimals ${decimals} out of range`);
  const negative = amount < 0n;
  const digits = (negative ? -amount : amount).toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = decimals > 0 ? `.${digits.slice(digits.length - decimals)}` : '';
  return new Decimal(`${negative ? '-' : ''}${whole}${fraction}`);
}

/** A base-unit amount written as decimal digits ("1500000"), as JSON APIs send them. */
export function parseBaseUnits(text: unknown): bigint | undefined {
  if (typeof text === 'number' && Number.isSafeInteger(text)) return BigInt(text);
  if (typeof text !== 'string' || !/^-?\d{1,80}$/.test(text)) return undefined;
  return BigInt(text);
}

/**
 * 1.2345678 with 6 decimals gives 1234567n: rounded toward zero by default, so what we ask a chain
 * to move is never more than the amount held or planned. `round: 'up'` for amounts we must cover.
 */
export function toBaseUnits(amount: Decimal, decimals: number, round: 'down' | 'up' = 'down'): bigint {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 255) throw new RangeError(`decimals ${decimals} out of range`);
  if (!amount.isFinite()) throw new RangeError(`amount ${amount.toString()} is not finite`);
  const scaled = amount.times(new Decimal(10).pow(decimals));
  const whole = round === 'up' ? scaled.toDecimalPlaces(0, Decimal.ROUND_CEIL) : scaled.toDecimalPlaces(0, Decimal.ROUND_DOWN);
  return BigInt(whole.toFixed(0));
}
