// Daily closes for momentum, correlation and the FR portfolio value: from the first venue that
// keeps history for the asset, else the config's price_history. Cash has no history.
import { isCash } from '../config.js';
import type { PricePoint } from '../ports.js';
import { planSettings } from '../settings.js';
import type { RebalancerDeps } from './session.js';

const DAY_MS = 86_400_000;

/** The first day momentum and correlation look at: their longer lookback, plus two days of slack. */
export function lookbackStart(config: RebalancerDeps['config'], now: Date): Date {
  const { risk, tactical } = planSettings(config);
  const days = Math.max(risk.correlationLookbackDays, tactical.momentum.lookbackDays) + 2;
  return new Date(now.getTime() - days * DAY_MS);
}

/** Daily closes of one asset from `from` (default: the lookback window) to `now`. */
export async function loadHistory(deps: Pick<RebalancerDeps, 'config' | 'venues'>, asset: string, now: Date, from: Date = lookbackStart(deps.config, now)): Promise<PricePoint[] | undefined> {
  if (isCash(asset, deps.config.cash_assets)) return undefined;
  for (const venue of deps.venues.filter((v) => v.capabilities.priceHistory && v.fetchPriceHistory)) {
    try {
      const points = await venue.fetchPriceHistory!(asset, from, now);
      if (points.length > 0) return points;
    } catch {
      // Another venue, or the config's history, may have it; correlation reports what is missing.
    }
  }
  const configured = deps.config.price_history[asset];
  if (!configured) return undefined;
  return Object.entries(configured)
    .map(([day, price]) => ({ at: new Date(`${day}T00:00:00Z`), price }))
    .filter((p) => p.at >= from && p.at <= now)
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** Daily closes for each asset that has some: from venues that keep history, else the config's. */
export async function loadHistories(deps: Pick<RebalancerDeps, 'config' | 'venues'>, assets: readonly string[], now: Date): Promise<Map<string, PricePoint[]>> {
  const histories = new Map<string, PricePoint[]>();
  for (const asset of assets) {
    const points = await loadHistory(deps, asset, now);
    if (points) histories.set(asset, points);
  }
  return histories;
}
