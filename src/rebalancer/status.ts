// `portfolio status`: the snapshot against the targets. Drift needs every held asset priced; the
// drawdown high-water mark moves only on complete data, and is saved here, the run's one write.
import { detectDrift, type DriftReport } from '../drift-detector.js';
import { hasErrors, type Diagnostic } from '../diagnostics.js';
import type { Decimal } from '../money.js';
import type { ValueMark } from '../ports.js';
import { assessDrawdown } from '../risk/drawdown.js';
import type { PortfolioSnapshot } from '../snapshot.js';
import type { RebalancerDeps } from './session.js';
import type { EffectiveTargets } from './targets.js';

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
  /** Against the high-water mark kept in the ledger; undefined when the data is incomplete. */
  drawdown?: { value: Decimal; active: boolean; highWater: ValueMark } | undefined;
}

export function computeStatus(deps: RebalancerDeps, { targets, source }: EffectiveTargets, snapshot: PortfolioSnapshot): StatusReport {
  const { config } = deps;
  const diagnostics = [...snapshot.diagnostics];
  if (targets.size === 0) {
    diagnostics.push({ severity: 'info', code: 'targets.none', message: 'No targets are set, so every holding is untargeted. Add targets: to the config.' });
  }
  const unpriced = diagnostics.some((d) => d.severity === 'error' && d.code.startsWith('price.'));
  let drift: DriftReport | undefined;
  let drawdown: StatusReport['drawdown'];
  if (!unpriced) {
    drift = detectDrift({
      holdings: snapshot.holdings,
      prices: new Map([...snapshot.prices].map(([asset, quote]) => [asset, quote.price])),
      targets,
      cashAssets: config.cash_assets,
      threshold: config.drift_threshold,
    });
    if (!hasErrors(diagnostics) && drift.totalValue.gt(0)) drawdown = trackDrawdown(deps, drift.totalValue, snapshot.takenAt, diagnostics);
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
    drawdown,
  };
}

/** Drawdown protection against the ledger's high-water mark, which is raised (saved) when passed. */
function trackDrawdown(deps: RebalancerDeps, value: Decimal, now: Date, diagnostics: Diagnostic[]): StatusReport['drawdown'] {
  const { risk } = deps.config;
  const previous = deps.ledger.highWater();
  const assessed = assessDrawdown({ value, now, ...(previous ? { previous } : {}), ...(risk.drawdown_reduce_at ? { reduceAt: risk.drawdown_reduce_at } : {}), shift: risk.drawdown_shift, currency: deps.config.currency });
  diagnostics.push(...assessed.diagnostics);
  if (!previous || !previous.value.eq(assessed.highWater.value)) deps.ledger.saveHighWater(assessed.highWater);
  return { value: assessed.drawdown, active: assessed.active, highWater: assessed.highWater };
}
