// What one check saw, as conditions: assets outside their band, risk limits the current weights
// break (max_single_asset, sectors, min_cash_reserve), correlation above max_correlation, drawdown
// protection active, and which venues answered. Drift and limits are judged only on complete
// figures: a missing venue makes every weight wrong, and would "clear" a breach it hides.
import type { Config } from '../../config.js';
import { CASH_BUCKET } from '../../drift-detector.js';
import { formatPercent, formatSignedPercent } from '../../format.js';
import { exposureLimits } from '../../planner.js';
import { limitBreaches } from '../../risk/exposure.js';
import { planSettings } from '../../settings.js';
import type { TaxedPreview } from '../taxed-preview.js';
import type { Condition, ConditionKind, Observation } from './types.js';

export function observe(preview: TaxedPreview, config: Config, now: Date): Observation {
  const { status, plan } = preview;
  const venues = status.snapshot.venues.map((venue) => ({ id: venue.id, ok: venue.ok }));
  const drift = status.drift;
  const complete = status.complete && drift !== undefined;
  if (!complete || !drift) return { at: now, complete: false, judged: [], conditions: [], venues };

  const half = drift.threshold.div(2).toFixed();
  const conditions: Condition[] = drift.rows
    .filter((row) => drift.breaches.includes(row.asset) && row.drift && row.target)
    .map((row) => ({
      key: `drift:${row.asset}`,
      kind: 'drift',
      message: `${row.asset} is ${formatSignedPercent(row.drift!)} from its ${formatPercent(row.target!)} target (now ${formatPercent(row.weight)}).`,
      severity: row.drift!.abs().toFixed(),
      worseBy: half,
    }));

  const cashKey = drift.rows.find((row) => row.cash)?.asset ?? CASH_BUCKET;
  const weights = new Map(drift.rows.map((row) => [row.asset, row.weight]));
  for (const breach of limitBreaches(weights, exposureLimits(planSettings(config), cashKey))) {
    const weight = breach.asset ? weights.get(breach.asset) : undefined;
    conditions.push({ key: `exposure:${breach.asset ?? breach.message.split(' ').slice(0, 2).join(' ')}`, kind: 'exposure', message: `${breach.message}.`, severity: weight?.toFixed(), worseBy: half });
  }

  if (status.drawdown?.active) {
    const message = status.diagnostics.find((d) => d.code === 'risk.drawdown_active')?.message ?? `The portfolio is ${formatPercent(status.drawdown.value)} below its high-water mark.`;
    const step = config.risk.drawdown_reduce_at?.div(2).toFixed();
    conditions.push({ key: 'drawdown', kind: 'drawdown', message, severity: status.drawdown.value.toFixed(), worseBy: step });
  }

  const judged: ConditionKind[] = ['drift', 'exposure', 'drawdown'];
  if (plan) {
    judged.push('correlation');
    const high = plan.diagnostics.filter((d) => d.code === 'risk.correlation_high');
    if (high.length > 0) conditions.push({ key: 'correlation', kind: 'correlation', message: high.map((d) => d.message).join(' ') });
  }
  return { at: now, complete: true, judged, conditions, venues };
}
