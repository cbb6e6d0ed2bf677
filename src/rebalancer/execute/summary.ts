// A drift report as the run's before/after summary: total value, the largest drift, each row.
import type { DriftReport } from '../../drift-detector.js';
import { roundHalfEven } from '../../money.js';
import type { DriftSummary } from './types.js';

const fraction = (value: { toFixed(): string } & Parameters<typeof roundHalfEven>[0]) => roundHalfEven(value, 8).toFixed();

export function driftSummary(report: DriftReport): DriftSummary {
  let largest: DriftReport['rows'][number] | undefined;
  for (const row of report.rows) if (row.drift && (!largest?.drift || row.drift.abs().gt(largest.drift.abs()))) largest = row;
  return {
    total_value: report.totalValue.toFixed(),
    largest_drift: largest?.drift ? { asset: largest.asset, drift: fraction(largest.drift) } : null,
    assets: report.rows.map((row) => ({
      asset: row.asset,
      value: row.value.toFixed(),
      weight: fraction(row.weight),
      target: row.target ? fraction(row.target) : null,
      drift: row.drift ? fraction(row.drift) : null,
      status: row.status,
    })),
  };
}
