// A configurable EU profile for countries without a dedicated engine: the chosen lot method per
// venue and asset (fifo, lifo, hifo, average, or specific through a sell's lotRef, else FIFO) and,
// when `exemptAfterYears` is set, parts held more than that many whole years are exempt (the
// anniversary itself is not more, as in DE). Everything else is 'short'. The matcher is DE's.
import { UsageError } from '../errors.js';
import { isMoreThanYears } from './holding-period.js';
import { matchLots } from './lot-engine.js';
import type { TaxOptions, TaxResult, TaxTrade } from './types.js';

export function computeEu(trades: readonly TaxTrade[], options: TaxOptions & { exemptAfterYears?: number | undefined }): TaxResult {
  const years = options.exemptAfterYears;
  if (years !== undefined && !(Number.isInteger(years) && years > 0)) {
    throw new UsageError(`exemptAfterYears must be a whole number of years above 0, got ${years}. Leave it out when gains are never exempt.`);
  }
  return matchLots(trades, {
    methodFor: () => options.method,
    termOf: (trade, acquiredAt) => (years !== undefined && isMoreThanYears(acquiredAt, trade.date, years, 'same-date') ? 'exempt' : 'short'),
  }, options.snapshotAt);
}
