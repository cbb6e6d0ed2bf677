// A configurable EU profile for countries without a dedicated engine: the chosen lot method per
// venue and asset (fifo, lifo, hifo, average, or specific; a sell's lotRef is taken first except
// under average) and,
// when `exemptAfterYears` is set, parts held more than that many whole years are exempt (the
// anniversary itself is not more, as in DE). Everything else is 'short'. The matcher is DE's.
import { UsageError } from '../errors.js';
import { matchLots } from './lot-engine.js';
import { honoursLotRef, termOf, type RuleContext } from './rulebook.js';
import type { TaxOptions, TaxResult, TaxTrade } from './types.js';

export function computeEu(trades: readonly TaxTrade[], options: TaxOptions & { exemptAfterYears?: number | undefined }): TaxResult {
  const years = options.exemptAfterYears;
  if (years !== undefined && !(Number.isInteger(years) && years > 0)) {
    throw new UsageError(`exemptAfterYears must be a whole number of years above 0, got ${years}. Leave it out when gains are never exempt.`);
  }
  const context: RuleContext = { jurisdiction: 'EU', method: options.method, exemptAfterYears: years };
  return matchLots(
    trades,
    {
      methodFor: () => options.method,
      honoursLotRef: (assetClass) => honoursLotRef(context, assetClass),
      termOf: (trade, acquiredAt) => termOf(context, trade.assetClass, { acquiredAt, holdingStart: acquiredAt }, trade.date),
    },
    options.snapshotAt,
    options.keepDisposal,
  );
}
