// The yearly amounts of the rules are in the jurisdiction's currency (UK exempt amount in GBP, DE
// Freigrenze and FR €305 in EUR). Applied to figures in another currency they would compare pounds
// with dollars, so a report whose currency differs is refused: no rate source is configured to
// convert with. The EU profile's exemption is configured in the reporting currency, so it has none.
import type { Jurisdiction } from '../config.js';
import { UsageError } from '../errors.js';

const CURRENCY: Record<Jurisdiction, { code: string; what: string } | undefined> = {
  US: { code: 'USD', what: 'US tax figures (Form 8949) are in dollars' },
  UK: { code: 'GBP', what: 'the annual exempt amount is in pounds' },
  DE: { code: 'EUR', what: 'the §23 Freigrenze and the §20 figures are in euros' },
  FR: { code: 'EUR', what: 'the €305 exemption and form 2086 are in euros' },
  EU: undefined,
};

/** The currency a jurisdiction's rules are written in (undefined for the configurable EU profile). */
export function jurisdictionCurrency(jurisdiction: Jurisdiction): string | undefined {
  return CURRENCY[jurisdiction]?.code;
}

export class TaxCurrencyError extends UsageError {
  constructor(
    readonly jurisdiction: Jurisdiction,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(
      `A ${jurisdiction} tax report needs figures in ${expected}, but the ledger's trades are in ${actual} (config currency: ${actual}): ${CURRENCY[jurisdiction]!.what}. ` +
        `Set currency: ${expected} and record the trades in ${expected}, or use the jurisdiction whose currency is ${actual}; no exchange-rate source is configured, so nothing is converted.`,
    );
  }
}

/** Throws TaxCurrencyError when `currency` is not the jurisdiction's. */
export function checkTaxCurrency(jurisdiction: Jurisdiction, currency: string): void {
  const expected = jurisdictionCurrency(jurisdiction);
  if (expected !== undefined && currency.toUpperCase() !== expected) throw new TaxCurrencyError(jurisdiction, expected, currency.toUpperCase());
}
