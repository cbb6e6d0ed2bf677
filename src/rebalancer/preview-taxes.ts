// The tax steps of a preview, pure over the session's tax state and the snapshot's prices: US
// wash-sale windows, the cheapest venue to sell each asset from, the sales worth deferring until
// their lots turn long-term (or exempt), and each planned sale's lots and tax.
import type { Config } from '../config.js';
import { ZERO, type Decimal } from '../money.js';
import type { RebalancePlan } from '../planner.js';
import { defaultRates, estimateSellTaxes, salesToDefer, sellVenueOrder, washSaleWindows, type SellTax } from '../tax-optimizer.js';
import type { AssetClass } from '../tax/types.js';
import type { TaxState } from './tax-state.js';

export interface PlanTaxes {
  bySell: ReadonlyMap<string, SellTax>;
  total: Decimal;
  jurisdiction: string;
}

export interface TaxContext {
  config: Config;
  state: TaxState;
  prices: ReadonlyMap<string, Decimal>;
  now: Date;
}

function ratesFor(config: Config) {
  const { tax } = config;
  return (assetClass: AssetClass) => {
    const base = defaultRates(tax.jurisdiction, assetClass);
    return { short: tax.rates.short ?? base.short, long: tax.rates.long ?? base.long };
  };
}

/** Where to sell each asset held on several venues: the tax-optimizer's order, cheapest first. */
export function taxVenueOrder({ config, state, prices, now }: TaxContext): Map<string, string[]> {
  const { tax } = config;
  return sellVenueOrder(state.lots, prices, { jurisdiction: tax.jurisdiction, method: tax.lot_selection, now, assetClass: state.assetClass, rates: ratesFor(config), exemptAfterYears: tax.eu_exempt_after_years, perVenue: tax.per_venue_lots });
}

/** US wash-sale windows from the ledger's history: what the plan must not buy or sell yet. */
export function washBlocks({ config, state, prices, now }: TaxContext): { buys: Map<string, string>; sells: Map<string, string> } | undefined {
  const { tax } = config;
  if (tax.jurisdiction !== 'US') return undefined;
  const totals = new Map<string, { cost: Decimal; quantity: Decimal }>();
  for (const lot of state.lots) {
    const sum = totals.get(lot.asset) ?? { cost: ZERO, quantity: ZERO };
    totals.set(lot.asset, { cost: sum.cost.plus(lot.cost), quantity: sum.quantity.plus(lot.quantity) });
  }
  const atLoss = new Set<string>();
  for (const [asset, { cost, quantity }] of totals) {
    const price = prices.get(asset);
    if (price && cost.gt(quantity.times(price))) atLoss.add(asset);
  }
  return washSaleWindows({
    now,
    days: tax.wash_sale_days,
    inScope: (asset) => tax.wash_sale_scope === 'all' || state.assetClass(asset) === 'security',
    identicalGroups: tax.identical_groups,
    disposals: state.disposals,
    buys: state.trades.filter((t) => t.side === 'buy').map((t) => ({ asset: t.asset, date: t.date })),
    atLoss,
  });
}

/** The lots each planned sale would use and the tax it would cost, from the ledger's lots. */
export function sellTaxes({ config, state }: Pick<TaxContext, 'config' | 'state'>, plan: RebalancePlan): PlanTaxes {
  const { tax } = config;
  const bySell = estimateSellTaxes(
    plan.trades.filter((t) => t.side === 'sell'),
    {
      jurisdiction: tax.jurisdiction,
      method: tax.lot_selection,
      now: plan.createdAt,
      lots: state.lots,
      assetClass: state.assetClass,
      rates: ratesFor(config),
      exemptAfterYears: tax.eu_exempt_after_years,
      perVenue: tax.per_venue_lots,
      // FR: the crypto held, valued now.
      portfolioValue: plan.before.rows.filter((row) => !row.cash && state.assetClass(row.asset) === 'crypto').reduce((acc, row) => acc.plus(row.value), ZERO),
    },
  );
  return { bySell, total: [...bySell.values()].reduce((acc, t) => acc.plus(t.tax), ZERO), jurisdiction: tax.jurisdiction };
}

/** With long_term_preference: the planned sales to hold back, by asset, with the reason. */
export function deferrals({ config, state, now }: Omit<TaxContext, 'prices'>, plan: RebalancePlan, taxes: PlanTaxes): Map<string, string> {
  const { tax, drift_threshold: threshold, risk } = config;
  const sales = plan.trades.filter((t) => t.side === 'sell').flatMap((t) => (taxes.bySell.get(t.id) ? [{ asset: t.asset, tax: taxes.bySell.get(t.id)! }] : []));
  return salesToDefer({
    now,
    waitDays: tax.long_term_wait_days,
    currency: config.currency,
    sales,
    drift: new Map(plan.before.rows.filter((row) => row.drift).map((row) => [row.asset, { drift: row.drift!, width: threshold, aboveLimit: !row.cash && row.weight.gt(risk.max_single_asset) }])),
    rates: (asset) => {
      const assetClass = state.assetClass(asset);
      const base = defaultRates(tax.jurisdiction, assetClass);
      const short = tax.rates.short ?? base.short;
      // Under DE §23 a crypto lot held over a year is exempt: what waiting saves is the whole rate.
      const long = tax.jurisdiction === 'DE' && assetClass !== 'security' ? ZERO : (tax.rates.long ?? base.long);
      return { short, long };
    },
  });
}
