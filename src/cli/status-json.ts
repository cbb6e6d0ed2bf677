// The stable JSON shape of `kit portfolio status --json` and the portfolio_status tool. Amounts
// are decimal strings; weights, targets and drift are fractions rounded half-even to 8 places.
import { z } from 'zod';
import type { Decimal } from '../money.js';
import type { StatusReport } from '../rebalancer.js';
import { decimalString, diagnosticJson, diagnosticJsonSchema, fraction as frac, fractionString as fraction, weightRowJson, weightRowJsonSchema } from './json-parts.js';

export const statusJsonSchema = z.object({
  as_of: z.string().describe('ISO 8601 time of the snapshot'),
  config_source: z.string(),
  demo: z.boolean().describe('true when the embedded demo portfolio is shown'),
  currency: z.string().describe('reporting currency of every value'),
  complete: z.boolean().describe('false when a venue did not answer or a held asset has no price: do not trade on it'),
  fresh: z.boolean().describe('false when a price is older than monitoring.max_price_age'),
  total_value: decimalString.nullable(),
  drift_threshold: fraction,
  targets_source: z.enum(['config', 'ledger']).describe('where the targets in force come from: the config, or the set saved with set-target'),
  targets_pinned: z.array(z.string()).describe('targets set explicitly with set-target since the last reset: kept when other targets change'),
  config_target_differences: z
    .array(z.object({ asset: z.string(), config: fraction.nullable(), saved: fraction.nullable() }))
    .describe("where the config's targets differ from the saved ones in force (reset-targets returns to the config's)"),
  assets: z.array(
    weightRowJsonSchema.extend({
      holdings: z.array(z.object({ venue: z.string(), asset: z.string(), quantity: decimalString, price: decimalString, value: decimalString })),
    }),
  ),
  breaches: z.array(z.string()).describe('assets whose drift exceeds the threshold'),
  venues: z.array(
    z.object({ id: z.string(), label: z.string(), kind: z.string(), tradable: z.boolean(), ok: z.boolean(), error: z.string().nullable(), value: decimalString.nullable() }),
  ),
  prices: z.array(z.object({ asset: z.string(), price: decimalString, source: z.string(), at: z.string() })),
  drawdown: z
    .object({ value: fraction.describe('how far below the high-water mark'), active: z.boolean().describe('drawdown protection is shifting risk targets toward cash'), high_water: decimalString, high_water_at: z.string() })
    .nullable(),
  high_water_mark: z
    .object({ value: decimalString, at: z.string(), reduce_at: fraction.describe('risk.drawdown_reduce_at') })
    .nullable()
    .describe('the drawdown high-water mark in force, when drawdown protection is configured; null before the first one'),
  diagnostics: z.array(diagnosticJsonSchema),
});

export type StatusJson = z.infer<typeof statusJsonSchema>;

export function statusJson(report: StatusReport, meta: { source: string; demo: boolean; currency: string; threshold: Decimal }): StatusJson {
  const { drift, snapshot } = report;
  const venueValue = (id: string) => {
    if (!drift) return null;
    let total: Decimal | undefined;
    for (const row of drift.rows) for (const part of row.parts) if (part.venue === id) total = total ? total.plus(part.value) : part.value;
    return total ? total.toFixed() : '0';
  };
  return {
    as_of: report.asOf.toISOString(),
    config_source: meta.source,
    demo: meta.demo,
    currency: meta.currency,
    complete: report.complete,
    fresh: report.fresh,
    total_value: drift ? drift.totalValue.toFixed() : null,
    drift_threshold: frac(meta.threshold),
    targets_source: report.targetsSource,
    targets_pinned: [...report.pinnedTargets],
    config_target_differences: report.configTargetDifferences.map((d) => ({ asset: d.asset, config: d.config ? frac(d.config) : null, saved: d.saved ? frac(d.saved) : null })),
    assets: (drift?.rows ?? []).map((row) => ({
      ...weightRowJson(row),
      holdings: row.parts.map((part) => ({ venue: part.venue, asset: part.asset, quantity: part.quantity.toFixed(), price: part.price.toFixed(), value: part.value.toFixed() })),
    })),
    breaches: drift?.breaches ?? [],
    venues: snapshot.venues.map((venue) => ({
      id: venue.id,
      label: venue.label,
      kind: venue.kind,
      tradable: venue.capabilities.trade,
      ok: venue.ok,
      error: venue.error ?? null,
      value: venue.ok ? venueValue(venue.id) : null,
    })),
    prices: [...snapshot.prices.values()]
      .sort((a, b) => a.asset.localeCompare(b.asset))
      .map((quote) => ({ asset: quote.asset, price: quote.price.toFixed(), source: quote.source, at: quote.at.toISOString() })),
    drawdown: report.drawdown
      ? { value: frac(report.drawdown.value), active: report.drawdown.active, high_water: report.drawdown.highWater.value.toFixed(), high_water_at: report.drawdown.highWater.at.toISOString() }
      : null,
    high_water_mark: report.drawdownProtection?.highWater
      ? { value: report.drawdownProtection.highWater.value.toFixed(), at: report.drawdownProtection.highWater.at.toISOString(), reduce_at: frac(report.drawdownProtection.reduceAt) }
      : null,
    diagnostics: report.diagnostics.map(diagnosticJson),
  };
}
