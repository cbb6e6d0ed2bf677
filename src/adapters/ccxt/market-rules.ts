// A ccxt market as our MarketRules. ccxt states precision three ways (its `precisionMode`): a step
// (TICK_SIZE, all five exchanges today), a number of decimal places (DECIMAL_PLACES), or
// significant digits (SIGNIFICANT_DIGITS), whose step depends on the size of the number itself.
import type { MarketInterface as Market } from 'ccxt';
import { Decimal, ZERO } from '../../money.js';
import type { MarketRules } from '../../ports.js';
import { dec } from './numbers.js';

/** ccxt's constants (ccxt/js/src/base/functions/number.js), repeated so this file needs no import of ccxt. */
export const DECIMAL_PLACES = 2;
export const SIGNIFICANT_DIGITS = 3;
export const TICK_SIZE = 4;

const FALLBACK_STEP = new Decimal('0.00000001');

/**
 * The step a precision stands for. With significant digits the step is that of `magnitude` (the
 * price for a price step, the minimum amount for an amount step): 4 digits at 65000 step by 10.
 */
export function stepOf(precision: unknown, mode: number, magnitude?: Decimal): Decimal {
  const value = dec(precision);
  if (value === undefined || value.lte(0)) return FALLBACK_STEP;
  if (mode === TICK_SIZE) return value;
  if (mode === DECIMAL_PLACES) return new Decimal(10).pow(value.negated());
  if (mode === SIGNIFICANT_DIGITS) {
    const exponent = magnitude && magnitude.gt(0) ? Math.floor(Math.log10(magnitude.toNumber())) : 0;
    return new Decimal(10).pow(exponent - value.toNumber() + 1);
  }
  return FALLBACK_STEP;
}

export interface RulesOptions {
  precisionMode: number;
  /** The venue's configured fee_rate, for a market whose fees the exchange does not state. */
  defaultFee: Decimal;
  /** A recent price, for significant-digit price steps. */
  price?: Decimal | undefined;
}

export function toMarketRules(market: Market, options: RulesOptions): MarketRules {
  const minAmount = dec(market.limits?.amount?.min) ?? ZERO;
  return {
    symbol: market.symbol,
    base: market.base,
    quote: market.quote,
    amountStep: stepOf(market.precision?.amount, options.precisionMode, minAmount.gt(0) ? minAmount : undefined),
    priceStep: stepOf(market.precision?.price, options.precisionMode, options.price),
    minAmount,
    // Where the exchange publishes no minimum notional (OKX), none is assumed.
    minNotional: dec(market.limits?.cost?.min) ?? ZERO,
    takerFee: dec(market.taker) ?? options.defaultFee,
    makerFee: dec(market.maker) ?? options.defaultFee,
  };
}

/** Spot markets that trade; an exchange that does not say whether a market is active counts it in. */
export function isTradableSpot(market: Market): boolean {
  return market.spot === true && market.active !== false;
}
