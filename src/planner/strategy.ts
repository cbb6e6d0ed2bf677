// From drift to intents: what can be sold and bought now (listed on a tradable venue, not blocked
// by a wash-sale window or a wait for long-term status), the bands, and the strategy that decides.
import { isCash, type Strategy } from '../config.js';
import type { Diagnostic } from '../diagnostics.js';
import type { DriftReport } from '../drift-detector.js';
import { isListedOn, type MarketIndex } from '../execution-planner.js';
import { ZERO, type Decimal } from '../money.js';
import type { PlanSettings } from '../settings.js';
import type { Holding } from '../snapshot.js';
import { resolveBands } from '../strategies/bands.js';
import { planCalendar } from '../strategies/calendar.js';
import { planCashFlow } from '../strategies/cash-flow.js';
import type { Band, StrategyInput, StrategyResult } from '../strategies/intent.js';
import { planToBands } from '../strategies/threshold.js';
import type { PlanInput } from './types.js';

export type BaseStrategy = Exclude<Strategy, 'tactical'>;

export const STRATEGIES: Record<BaseStrategy, (input: StrategyInput) => StrategyResult> = {
  threshold: planToBands,
  band: planToBands,
  calendar: planCalendar,
  'cash-flow': planCashFlow,
};

export interface Tradable {
  /** Value per asset held on venues that list it. */
  sellable: Map<string, Decimal>;
  /** Assets some tradable venue lists. */
  buyable: Set<string>;
  /** Per asset held where it cannot be sold, where that is and why, to finish "the rest ...". */
  unsellable: Map<string, string>;
  /** One warning per blocked asset that could otherwise trade. */
  diagnostics: Diagnostic[];
}

export function tradableAssets(markets: MarketIndex, holdings: readonly Holding[], prices: ReadonlyMap<string, Decimal>, blocked: PlanInput['blocked']): Tradable {
  const sellable = new Map<string, Decimal>();
  const buyable = new Set(markets.listings.keys());
  const diagnostics: Diagnostic[] = [];
  const unlisted = new Map<string, { wallets: boolean; venues: string[] }>();
  for (const holding of holdings) {
    if (!isListedOn(markets, holding.venue, holding.asset)) {
      const venue = markets.venueById.get(holding.venue);
      const where = unlisted.get(holding.asset) ?? { wallets: false, venues: [] };
      if (venue?.tradable) where.venues.push(venue.label);
      else where.wallets = true;
      unlisted.set(holding.asset, where);
      continue;
    }
    sellable.set(holding.asset, (sellable.get(holding.asset) ?? ZERO).plus(holding.quantity.times(prices.get(holding.asset) ?? ZERO)));
  }
  for (const [asset, block] of blocked?.buys ?? []) {
    if (buyable.delete(asset)) diagnostics.push({ severity: 'warning', asset, ...block });
  }
  const unsellable = new Map([...unlisted].map(([asset, where]) => [asset, restClause(asset, where)]));
  for (const [asset, block] of blocked?.sells ?? []) {
    if (!sellable.delete(asset)) continue;
    diagnostics.push({ severity: 'warning', asset, ...block });
    unsellable.set(asset, 'may not be sold now (the warning above says why)');
  }
  return { sellable, buyable, unsellable, diagnostics };
}

/** "(wallets, cold storage) is never traded", or which trading venues hold it without a market for it. */
function restClause(asset: string, where: { wallets: boolean; venues: string[] }): string {
  const venues = [...new Set(where.venues)];
  if (venues.length === 0) return '(wallets, cold storage) is never traded';
  const unlisted = `${venues.join(', ')}, which list${venues.length === 1 ? 's' : ''} no ${asset} market (add one under the venue's markets:)`;
  return where.wallets ? `sits in wallets or cold storage, which never trade, and on ${unlisted}` : `sits on ${unlisted}`;
}

/**
 * The band each target may move in under `strategy` (a tactical plan uses its base's): bands: for
 * the band strategy, ±drift_threshold otherwise, never above max_single_asset for a risk asset.
 * Status passes the same bands to detectDrift, so both flag the same assets.
 */
export function strategyBands(settings: PlanSettings, strategy: Strategy, targets: ReadonlyMap<string, Decimal>): Map<string, Band> {
  const base = strategy === 'tactical' ? settings.tactical.base : strategy;
  return resolveBands(targets, base === 'band' ? settings.bands : {}, { threshold: settings.driftThreshold, maxSingleAsset: settings.risk.maxSingleAsset, isCash: (asset) => isCash(asset, settings.cashAssets) });
}

export interface StrategyContext {
  settings: PlanSettings;
  strategy: BaseStrategy;
  targets: ReadonlyMap<string, Decimal>;
  before: DriftReport;
  /** The cash bucket's key in the targets, for when no row is cash. */
  cashKey: string;
  isCash: (asset: string) => boolean;
  tradable: Tradable;
  markets: MarketIndex;
  /** strategyBands(settings, strategy, targets), when the caller has them already. */
  bands?: ReadonlyMap<string, Band> | undefined;
}

export function strategyInput(context: StrategyContext): StrategyInput {
  const { settings, before } = context;
  const threshold = settings.driftThreshold;
  return {
    rows: before.rows,
    totalValue: before.totalValue,
    cashKey: before.rows.find((row) => row.cash)?.asset ?? context.cashKey,
    bands: context.bands ?? resolveBands(context.targets, context.strategy === 'band' ? settings.bands : {}, { threshold, maxSingleAsset: settings.risk.maxSingleAsset, isCash: context.isCash }),
    rebalanceTo: settings.rebalanceTo,
    reserve: settings.risk.minCashReserve,
    minTradeValue: settings.minTradeValue,
    sellable: context.tradable.sellable,
    unsellable: context.tradable.unsellable,
    buyable: context.tradable.buyable,
    costRate: context.markets.costRate,
    currency: settings.currency,
  };
}
