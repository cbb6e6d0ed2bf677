// `kit rebalance harvest [--json]`: tax-loss harvesting candidates from the open lots (as the
// jurisdiction's engine sees them now) at current prices: the sale, the loss, a substitute to stay
// invested or the date a rebuy is safe, and what is blocked by a recent purchase (wash sale).
import type { CommandSpec } from '../host/contract.js';
import { withRuntime, type HostServices, type Runtime } from '../host/runtime.js';
import { formatInstant, formatMoney, formatQuantity } from '../format.js';
import { portfolioStatus } from '../rebalancer.js';
import { findHarvests, type HarvestResult } from '../tax/harvest.js';
import { buildTaxReport } from '../tax/report.js';
import type { AssetClass, Disposal, OpenLot, TaxTrade } from '../tax/types.js';
import { diagnosticJson } from '../cli/json-parts.js';
import { renderTable } from '../cli/table.js';
import { ledgerTaxTrades, seedConfigLots } from './tax-report.js';
import { sourceNote } from './portfolio-status.js';

export interface TaxState {
  trades: TaxTrade[];
  disposals: Disposal[];
  /** Open lots as the jurisdiction's engine sees them now; UK pools stand in as one lot each (lot id "pool"). */
  lots: OpenLot[];
  assetClass: (asset: string) => AssetClass;
}

export function taxState(runtime: Runtime): TaxState {
  const { config } = runtime;
  const now = runtime.clock.now();
  seedConfigLots(runtime);
  const trades = ledgerTaxTrades(runtime).filter((trade) => trade.date <= now);
  const state = buildTaxReport({
    trades,
    jurisdiction: config.tax.jurisdiction,
    method: config.tax.lot_selection,
    year: now.getUTCFullYear(),
    washSaleDays: config.tax.wash_sale_days,
    washSaleScope: config.tax.wash_sale_scope,
    perVenue: config.tax.per_venue_lots,
    eu: { exemptAfterYears: config.tax.eu_exempt_after_years, yearlyExemption: config.tax.eu_yearly_exemption },
    histories: new Map(),
  });
  // UK Section 104 pools (and the FR whole-portfolio pool, asset "*") stand in as one lot each.
  const lots: OpenLot[] =
    state.openLots.length > 0 ? state.openLots : state.pools.map((pool) => ({ lotId: 'pool', asset: pool.asset, venue: pool.venue ?? 'pool', acquiredAt: now, holdingStart: now, quantity: pool.quantity, cost: pool.cost }));
  const classes = new Map<string, AssetClass>(trades.map((trade) => [trade.asset, trade.assetClass]));
  return { trades, disposals: state.allDisposals, lots: lots.filter((lot) => !config.cash_assets.includes(lot.asset)), assetClass: (asset) => classes.get(asset) ?? 'crypto' };
}

export async function harvestFor(runtime: Runtime, plannedBuys?: ReadonlySet<string>): Promise<HarvestResult> {
  const { config } = runtime;
  const state = taxState(runtime);
  const status = await portfolioStatus(runtime);
  const prices = new Map([...status.snapshot.prices].map(([asset, quote]) => [asset, quote.price]));
  return findHarvests({
    now: runtime.clock.now(),
    jurisdiction: config.tax.jurisdiction,
    openLots: state.lots,
    prices,
    assetClass: state.assetClass,
    trades: state.trades,
    minLoss: config.tax.tlh_min_loss,
    washSaleDays: config.tax.wash_sale_days,
    washSaleScope: config.tax.wash_sale_scope,
    substitutes: new Map(Object.entries(config.tax.substitutes)),
    identicalGroups: config.tax.identical_groups,
    ...(plannedBuys ? { plannedBuys } : {}),
  });
}

export function harvestJson(result: HarvestResult) {
  return {
    total_loss: result.totalLoss.toFixed(),
    candidates: result.candidates.map((c) => ({
      asset: c.asset,
      venue: c.venue,
      lot_ids: c.lotIds,
      quantity: c.quantity.toFixed(),
      price: c.price.toFixed(),
      proceeds: c.proceeds.toFixed(),
      basis: c.basis.toFixed(),
      loss: c.loss.toFixed(),
      term: c.term,
      replacement: c.replacement ?? null,
      rebuy_safe_from: c.rebuySafeFrom?.toISOString() ?? null,
    })),
    blocked: result.blocked.map(diagnosticJson),
  };
}

export function renderHarvest(result: HarvestResult, currency: string): string {
  const money = (value: Parameters<typeof formatMoney>[0]) => formatMoney(value, currency);
  const out: string[] = [];
  if (result.candidates.length === 0) out.push('No lot has an unrealised loss above tlh_min_loss that can be harvested now.');
  else {
    out.push(
      renderTable(
        ['Asset', 'Venue', 'Sell', 'Proceeds', 'Basis', 'Loss', 'Term', 'Then'],
        result.candidates.map((c) => [
          c.asset,
          c.venue,
          formatQuantity(c.quantity),
          money(c.proceeds),
          money(c.basis),
          money(c.loss),
          c.term,
          [c.replacement ? `buy ${c.replacement}` : '', c.rebuySafeFrom ? `rebuy ${c.asset} from ${c.rebuySafeFrom.toISOString().slice(0, 10)}` : ''].filter(Boolean).join('; ') || '—',
        ]),
        [],
        { alignRight: [2, 3, 4, 5] },
      ),
      `Loss harvested: ${money(result.totalLoss)}`,
    );
  }
  if (result.blocked.length > 0) out.push(...result.blocked.map((d) => `ℹ️ ${d.message}`));
  return out.join('\n');
}

export function rebalanceHarvestCommand(host: HostServices): CommandSpec {
  return {
    name: 'rebalance harvest',
    description: 'tax-loss harvesting: lots with an unrealised loss above tax.tlh_min_loss, the sale, a substitute or the safe rebuy date, without trading',
    options: [{ flags: '--json', description: 'print JSON (decimal strings)' }],
    async run(_args, options, context) {
      return withRuntime(context, host, async (runtime) => {
        const result = await harvestFor(runtime);
        if (options.json) return { exitCode: 0, stdout: JSON.stringify(harvestJson(result), null, 2) };
        const head = [`🌾 Tax-loss harvesting (${runtime.config.tax.jurisdiction})`, sourceNote(runtime), `As of ${formatInstant(runtime.clock.now())}${runtime.config.tax.enable_tlh ? '' : '; tax.enable_tlh is off, so previews do not show this'}`, ''];
        return { exitCode: 0, stdout: [...head, renderHarvest(result, runtime.config.currency), '', 'Nothing has been traded.'].join('\n') };
      });
    },
  };
}
