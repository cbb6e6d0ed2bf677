// `kit tax report`: the jurisdiction's engine over every trade, then the period's disposals, the
// open lots (or pools) at its end, and the totals after the yearly thresholds. Pure.
// Disposals come from a run over all trades, so a December loss washed by a January purchase is
// seen; open lots come from a run over the trades up to the period's end. A sale the engine could
// not put in the figures (no lots, FR: no price) makes the report `incomplete`.
import type { Jurisdiction } from '../config.js';
import type { Decimal } from '../money.js';
import type { PricePoint } from '../ports.js';
import { checkTaxCurrency } from './currency.js';
import { computeDe } from './de.js';
import { computeEu } from './eu.js';
import { computeFr } from './fr.js';
import { frPortfolioValues } from './fr-values.js';
import { priceAtFromHistories, type PriceAt } from './price-at.js';
import { taxTotals, type TaxTotals } from './report-totals.js';
import type { Disposal, LeftOut, LotMethod, OpenLot, Pool, TaxResult, TaxTrade } from './types.js';
import { computeUk } from './uk.js';
import { computeUs } from './us.js';

export { recognised, type TaxTotals } from './report-totals.js';
export type { PriceAt } from './price-at.js';
export { priceAtFromHistories } from './price-at.js';

export interface TaxReportInput {
  trades: readonly TaxTrade[];
  jurisdiction: Jurisdiction;
  method: LotMethod;
  year: number;
  washSaleDays: number;
  washSaleScope: 'securities' | 'all';
  /** US: lots are matched per venue (wallet, account). */
  perVenue: boolean;
  eu: { exemptAfterYears?: number | undefined; yearlyExemption: Decimal };
  /** Daily closes, for the FR whole-portfolio value at each sale (used when `priceAt` is not given). */
  histories: ReadonlyMap<string, readonly PricePoint[]>;
  /** FR: the price of an asset at a sale's date; it must cover every sale of the history, not a window before now. */
  priceAt?: PriceAt | undefined;
  /** The currency the trades are recorded in (config currency); a jurisdiction in another currency is refused (TaxCurrencyError). */
  currency?: string | undefined;
  /** tax.identical_groups: substantially identical assets for US wash sales. */
  identicalGroups?: readonly (readonly string[])[] | undefined;
  /** Which disposals outside the period `allDisposals` keeps, by date (default all); fewer is less memory. */
  keepDisposal?: ((date: Date) => boolean) | undefined;
}

export interface TaxPeriod {
  label: string;
  from: Date;
  /** Exclusive. */
  to: Date;
}

export interface TaxReport {
  jurisdiction: Jurisdiction;
  method: LotMethod;
  period: TaxPeriod;
  disposals: Disposal[];
  /** Every disposal of the history, not only the period's (wash-sale windows cross years). */
  allDisposals: Disposal[];
  openLots: OpenLot[];
  pools: Pool[];
  totals: TaxTotals;
  problems: TaxResult['problems'];
  /**
   * Sales up to the period's end left out of the figures: more sold than the history holds
   * ('unmatched'), or FR without a price at the sale ('no-price'). Non-empty: the report is
   * incomplete (the CLI exits 3).
   */
  incomplete: (LeftOut & { message: string })[];
}

/** UK: the tax year that starts on 6 April of `year`; everywhere else the calendar year. */
export function taxPeriod(jurisdiction: Jurisdiction, year: number): TaxPeriod {
  const at = (y: number, month: number, day: number) => {
    const date = new Date(0);
    date.setUTCFullYear(y, month, day); // Date.UTC maps years 0-99 to 1900-1999
    return date;
  };
  if (jurisdiction === 'UK') {
    return { label: `UK tax year ${year}/${String(year + 1).slice(-2).padStart(2, '0')} (6 April ${year} to 5 April ${year + 1})`, from: at(year, 3, 6), to: at(year + 1, 3, 6) };
  }
  return { label: `calendar year ${year}`, from: at(year, 0, 1), to: at(year + 1, 0, 1) };
}

export function buildTaxReport(input: TaxReportInput): TaxReport {
  if (input.currency !== undefined) checkTaxCurrency(input.jurisdiction, input.currency);
  const period = taxPeriod(input.jurisdiction, input.year);
  // One replay gives the disposals (seeing purchases after the period, for wash sales and the UK
  // 30-day rule) and, where the engine records it, the holdings at the period's end; otherwise a
  // second replay of the trades up to the end gives those.
  const keep = input.keepDisposal;
  const inPeriod = (date: Date) => date >= period.from && date < period.to;
  const full = run(input, input.trades, period.to, keep && ((date) => inPeriod(date) || keep(date)));
  const later = input.trades.some((trade) => trade.date >= period.to);
  const upToEnd = !later ? full : (full.snapshot ?? run(input, input.trades.filter((trade) => trade.date < period.to), undefined, () => false));
  const disposals = full.disposals.filter((d) => inPeriod(d.date));
  const dates = leftOutDates(input.trades, full.leftOut ?? []);
  const messages = new Map(full.problems.map((p) => [p.tradeId, p.message])); // the last one: why it was left out
  const incomplete = (full.leftOut ?? [])
    .filter((left) => !left.tradeId.split('+').some((id) => (dates.get(id) ?? period.from) >= period.to))
    .map((left) => ({ ...left, message: messages.get(left.tradeId) ?? '' }));
  return {
    jurisdiction: input.jurisdiction,
    method: input.method,
    period,
    disposals,
    allDisposals: full.disposals,
    openLots: upToEnd.openLots,
    pools: upToEnd.pools,
    totals: taxTotals(input, disposals),
    problems: full.problems,
    incomplete,
  };
}

/** The dates of the trades left out (a UK day's sales are joined with '+'), found without a map of every trade. */
function leftOutDates(trades: readonly TaxTrade[], leftOut: readonly LeftOut[]): Map<string, Date> {
  const ids = new Set(leftOut.flatMap((left) => left.tradeId.split('+')));
  const dates = new Map<string, Date>();
  if (ids.size === 0) return dates;
  for (const trade of trades) if (ids.has(trade.id)) dates.set(trade.id, trade.date);
  return dates;
}

function run(input: TaxReportInput, trades: readonly TaxTrade[], snapshotAt?: Date, keepDisposal?: (date: Date) => boolean): TaxResult {
  const options = { method: input.method, washSaleDays: input.washSaleDays, washSaleScope: input.washSaleScope, snapshotAt, identicalGroups: input.identicalGroups, keepDisposal };
  switch (input.jurisdiction) {
    case 'US':
      return computeUs(trades, { ...options, perVenue: input.perVenue });
    case 'UK':
      return computeUk(trades, options);
    case 'DE':
      return computeDe(trades, options);
    case 'FR': {
      const { values, unpriced } = frPortfolioValues(trades, input.priceAt ?? priceAtFromHistories(input.histories));
      return computeFr(trades, { ...options, portfolioValues: values, unpriced });
    }
    case 'EU':
      return computeEu(trades, { ...options, exemptAfterYears: input.eu.exemptAfterYears });
  }
}
