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
