// The ledger's history as the tax engine reads it, and the tax state a plan needs now: open lots,
// past disposals (wash windows) and each asset's class. Building it replays every trade, so a
// session builds it once per run.
import { ensureSeeded } from '../adapters/paper/seed.js';
import type { Config } from '../config.js';
import { ZERO } from '../money.js';
import type { Ledger } from '../ports.js';
import { buildTaxReport } from '../tax/report.js';
import type { AssetClass, Disposal, OpenLot, TaxTrade } from '../tax/types.js';
import type { RebalancerDeps } from './session.js';

export interface TaxState {
  trades: TaxTrade[];
  disposals: Disposal[];
  /** Open lots as the jurisdiction's engine sees them now; UK pools stand in as one lot each (lot id "pool"). */
  lots: OpenLot[];
  assetClass: (asset: string) => AssetClass;
}

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** Paper and manual venues record their config lots when first used; make sure they have. */
export function seedConfigLots(deps: Pick<RebalancerDeps, 'config' | 'ledger' | 'clock' | 'logger'>): void {
  for (const [id, venue] of Object.entries(deps.config.venues)) {
    if ((venue.adapter === 'paper' || venue.adapter === 'manual') && venue.lots.length > 0) ensureSeeded(id, venue, deps.ledger, deps.clock.now(), deps.logger ?? quiet);
  }
}

/**
 * Every trade the ledger knows (imports, executed rebalances) plus the config's seed lots as buys,
 * in date order (a seed before a trade at the same instant). The ledger streams its history in
 * that order, so the seeds are merged in rather than the whole history sorted again.
 */
export function ledgerTaxTrades(ledger: Ledger): TaxTrade[] {
  const seeds: TaxTrade[] = ledger
    .openLots()
    .filter((lot) => lot.sourceTradeId?.startsWith('seed:'))
    .map((lot): TaxTrade => ({ id: lot.id, date: lot.acquiredAt, side: 'buy', asset: lot.asset, assetClass: lot.assetClass, quantity: lot.quantity, total: lot.quantity.times(lot.unitCost), fee: ZERO, venue: lot.venue }))
    .sort((a, b) => a.date.getTime() - b.date.getTime());
  const trades: TaxTrade[] = [];
  let next = 0;
  for (const trade of ledger.tradeHistory()) {
    while (next < seeds.length && seeds[next]!.date.getTime() <= trade.date.getTime()) trades.push(seeds[next++]!);
    trades.push(trade);
  }
  while (next < seeds.length) trades.push(seeds[next++]!);
  return trades;
}

/** The trades up to `now` replayed under the config's jurisdiction and lot method. */
export function buildTaxState(config: Config, history: readonly TaxTrade[], now: Date): TaxState {
  const trades = history.filter((trade) => trade.date <= now);
  const state = buildTaxReport({
    trades,
    jurisdiction: config.tax.jurisdiction,
    method: config.tax.lot_selection,
    year: now.getUTCFullYear(),
    washSaleDays: config.tax.wash_sale_days,
    washSaleScope: config.tax.wash_sale_scope,
    perVenue: config.tax.per_venue_lots,
    eu: { exemptAfterYears: config.tax.eu_exempt_after_years, yearlyExemption: config.tax.eu_yearly_exemption },
    identicalGroups: config.tax.identical_groups,
    histories: new Map(),
  });
  // UK Section 104 pools (and the FR whole-portfolio pool, asset "*") stand in as one lot each.
  const lots: OpenLot[] =
    state.openLots.length > 0 ? state.openLots : state.pools.map((pool) => ({ lotId: 'pool', asset: pool.asset, venue: pool.venue ?? 'pool', acquiredAt: now, holdingStart: now, quantity: pool.quantity, cost: pool.cost }));
  const classes = new Map<string, AssetClass>();
  for (const trade of trades) classes.set(trade.asset, trade.assetClass);
  return { trades, disposals: state.allDisposals, lots: lots.filter((lot) => !config.cash_assets.includes(lot.asset)), assetClass: (asset) => classes.get(asset) ?? 'crypto' };
}
