// The MT5 bridge's JSON (docs/mt5-bridge.md), parsed once here. Decimals may come as strings or
// numbers; fields the bridge adds beyond these are ignored, so a newer bridge stays compatible.
import { z } from 'zod';
import { decimalJson } from '../http-json.js';

export const accountSchema = z.object({
  currency: z.string().min(1),
  balance: decimalJson,
  equity: decimalJson,
  margin_free: decimalJson.optional(),
});

export const positionSchema = z.object({
  ticket: z.union([z.string(), z.number()]).transform(String),
  symbol: z.string().min(1),
  side: z.enum(['buy', 'sell']),
  /** In lots. */
  volume: decimalJson,
  price_open: decimalJson,
  price_current: decimalJson,
});
export const positionsSchema = z.object({ positions: z.array(positionSchema) });

export const symbolSchema = z.object({
  symbol: z.string().min(1),
  /** The currency prices and profits are in (SPY: USD). */
  currency_profit: z.string().min(1),
  /** Units per lot: 1 share per lot for a stock CFD at many brokers, 100 at others. */
  contract_size: decimalJson,
  volume_min: decimalJson,
  volume_step: decimalJson,
  digits: z.number().int().min(0).max(12),
  tick_size: decimalJson,
  trade_mode: z.enum(['full', 'long_only', 'short_only', 'close_only', 'disabled']).default('full'),
});
export type SymbolInfo = z.output<typeof symbolSchema>;

export const quotesSchema = z.object({
  quotes: z.array(z.object({ symbol: z.string(), bid: decimalJson, ask: decimalJson, time: z.iso.datetime({ offset: true }) })),
});

export const orderSchema = z.object({
  ticket: z.union([z.string(), z.number()]).transform(String),
  symbol: z.string(),
  comment: z.string().default(''),
  status: z.enum(['placed', 'partial', 'filled', 'cancelled', 'rejected', 'expired']),
  volume: decimalJson,
  volume_filled: decimalJson,
  price_avg: decimalJson.optional(),
  /** Negative as MT5 books it (a charge); 0 or absent where the broker charges in the spread. */
  commission: decimalJson.optional(),
  time: z.iso.datetime({ offset: true }),
});
export type BridgeOrder = z.output<typeof orderSchema>;
export const ordersSchema = z.object({ orders: z.array(orderSchema) });

export const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string().default(''), retcode: z.number().optional() }) });
