// Whether what is held moves together, from daily closes: findings only, it changes no target.
import type { Diagnostic } from '../diagnostics.js';
import type { DriftReport } from '../drift-detector.js';
import type { PricePoint } from '../ports.js';
import { correlationReport } from '../risk/correlation.js';
import type { RiskSettings } from '../settings.js';

export function correlationFindings(before: DriftReport, histories: ReadonlyMap<string, readonly PricePoint[]>, now: Date, risk: RiskSettings): Diagnostic[] {
  const heldWeights = new Map(before.rows.filter((row) => !row.cash && row.weight.gt(0)).map((row) => [row.asset, row.weight]));
  if (heldWeights.size <= 1) return [];
  if (![...heldWeights.keys()].some((asset) => (histories.get(asset)?.length ?? 0) > 1)) {
    return [{ severity: 'info', code: 'risk.correlation_no_history', message: 'Correlation is not monitored: no venue or price_history: gives daily closes for the assets held.' }];
  }
  return correlationReport({ histories, weights: heldWeights, now, lookbackDays: risk.correlationLookbackDays, maxCorrelation: risk.maxCorrelation.toNumber() }).diagnostics;
}
