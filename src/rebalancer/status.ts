// `portfolio status`: the snapshot against the targets. Drift needs every held asset priced; the
// drawdown high-water mark moves only on complete, fresh data (drawdown-mark.ts), and is saved
// here, the run's one write.
import { detectDrift, type DriftReport } from '../drift-detector.js';
import { strategyBands } from '../planner.js';
import { planSettings } from '../settings.js';
import { hasErrors, type Diagnostic } from '../diagnostics.js';
import type { Decimal } from '../money.js';
import type { ValueMark } from '../ports.js';
import type { PortfolioSnapshot } from '../snapshot.js';
import { trackDrawdown, type DrawdownStatus } from './drawdown-mark.js';
import type { RebalancerDeps } from './session.js';
import { targetsDiagnostics, type EffectiveTargets } from './targets.js';

export interface StatusReport {
  asOf: Date;
  snapshot: PortfolioSnapshot;
  /** Undefined when the data cannot support one (a held asset without a usable price). */
  drift?: DriftReport;
  targetsSource: EffectiveTargets['source'];
  /** Targets pinned with set-target since the last reset. */
  pinnedTargets: ReadonlySet<string>;
  /** Where the config's targets differ from the saved ones in force. */
  configTargetDifferences: EffectiveTargets['configDiffers'];
  diagnostics: Diagnostic[];
  /** False when a venue did not answer or a price is missing: look, but do not trade. */
  complete: boolean;
  /** True when no price is older than monitoring.max_price_age. */
  fresh: boolean;
  /** True when assets are judged by bands of their own (the `band` strategy), not ±drift_threshold. */
  bandsInForce: boolean;
  /** Against the high-water mark kept in the ledger; undefined when the data is incomplete. */
  drawdown?: DrawdownStatus | undefined;
  /** When risk.drawdown_reduce_at is set: the threshold, and the mark in force after this run. */
  drawdownProtection?: { reduceAt: Decimal; highWater?: ValueMark | undefined } | undefined;
}

export function computeStatus(deps: RebalancerDeps, effective: EffectiveTargets, snapshot: PortfolioSnapshot): StatusReport {
  const { config } = deps;
  const { targets, source } = effective;
  const diagnostics = [...snapshot.diagnostics, ...targetsDiagnostics(effective)];
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
      // The strategy's own bands (a 50-70% band under `band`), so status flags what preview trades.
      bands: strategyBands(planSettings(config), config.strategy, targets),
    });
    if (!hasErrors(diagnostics) && drift.totalValue.gt(0)) drawdown = trackDrawdown(deps, { value: drift.totalValue, fresh: isFresh(diagnostics), snapshot }, diagnostics);
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
    pinnedTargets: effective.pinned,
    configTargetDifferences: effective.configDiffers,
    diagnostics,
    complete: !hasErrors(diagnostics),
    fresh: isFresh(diagnostics),
    bandsInForce: (config.strategy === 'tactical' ? config.tactical.base : config.strategy) === 'band',
    drawdown,
    drawdownProtection: config.risk.drawdown_reduce_at ? { reduceAt: config.risk.drawdown_reduce_at, highWater: drawdown?.highWater ?? deps.ledger.highWater() } : undefined,
  };
}

const isFresh = (diagnostics: readonly Diagnostic[]) => !diagnostics.some((d) => d.code === 'price.stale');
