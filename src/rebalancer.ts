// The use-cases: each takes its dependencies (config, venues, ledger, clock) and returns data for
// the CLI, the K.I.T. tools and the heartbeat to render. I/O happens through the ports only.
import type { Config } from './config.js';
import { detectDrift, type DriftReport } from './drift-detector.js';
import { hasErrors, type Diagnostic } from './diagnostics.js';
import type { Decimal } from './money.js';
import type { Clock, Ledger, Venue } from './ports.js';
import type { PortfolioSnapshot } from './snapshot.js';
import { takeSnapshot } from './take-snapshot.js';

export interface RebalancerDeps {
  config: Config;
  venues: readonly Venue[];
  ledger: Ledger;
  clock: Clock;
}

export interface EffectiveTargets {
  targets: Map<string, Decimal>;
  /** "ledger" once `set-target` has saved a target set over the config's. */
  source: 'config' | 'ledger';
}

export function effectiveTargets(config: Config, ledger: Ledger): EffectiveTargets {
  const saved = ledger.targetOverrides();
  if (saved && saved.size > 0) return { targets: saved, source: 'ledger' };
  return { targets: new Map(Object.entries(config.targets)), source: 'config' };
}

export interface StatusReport {
  asOf: Date;
  snapshot: PortfolioSnapshot;
  /** Undefined when the data cannot support one (a held asset without a usable price). */
  drift?: DriftReport;
  targetsSource: EffectiveTargets['source'];
  diagnostics: Diagnostic[];
  /** False when a venue did not answer or a price is missing: look, but do not trade. */
  complete: boolean;
  /** True when no price is older than monitoring.max_price_age. */
  fresh: boolean;
}

export async function portfolioStatus(deps: RebalancerDeps): Promise<StatusReport> {
  const { config, clock } = deps;
  const { targets, source } = effectiveTargets(config, deps.ledger);
  const snapshot = await takeSnapshot(deps.venues, {
    clock,
    wanted: [...targets.keys()].filter((asset) => asset !== 'CASH'),
    configPrices: config.prices,
    configPricesAt: config.prices_at,
    currency: config.currency,
    timeoutMs: config.monitoring.venue_timeout,
    maxPriceAgeMs: config.monitoring.max_price_age,
  });
  const diagnostics = [...snapshot.diagnostics];
  if (targets.size === 0) {
    diagnostics.push({ severity: 'info', code: 'targets.none', message: 'No targets are set, so every holding is untargeted. Add targets: to the config.' });
  }

  const unpriced = new Set(diagnostics.filter((d) => d.severity === 'error' && d.code.startsWith('price.')).map((d) => d.asset));
  let drift: DriftReport | undefined;
  if (unpriced.size === 0) {
    drift = detectDrift({
      holdings: snapshot.holdings,
      prices: new Map([...snapshot.prices].map(([asset, quote]) => [asset, quote.price])),
      targets,
      cashAssets: config.cash_assets,
      threshold: config.drift_threshold,
    });
    if (drift.totalValue.isZero() && snapshot.venues.every((venue) => venue.ok)) {
      diagnostics.push({
        severity: 'warning',
        code: 'portfolio.empty',
        message: Object.keys(config.venues).length === 0 ? 'No venues are configured; add a venues: section to the config.' : 'The configured venues hold nothing (total value 0).',
      });
    }
  }
  return {
    asOf: snapshot.takenAt,
    snapshot,
    drift,
    targetsSource: source,
    diagnostics,
    complete: !hasErrors(diagnostics),
    fresh: !diagnostics.some((d) => d.code === 'price.stale'),
  };
}
