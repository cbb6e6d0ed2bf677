// The config, one zod schema a section. Each section parses on its own (see config.ts), so one
// run reports every problem in the file, not just the first section that failed. Every field has a
// default, and a partial section keeps the defaults of the fields it leaves out.
import { z } from 'zod';
import { Decimal } from '../money.js';
import { describeInput } from './problems.js';
import { asset, boolean, duration, instant, integer, money, oneOf, percent, ratio, timezone } from './fields.js';
import { notificationsSchema } from '../notify/config.js';
import { monitoringSchema } from './monitoring.js';

export { monitoringSchema, type QuietHours } from './monitoring.js';
export * from './names.js';
export { faultsSchema, latencySchema, lotSchema, marketSchema, priceHistorySchema, venueSchema, venuesSchema } from './venue-schema.js';
import { JURISDICTIONS, LOT_METHODS, REBALANCE_TO, STRATEGIES, VENUE_KINDS, DEFAULT_CASH_ASSETS } from './names.js';
import { assetMap, lotSchema, marketSchema, priceHistorySchema, priceMap, venueSchema, venuesSchema } from './venue-schema.js';



export const targetsSchema = assetMap(percent()).default({});

export const executionSchema = z
  .strictObject({
    slippage_tolerance: percent().default(new Decimal('0.005')),
    use_limit_orders: boolean().default(true),
    split_large_orders: boolean().default(true),
    split_threshold: money().default(new Decimal(10_000)),
    prefer_dex: boolean().default(false),
    max_turnover_per_run: percent().default(new Decimal('0.25')), // kill switch: execute refuses a plan moving more of the portfolio
  })
  .prefault({});

export const taxSchema = z
  .strictObject({
    jurisdiction: oneOf('jurisdiction', JURISDICTIONS).default('US'),
    enable_tlh: boolean().default(false),
    tlh_min_loss: money().default(new Decimal(100)),
    lot_selection: oneOf('lot method', LOT_METHODS).default('fifo'),
    wash_sale_days: integer(0, 366).default(30),
    wash_sale_scope: oneOf('wash-sale scope', ['securities', 'all'] as const).default('securities'),
    long_term_preference: boolean().default(true),
    /** With long_term_preference: a sale waits when a lot turns long-term (or exempt) within this many days. */
    long_term_wait_days: integer(0, 365).default(30),
    /** Rates for the plan's estimated tax; defaults per jurisdiction (see tax-optimizer.ts). */
    rates: z.strictObject({ short: percent().optional(), long: percent().optional() }).prefault({}),
    /** Tax-loss harvesting: what to buy instead of a harvested asset (SPY: [VOO, IVV]). */
    substitutes: z.record(z.string(), z.array(asset())).default({}),
    /** Groups of substantially identical assets: the same asset for wash sales. */
    identical_groups: z.array(z.array(asset())).default([]),
    /** US: match a sale only with lots on its own venue (the per-wallet rule for crypto from 2025). */
    per_venue_lots: boolean().default(true),
    /** The EU profile (jurisdiction: EU): parts held longer are exempt; a yearly exemption in the reporting currency. */
    eu_exempt_after_years: integer(1, 50).optional(),
    eu_yearly_exemption: money().default(new Decimal(0)),
  })
  .prefault({});

export const riskSchema = z
  .strictObject({
    max_single_asset: percent().default(new Decimal(1)),
    max_correlation: ratio(-1, 1).default(new Decimal('0.8')),
    min_cash_reserve: percent().default(new Decimal(0)),
    drawdown_reduce_at: percent().optional(),
    drawdown_shift: percent().default(new Decimal('0.5')),
    correlation_lookback: duration().default(90 * 86_400_000),
  })
  .prefault({});

export const scheduleSchema = z
  .strictObject({
    type: oneOf('schedule type', ['daily', 'weekly', 'monthly'] as const).default('weekly'),
    day: z.union([z.string(), z.number()], { error: (issue) => `expected a weekday or a day of the month, not ${describeInput(issue.input)}` }).optional(),
    time: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: (issue) => `${describeInput(issue.input)} is not a time; expected HH:MM on a 24-hour clock, such as "09:00"` })
      .default('09:00'),
    timezone: timezone().default('UTC'),
  })
  .prefault({});

/**
 * A band around one target: "55-65%" (absolute range), "±3%" (points either side) or "25%"
 * (relative: a quarter of the target either side, the 5/25 rule's 25).
 */
export type BandSpec = { kind: 'range'; low: Decimal; high: Decimal } | { kind: 'points'; width: Decimal } | { kind: 'relative'; share: Decimal };

export const bandSchema = z.string({ error: 'expected a band such as "55-65%", "±3%" or "25%"' }).transform((input, ctx): BandSpec => {
  const text = input.trim();
  const range = /^(\d+(?:\.\d+)?)\s*%?\s*-\s*(\d+(?:\.\d+)?)\s*%$/.exec(text);
  if (range?.[1] && range[2]) {
    const low = new Decimal(range[1]).div(100);
    const high = new Decimal(range[2]).div(100);
    if (low.lte(high) && high.lte(1)) return { kind: 'range', low, high };
  }
  const points = /^(?:±|\+-|\+\/-)\s*(\d+(?:\.\d+)?)\s*%$/.exec(text);
  if (points?.[1]) return { kind: 'points', width: new Decimal(points[1]).div(100) };
  const relative = /^(\d+(?:\.\d+)?)\s*%(?:\s+of\s+(?:the\s+)?target)?$/.exec(text);
  if (relative?.[1]) return { kind: 'relative', share: new Decimal(relative[1]).div(100) };
  ctx.addIssue({ code: 'custom', message: `${describeInput(input)} is not a band; expected an absolute range such as "55-65%", points either side such as "±3%", or a share of the target such as "25%"` });
  return z.NEVER;
});

export const tacticalSchema = z
  .strictObject({
    base: oneOf('base strategy', ['threshold', 'calendar', 'cash-flow', 'band'] as const).default('threshold'),
    max_tilt: percent().default(new Decimal('0.05')),
    momentum: z
      .strictObject({
        weight: ratio(0, 1).default(new Decimal(1)),
        lookback: duration().default(30 * 86_400_000),
        full_tilt_return: percent(new Decimal('0.0001'), new Decimal(10)).default(new Decimal('0.2')),
      })
      .prefault({}),
    sentiment: z
      .strictObject({
        weight: ratio(0, 1).default(new Decimal(0)),
        scores: z.record(z.string(), ratio(-1, 1)).default({}),
      })
      .prefault({}),
  })
  .prefault({});

const sectorSchema = z.union([
  z.array(asset()).transform((assets) => ({ assets, max: undefined as Decimal | undefined })),
  z.strictObject({ assets: z.array(asset()), max: percent().optional() }),
], { error: (issue) => `expected a list of assets, or {assets: [...], max: 30%}, not ${describeInput(issue.input)}` });
export const sectorsSchema = z.record(z.string(), sectorSchema).default({});



/** The sections of `portfolio_rebalancer:`, each parsed on its own. */
export const sections = {
  enabled: boolean().default(true),
  targets: targetsSchema,
  strategy: oneOf('strategy', STRATEGIES).default('threshold'),
  drift_threshold: percent().default(new Decimal('0.05')),
  rebalance_to: oneOf('rebalance_to', REBALANCE_TO).default('target'),
  bands: z.record(z.string(), bandSchema).default({}),
  tactical: tacticalSchema,
  min_trade_value: money().default(new Decimal(100)),
  currency: asset().default('USD'),
  cash_assets: z.array(asset()).default(DEFAULT_CASH_ASSETS),
  sectors: sectorsSchema,
  execution: executionSchema,
  tax: taxSchema,
  risk: riskSchema,
  schedule: scheduleSchema,
  monitoring: monitoringSchema,
  prices: priceMap.default({}),
  prices_at: instant().optional(),
  price_history: priceHistorySchema,
  /** A CSV of daily closes (date,asset,price), relative to the config file; merged into price_history. */
  price_history_file: z.string().optional(),
  venues: venuesSchema,
  notifications: notificationsSchema,
} as const;

type Sections = typeof sections;
export type Config = { [K in keyof Sections]: z.output<Sections[K]> };
export type VenueConfig = z.output<typeof venueSchema>;
export type MarketConfig = z.output<typeof marketSchema>;
export type LotConfig = z.output<typeof lotSchema>;
export type VenueKind = (typeof VENUE_KINDS)[number];
export type Strategy = (typeof STRATEGIES)[number];
export type RebalanceTo = (typeof REBALANCE_TO)[number];
export type Jurisdiction = (typeof JURISDICTIONS)[number];
