// The stable JSON shape of `kit rebalance preview --json` and the rebalance_preview tool. Amounts
// are decimal strings; weights, targets, drift and turnover are fractions rounded half-even to 8
// places; trade quantities are exact (already on each market's step).
import { z } from 'zod';
import type { DriftReport } from '../drift-detector.js';
import type { RebalancePlan } from '../planner.js';
import type { SellTax } from '../tax-optimizer.js';
import type { PlanTaxes } from '../rebalancer.js';
import { planTaxTotal } from './plan-tax-total.js';
import { decimalString as dec, diagnosticJson, diagnosticJsonSchema as diagnostic, fraction as frac, fractionString as fraction, weightRowJson, weightRowJsonSchema as weightRow } from './json-parts.js';

export const planJsonSchema = z.object({
  as_of: z.string(),
  config_source: z.string(),
  demo: z.boolean(),
  currency: z.string(),
  strategy: z.string(),
  base_strategy: z.string().describe('the strategy that made the trades (tactical runs a base strategy on tilted targets)'),
  executable: z.boolean().describe('false when a venue did not answer or a price is missing or stale'),
  total_value: dec,
  targets: z.array(z.object({ asset: z.string(), base: fraction.nullable(), target: fraction })),
  before: z.array(weightRow),
  trades: z.array(
    z.object({
      id: z.string(),
      venue: z.string(),
      market: z.string(),
      side: z.enum(['buy', 'sell']),
      asset: z.string(),
      quote: z.string(),
      quantity: dec,
      price: dec.describe('expected price in the quote asset'),
      limit_price: dec.nullable(),
      notional: dec.describe('quantity x price, in the quote asset'),
      value: dec.describe('in the reporting currency'),
      price_impact: fraction.nullable().describe('DEX trades: how much worse the price at this size is than for one unit (0.0042 = 0.42%); null elsewhere'),
      fee_rate: fraction.nullable().describe("DEX trades: the pool's fee rate, already in the price (0.003 = 0.3%); null elsewhere"),
      quote_source: z.string().nullable().describe('DEX trades: where the sized quote came from; null elsewhere'),
      fee: dec.describe('estimated, in the quote asset'),
      fee_value: dec,
      reason: z.string(),
      waits_for: z.string().nullable().describe('a transfer that must arrive first'),
      tax: z
        .object({
          lots: z.array(z.object({ lot_id: z.string(), acquired_at: z.string(), quantity: dec, cost: dec, term: z.enum(['short', 'long', 'exempt']) })),
          gain: dec.nullable().describe('null when no recorded lot backs the sale: unknown, not zero'),
          estimated_tax: dec.nullable(),
          uncovered: z.boolean(),
          unknown: z.boolean().optional().describe('no recorded lot backs the sale: gain and tax unknown'),
        })
        .nullable()
        .optional()
        .describe('sells: the lots it would use, the gain and the estimated tax'),
    }),
  ),
  transfers: z.array(z.object({ id: z.string(), from: z.string(), to: z.string(), asset: z.string(), amount: dec, value: dec, reason: z.string(), arrives_as: z.object({ asset: z.string(), amount: dec }).nullable().describe('what arrives when the transfer converts between cash assets (USDC sent, USD deposited)'), manual: z.literal(true) })),
  after: z.array(weightRow),
  fees: z.object({ total: dec, by_venue: z.record(z.string(), dec) }),
  estimated_tax: dec.nullable().optional().describe('on the sales with recorded lots, at tax.rates; null when none has any'),
  estimated_tax_bound: z.enum(['exact', 'at_least', 'unknown']).nullable().optional().describe("'at_least': some sales have no recorded lots and their tax is unknown"),
  turnover: fraction.describe('half the sum of absolute weight changes, cash included'),
  drawdown: z.object({ value: fraction, active: z.boolean(), high_water: dec, high_water_at: z.string() }),
  next_run: z.object({ at: z.string(), schedule: z.string() }).nullable(),
  diagnostics: z.array(diagnostic),
  harvest: z
    .object({ total_loss: dec, candidates: z.array(z.record(z.string(), z.unknown())), blocked: z.array(diagnostic) })
    .nullable()
    .optional()
    .describe('tax-loss harvesting candidates (with tax.enable_tlh), as kit rebalance harvest --json'),
});

export type PlanJson = z.infer<typeof planJsonSchema>;

function sellTaxJson(tax: SellTax | undefined) {
  if (!tax) return null;
  return {
    lots: tax.lots.map((use) => ({ lot_id: use.lotId, acquired_at: use.acquiredAt.toISOString(), quantity: use.quantity.toFixed(), cost: use.cost.toFixed(), term: use.term })),
    gain: tax.unknown ? null : tax.gain.toFixed(),
    estimated_tax: tax.unknown ? null : tax.tax.toFixed(2),
    uncovered: tax.uncovered,
    unknown: tax.unknown === true,
  };
}

function taxTotalJson(taxes: PlanTaxes | undefined) {
  if (!taxes) return { estimated_tax: null, estimated_tax_bound: null };
  const total = planTaxTotal(taxes);
  return { estimated_tax: total.bound === 'unknown' && taxes.bySell.size > 0 ? null : total.known.toFixed(2), estimated_tax_bound: taxes.bySell.size > 0 ? total.bound : 'exact' };
}

function rows(report: DriftReport) {
  return report.rows.map(weightRowJson);
}

export function planJson(plan: RebalancePlan, meta: { source: string; demo: boolean; currency: string; taxes?: PlanTaxes }): PlanJson {
  return {
    as_of: plan.createdAt.toISOString(),
    config_source: meta.source,
    demo: meta.demo,
    currency: meta.currency,
    strategy: plan.strategy,
    base_strategy: plan.baseStrategy,
    executable: plan.executable,
    total_value: plan.before.totalValue.toFixed(),
    targets: [...plan.targets].map(([asset, target]) => ({ asset, base: plan.baseTargets.has(asset) ? frac(plan.baseTargets.get(asset)!) : null, target: frac(target) })),
    before: rows(plan.before),
    trades: plan.trades.map((trade) => ({
      id: trade.id,
      venue: trade.venue,
      market: trade.market,
      side: trade.side,
      asset: trade.asset,
      quote: trade.quote,
      quantity: trade.quantity.toFixed(),
      price: trade.price.toFixed(),
      limit_price: trade.limitPrice?.toFixed() ?? null,
      notional: trade.notional.toFixed(),
      value: trade.value.toFixed(),
      price_impact: trade.swap ? frac(trade.swap.priceImpact) : null,
      fee_rate: trade.swap ? frac(trade.swap.feeRate) : null,
      quote_source: trade.swap?.source ?? null,
      fee: trade.fee.toFixed(),
      fee_value: trade.feeValue.toFixed(),
      reason: trade.reason,
      waits_for: trade.waitsFor ?? null,
      tax: sellTaxJson(meta.taxes?.bySell.get(trade.id)),
    })),
    transfers: plan.transfers.map((t) => ({ id: t.id, from: t.from, to: t.to, asset: t.asset, amount: t.amount.toFixed(), value: t.value.toFixed(), reason: t.reason, arrives_as: t.arrivesAs ? { asset: t.arrivesAs.asset, amount: t.arrivesAs.amount.toFixed() } : null, manual: true as const })),
    after: rows(plan.after),
    ...taxTotalJson(meta.taxes),
    fees: { total: plan.fees.total.toFixed(), by_venue: Object.fromEntries([...plan.fees.byVenue].map(([venue, fee]) => [venue, fee.toFixed()])) },
    turnover: frac(plan.turnover),
    drawdown: { value: frac(plan.drawdown.value), active: plan.drawdown.active, high_water: plan.highWater.value.toFixed(), high_water_at: plan.highWater.at.toISOString() },
    next_run: plan.nextRun ? { at: plan.nextRun.at.toISOString(), schedule: plan.nextRun.schedule } : null,
    diagnostics: plan.diagnostics.map(diagnosticJson),
  };
}
