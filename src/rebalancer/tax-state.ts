// The ledger's history as the tax engine reads it, and the tax state a plan needs now: open lots,
// past disposals (wash windows) and each asset's class. Building it replays every trade, so a
// session builds it once per run, and saves it in the ledger for the next run (tax-checkpoint.ts).
import { ensureSeeded } from '../adapters/paper/seed.js';
import type { Config } from '../config.js';
import { ZERO } from '../money.js';
import type { Ledger } from '../ports.js';
import { buildTaxReport, type TaxReportInput } from '../tax/report.js';
import type { AssetClass, Disposal, OpenLot, TaxTrade } from '../tax/types.js';
import type { RebalancerDeps } from './session.js';
import { checkpointKey, decodeState, encodeState, recentFrom } from './tax-checkpoint.js';
import { quietLogger } from './quiet-logger.js';

export interface TaxState {
  /** The trades up to now (a session's: the buys of the last weeks, as far back as the wash-sale and harvest windows look). */
  trades: Pick<TaxTrade, 'id' | 'date' | 'side' | 'asset'>[];
  /** Disposals up to now (a session's: the losses of the last weeks, which a buy now would wash). */
  disposals: Pick<Disposal, 'tradeId' | 'date' | 'asset' | 'gain'>[];
  /** Open lots as the jurisdiction's engine sees them now; UK pools stand in as one lot each (lot id "pool"). */
  lots: OpenLot[];
  assetClass: (asset: string) => AssetClass;
}


/** Paper and manual venues record their config lots when first used; make sure they have. */
export function seedConfigLots(deps: Pick<RebalancerDeps, 'config' | 'ledger' | 'clock' | 'logger'>): void {
  for (const [id, venue] of Object.entries(deps.config.venues)) {
    if ((venue.adapter === 'paper' || venue.adapter === 'manual') && venue.lots.length > 0) ensureSeeded(id, venue, deps.ledger, deps.clock.now(), deps.logger ?? quietLogger);
  }
}

/** The config's seed lots recorded in the ledger, as buys in date order. */
function seedTaxTrades(ledger: Ledger): TaxTrade[] {
  return ledger
    .openLots()
    .filter((lot) => lot.sourceTradeId?.startsWith('seed:'))
    .map((lot): TaxTrade => ({ id: lot.id, date: lot.acquiredAt, side: 'buy', asset: lot.asset, assetClass: lot.assetClass, quantity: lot.quantity, total: lot.quantity.times(lot.unitCost), fee: ZERO, venue: lot.venue }))
    .sort((a, b) => a.date.getTime() - b.date.getTime());
}

/**
 * Every trade the ledger knows (imports, executed rebalances) plus the config's seed lots as buys,
 * in date order (a seed before a trade at the same instant). The ledger streams its history in
 * that order, so the seeds are merged in rather than the whole history sorted again.
 */
export function ledgerTaxTrades(ledger: Ledger): TaxTrade[] {
  const seeds = seedTaxTrades(ledger);
  const trades: TaxTrade[] = [];
  let next = 0;
  for (const trade of ledger.tradeHistory()) {
    while (next < seeds.length && seeds[next]!.date.getTime() <= trade.date.getTime()) trades.push(seeds[next++]!);
    trades.push(trade);
  }
  while (next < seeds.length) trades.push(seeds[next++]!);
  return trades;
}

/** The report options of a tax state: the config's rules, the current year, no price histories. */
export function stateInput(config: Config, trades: readonly TaxTrade[], now: Date): TaxReportInput {
  return {
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
  };
}

/** The trades up to `now` replayed under the config's jurisdiction and lot method: every disposal and trade kept. */
export function buildTaxState(config: Config, history: readonly TaxTrade[], now: Date): TaxState {
  const trades = history.filter((trade) => trade.date <= now);
  const state = buildTaxReport(stateInput(config, trades, now));
  // UK Section 104 pools (and the FR whole-portfolio pool, asset "*") stand in as one lot each.
  const lots: OpenLot[] =
    state.openLots.length > 0 ? state.openLots : state.pools.map((pool) => ({ lotId: 'pool', asset: pool.asset, venue: pool.venue ?? 'pool', acquiredAt: now, holdingStart: now, quantity: pool.quantity, cost: pool.cost }));
  const classes = new Map<string, AssetClass>();
  for (const trade of trades) classes.set(trade.asset, trade.assetClass);
  return { trades, disposals: state.allDisposals, lots: lots.filter((lot) => !config.cash_assets.includes(lot.asset)), assetClass: (asset) => classes.get(asset) ?? 'crypto' };
}

/**
 * A session's tax state: the ledger's checkpoint when it still describes the history (no trade
 * added, none between its instant and now, the same settings and seed lots), else one replay of
 * `history()`, saved as the next checkpoint. Either way only the last weeks' disposals and trades
 * are kept, which is all the wash-sale and harvest windows read.
 */
export function sessionTaxState(deps: Pick<RebalancerDeps, 'config' | 'ledger' | 'clock' | 'logger'>, history: () => TaxTrade[]): TaxState {
  const { config, ledger } = deps;
  const now = deps.clock.now();
  seedConfigLots(deps);
  const key = checkpointKey(config, seedTaxTrades(ledger));
  // Read before the history: a trade added meanwhile makes the saved mark older than its content, so stale, never wrong.
  const mark = ledger.tradeMark();
  const saved = ledger.taxCheckpoint(key);
  if (saved && saved.mark.lastId === mark.lastId && saved.asOf <= now && ledger.tradesBetween(saved.asOf, now) === 0) {
    const state = decodeState(saved.state, config, now);
    if (state) return state;
  }
  const trades = history().filter((trade) => trade.date <= now);
  const from = recentFrom(config, now);
  const report = buildTaxReport({ ...stateInput(config, trades, now), keepDisposal: (date) => date >= from });
  const state = encodeState(report, trades, from);
  try {
    ledger.saveTaxCheckpoint({ key, mark, asOf: now, state }, now);
  } catch (error) {
    // A checkpoint only saves time: a ledger that cannot take it (read-only, busy) replays next time.
    if (!(error instanceof Error && String((error as { code?: unknown }).code).startsWith('SQLITE_'))) throw error;
  }
  return decodeState(state, config, now)!;
}
