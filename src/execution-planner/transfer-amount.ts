// How much a manual transfer moves, in the units a person types into a withdrawal form: fiat in
// cents, stablecoins in the 6 decimals their tokens carry, anything else in 8 (a satoshi). The
// amount is rounded up to that step, so the buy waiting for it is covered, but never past what
// the source holds (that is floored instead).
import { ceilToStep, Decimal, floorToStep } from '../money.js';

const FIAT = new Set(['USD', 'EUR', 'GBP', 'CHF', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'MXN', 'BRL', 'ZAR', 'INR', 'CNY', 'KRW', 'JPY']);
const WHOLE_UNIT_FIAT = new Set(['JPY', 'KRW']);
const STABLECOINS = new Set(['USDC', 'USDT', 'PYUSD', 'FDUSD', 'TUSD', 'USDP', 'DAI', 'EURC', 'EURT', 'USDE']);

/** A national currency (withdrawn to a bank account), as opposed to a token. */
export function isFiat(asset: string): boolean {
  return FIAT.has(asset);
}

/** The smallest amount of `asset` a transfer shows and moves: 0.01 USD, 1 JPY, 0.000001 USDC, 0.00000001 otherwise. */
export function transferStep(asset: string): Decimal {
  if (WHOLE_UNIT_FIAT.has(asset)) return new Decimal(1);
  if (FIAT.has(asset)) return new Decimal('0.01');
  if (STABLECOINS.has(asset)) return new Decimal('0.000001');
  return new Decimal('0.00000001');
}

/** `needed` rounded up to the step (the asset's transfer step by default), or all that is `available` (floored to it) when that is less. */
export function transferAmount(asset: string, needed: Decimal, available: Decimal, step = transferStep(asset)): Decimal {
  return Decimal.min(ceilToStep(needed, step), floorToStep(available, step));
}

/**
 * A conversion from `asset` into `into` at `rate` (units of `into` per unit of `asset`): the amount
 * sent, in the coarser of the two steps (USDC sent to arrive as USD moves whole cents; cash assets
 * trade near par, so a step that is round in one is about as fine in the other), and what
 * arrives, floored to the step of `into` so the plan never counts more than comes.
 */
export function conversionAmounts(asset: string, into: string, rate: Decimal, needed: Decimal, available: Decimal): { amount: Decimal; arrives: Decimal } {
  const step = Decimal.max(transferStep(asset), transferStep(into));
  const amount = transferAmount(asset, needed, available, step);
  return { amount, arrives: floorToStep(amount.times(rate), transferStep(into)) };
}
