// The run's one look at the venues: balances of everything and prices of what is held or targeted.
import type { PortfolioSnapshot } from '../snapshot.js';
import { takeSnapshot } from '../take-snapshot.js';
import type { RebalancerDeps } from './session.js';
import type { EffectiveTargets } from './targets.js';

export function snapshotFor(deps: RebalancerDeps, targets: EffectiveTargets): Promise<PortfolioSnapshot> {
  const { config, clock } = deps;
  return takeSnapshot(deps.venues, {
    clock,
    wanted: [...targets.targets.keys()].filter((asset) => asset !== 'CASH'),
    alsoPrice: config.cash_assets,
    configPrices: config.prices,
    configPricesAt: config.prices_at,
    currency: config.currency,
    timeoutMs: config.monitoring.venue_timeout,
    maxPriceAgeMs: config.monitoring.max_price_age,
  });
}
