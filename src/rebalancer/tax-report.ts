// `tax report`: every disposal of a period with its matched lots, the totals after the yearly
// rules and what is held at the period's end, from the session's one read of the history.
import type { Jurisdiction } from '../config.js';
import { isCash } from '../config.js';
import { Decimal } from '../money.js';
import { buildTaxReport, priceAtFromHistories, taxPeriod, type TaxReport } from '../tax/report.js';
import type { PriceAt } from '../tax/price-at.js';
import type { LotMethod } from '../tax/types.js';
import type { Session } from './session.js';

export interface TaxReportOptions {
  year?: number | undefined;
  jurisdiction?: Jurisdiction | undefined;
  method?: LotMethod | undefined;
}

export async function taxReportFor(session: Session, options: TaxReportOptions): Promise<TaxReport> {
  const { config, clock } = session.deps;
  const jurisdiction = options.jurisdiction ?? config.tax.jurisdiction;
  const now = clock.now();
  // The current period by default: the calendar year, or the UK tax year that contains today.
  const year = options.year ?? (jurisdiction === 'UK' && now < taxPeriod('UK', now.getUTCFullYear()).from ? now.getUTCFullYear() - 1 : now.getUTCFullYear());
  const trades = session.taxTrades();
  // FR taxes a disposal on the whole crypto portfolio's value at its date, so it needs every
  // asset's closes from the first trade on (a 2025 report made in 2026 included).
  const histories = jurisdiction === 'FR' && trades.length > 0 ? await session.histories([...new Set(trades.map((t) => t.asset))], trades[0]!.date) : new Map();
  return buildTaxReport({
    trades,
    jurisdiction,
    method: options.method ?? config.tax.lot_selection,
    year,
    washSaleDays: config.tax.wash_sale_days,
    washSaleScope: config.tax.wash_sale_scope,
    perVenue: config.tax.per_venue_lots,
    eu: { exemptAfterYears: config.tax.eu_exempt_after_years, yearlyExemption: config.tax.eu_yearly_exemption },
    histories,
    priceAt: withCurrency(priceAtFromHistories(histories), config.currency, config.cash_assets),
    currency: config.currency,
    identicalGroups: config.tax.identical_groups,
    // The report shows the period's disposals only: the engines need not hold every year's.
    keepDisposal: () => false,
  });
}

/** The reporting currency is worth 1 of itself; any other asset (stablecoins included) needs closes. */
function withCurrency(priceAt: PriceAt, currency: string, cashAssets: readonly string[]): PriceAt {
  const one = new Decimal(1);
  return (asset, at) => (asset === currency && isCash(asset, cashAssets) ? one : priceAt(asset, at));
}
