// A venue's section of the config: kind, adapter, markets, balances, prices, seed lots, the paper
// exchange's simulation options, and the ccxt, broker and wallet adapters' fields.
import { z } from 'zod';
import { Decimal } from '../money.js';
import { describeInput } from './problems.js';
import { asset, boolean, duration, instant, integer, oneOf, percent, quantity, ratio } from './fields.js';
import { brokerVenueFields } from './broker-fields.js';
import { CCXT_EXCHANGES, VENUE_KINDS } from './names.js';
import { walletVenueFields } from './wallet-fields.js';
import { dexVenueFields } from './dex-fields.js';

export const assetMap = <T extends z.ZodType>(value: T) => z.record(z.string(), value);

export const marketSchema = z.strictObject({
  amount_step: quantity({ positive: true, what: 'step' }).default(new Decimal('0.00000001')),
  price_step: quantity({ positive: true, what: 'step' }).default(new Decimal('0.00000001')),
  min_amount: quantity().default(new Decimal(0)),
  min_notional: quantity({ what: 'amount' }).default(new Decimal(0)),
  fee_rate: percent().optional(),
});

export const lotSchema = z.strictObject({
  id: z.string().optional(),
  asset: asset(),
  quantity: quantity({ positive: true }),
  unit_cost: quantity({ what: 'price' }),
  acquired: instant(),
  asset_class: oneOf('asset class', ['crypto', 'security', 'forex'] as const).optional(),
});

/** A probability per request: "5%" or a ratio such as 0.05. */
const probability = () => z.union([percent(), ratio(0, 1)], { error: (issue) => `${describeInput(issue.input)} is not a probability; expected a percent such as 5% or a ratio such as 0.05` });
const NEVER = new Decimal(0);

/** Seeded fault injection for a paper venue, each a probability per request. */
export const faultsSchema = z.strictObject({
  fetch_balances: probability().default(NEVER),
  fetch_prices: probability().default(NEVER),
  /** The venue refuses the order. */
  reject: probability().default(NEVER),
  /** The venue accepts the order, and the caller gets a timeout. */
  timeout_after_accept: probability().default(NEVER),
  /** The request never reaches the venue. */
  network_error: probability().default(NEVER),
  /** HTTP 429: nothing done, try later. */
  rate_limit: probability().default(NEVER),
  seed: integer(0, 2 ** 31 - 1).default(1),
});

/** A paper venue's answer time: "200ms", or a range ["50ms", "250ms"] drawn per request. */
export const latencySchema = z.union([duration().transform((ms) => ({ min: ms, max: ms })), z.tuple([duration(), duration()]).transform(([min, max]) => ({ min: Math.min(min, max), max: Math.max(min, max) }))], {
  error: (issue) => `${describeInput(issue.input)} is not a latency; expected a duration such as 200ms or a range such as [50ms, 250ms]`,
});

export const priceMap = assetMap(quantity({ positive: true, what: 'price' }));

/** Daily closes per asset: {BTC: {"2026-11-01": "95000", ...}}, for momentum and correlation. */
export const priceHistorySchema = assetMap(
  z.record(
    z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: (issue) => `${describeInput(issue.input)} is not a date; expected YYYY-MM-DD` }),
    quantity({ positive: true, what: 'price' }),
  ),
).default({});

export const venueSchema = z.strictObject({
  kind: oneOf('venue kind', VENUE_KINDS),
  adapter: z.string({ error: 'expected an adapter name such as paper or manual' }),
  label: z.string().optional(),
  quote: asset().optional(),
  fee_rate: percent().default(new Decimal('0.001')),
  markets: assetMap(marketSchema).default({}),
  balances: assetMap(quantity()).default({}),
  prices: priceMap.optional(),
  prices_at: instant().optional(),
  price_history: priceHistorySchema,
  lots: z.array(lotSchema).default([]),
  credentials: z.record(z.string(), z.string()).optional(),
  faults: faultsSchema.optional(),
  /** Paper venues: how long each order request takes, how far a market order fills from the price, how often an order fills in part. */
  latency: latencySchema.optional(),
  slippage: percent().default(NEVER),
  partial_fills: percent().default(NEVER),
  /** Paper venues: act as a DEX; each listed base's market is a constant-product pool this many units deep (adapters/paper/swap-pool.ts). */
  swap_pools: assetMap(quantity({ positive: true })).optional(),
  /** adapter: ccxt. Keys go under credentials: (api_key, secret, password) as ${ENV_VAR}. */
  exchange: oneOf('exchange', CCXT_EXCHANGES).optional(),
  /** The exchange's testnet, where ccxt has one. */
  sandbox: boolean().default(false),
  /** Replaces the scheme, host and port of every API URL (a proxy; the tests' fake servers). */
  base_url: z.string().regex(/^https?:\/\/[^/\s]+(\/[^\s]*)?$/, { error: (issue) => `${JSON.stringify(issue.input)} is not a base URL; expected http(s)://host[:port], such as http://127.0.0.1:8080` }).optional(),
  ...brokerVenueFields,
  ...walletVenueFields,
  ...dexVenueFields,
});

export const venuesSchema = z.record(z.string(), venueSchema).default({});
