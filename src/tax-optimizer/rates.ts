// The rates a plan's tax estimate applies, per jurisdiction and asset class, when tax.rates does
// not set them.
import type { Jurisdiction } from '../config.js';
import { Decimal } from '../money.js';
import type { AssetClass } from '../tax/types.js';

export interface TaxRates {
  short: Decimal;
  long: Decimal;
}

/**
 * Default rates for the estimate when tax.rates does not set them: US 24% short / 15% long (a
 * middle bracket); UK 24% (higher rate from 30 Oct 2024); DE 42% for §23 private sales (personal
 * income tax) and 26.375% for securities; FR 30% (PFU); EU 25%. Exempt parts are 0.
 */
export function defaultRates(jurisdiction: Jurisdiction, assetClass: AssetClass): TaxRates {
  const rate = (short: string, long = short) => ({ short: new Decimal(short), long: new Decimal(long) });
  switch (jurisdiction) {
    case 'US':
      return rate('0.24', '0.15');
    case 'UK':
      return rate('0.24');
    case 'DE':
      return assetClass === 'security' ? rate('0.26375') : rate('0.42');
    case 'FR':
      return rate('0.30');
    case 'EU':
      return rate('0.25');
  }
}
