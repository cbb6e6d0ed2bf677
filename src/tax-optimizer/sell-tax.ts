// The shapes of a plan's per-sale tax estimate (estimate-sell-taxes.ts).
import type { Jurisdiction } from '../config.js';
import type { Decimal } from '../money.js';
import type { AssetClass, LotMethod, OpenLot, Term } from '../tax/types.js';
import type { TaxRates } from './rates.js';

export interface SellLotUse {
  lotId: string;
  acquiredAt: Date;
  quantity: Decimal;
  cost: Decimal;
  term: Term;
  /** This lot's share of the sale's net proceeds (the report's per-lot `proceeds` once recorded). */
  proceeds?: Decimal | undefined;
  /** proceeds - cost for this lot. */
  gain?: Decimal | undefined;
  /** When a sale of this lot would be long-term or exempt (rulebook.ts's turnsAt); undefined when never. */
  turnsAt?: Date | undefined;
}

export interface SellTax {
  lots: SellLotUse[];
  /** Of the part with recorded lots. */
  proceeds: Decimal;
  cost: Decimal;
  /** Of the part with recorded lots; meaningless when `unknown`. */
  gain: Decimal;
  /** Estimated tax of the part with recorded lots (negative: a saving from a loss); meaningless when `unknown`. */
  tax: Decimal;
  /** True when the open lots on the venue do not cover the sale (the estimate covers what they do). */
  uncovered: boolean;
  /** True when no recorded lot (or FR: no pool or portfolio value) backs the sale at all: its gain and tax are unknown, not zero. */
  unknown?: boolean | undefined;
}

export interface SellTaxInput {
  jurisdiction: Jurisdiction;
  method: LotMethod;
  now: Date;
  /** Open lots from the jurisdiction's engine, in its order (UK and FR: pools passed as one lot per asset). */
  lots: readonly OpenLot[];
  assetClass: (asset: string) => AssetClass;
  rates: (assetClass: AssetClass) => TaxRates;
  /** EU profile: parts held longer are exempt. */
  exemptAfterYears?: number | undefined;
  /** FR: the global value of the crypto portfolio now (the formula's denominator). */
  portfolioValue?: Decimal | undefined;
  /** US: false when lots are pooled across venues (tax.per_venue_lots: false); default true. DE and EU are always per wallet. */
  perVenue?: boolean | undefined;
}

export interface PlannedSell {
  id: string;
  venue: string;
  asset: string;
  quantity: Decimal;
  value: Decimal;
  feeValue: Decimal;
}
