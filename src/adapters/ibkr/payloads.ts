// The Client Portal Web API's JSON, parsed once here: only the fields we read, unknown ones
// ignored. The gateway writes numbers sometimes as numbers, sometimes as strings; both are taken.
import { z } from 'zod';
import { decimalJson } from '../http-json.js';

const id = z.union([z.string(), z.number()]).transform(String);

export const accountsSchema = z.array(z.object({ id, currency: z.string().optional() }));
export const iserverAccountsSchema = z.object({ accounts: z.array(z.string()) });

export const positionsSchema = z.array(
  z.object({ conid: id, contractDesc: z.string(), ticker: z.string().optional(), position: decimalJson, currency: z.string(), assetClass: z.string().optional() }),
);

/** POST /portfolio/{id}/positions/invalidate: only whether it worked matters. */
export const invalidatedSchema = z.unknown();

/** Per currency and a BASE total; cash is `cashbalance`. */
export const ledgerSchema = z.record(z.string(), z.object({ cashbalance: decimalJson, currency: z.string().optional() }));

export const searchSchema = z.array(z.object({ conid: id, symbol: z.string().optional(), sections: z.array(z.object({ secType: z.string() })).default([]) }));

/** Fields 31 (last), 84 (bid), 86 (ask) as strings; a last price may carry a prefix (C: the close, H: halted). */
export const snapshotSchema = z.array(
  z.object({ conid: id, _updated: z.number().optional(), '31': z.string().optional(), '84': z.string().optional(), '86': z.string().optional() }),
);

export const tickleSchema = z.object({ iserver: z.object({ authStatus: z.object({ authenticated: z.boolean(), connected: z.boolean().optional() }) }).optional() });

/** One answer to an order or a reply: another question to confirm, or the order's id. */
export const orderReplySchema = z.array(
  z.union([
    z.object({ order_id: id, order_status: z.string().optional() }),
    z.object({ id: z.string(), message: z.array(z.string()).default([]) }),
  ]),
);

export const whatIfSchema = z.object({
  amount: z.object({ commission: z.string().optional(), total: z.string().optional() }).optional(),
  warn: z.string().nullable().optional(),
  error: z.string().nullable().optional(),
});

export const liveOrderSchema = z.object({
  orderId: id,
  conid: id.optional(),
  ticker: z.string().optional(),
  status: z.string(),
  filledQuantity: decimalJson.optional(),
  avgPrice: decimalJson.optional(),
  order_ref: z.string().optional(),
  cashCcy: z.string().optional(),
  lastExecutionTime_r: z.number().optional(),
});
export type LiveOrder = z.output<typeof liveOrderSchema>;
export const liveOrdersSchema = z.object({ orders: z.array(liveOrderSchema).default([]) });

export const cancelSchema = z.object({ msg: z.string().optional(), order_id: id.optional() });

/**
 * /iserver/account/trades: one row per execution, `order_ref` is the cOID. IBKR writes `commission`
 * as a string ("1.02") and `size` as a number; read with exactNumbers, every figure arrives as text.
 * A commission not reported yet comes as "" or is absent.
 */
export const tradesSchema = z.array(
  z.object({
    execution_id: z.string(),
    order_ref: z.string().optional(),
    account: z.string().optional(),
    size: decimalJson,
    price: decimalJson.optional(),
    commission: z.union([decimalJson, z.literal('')]).optional(),
    trade_time_r: z.union([z.string(), z.number()]).transform(Number).optional(),
  }),
);
export type Execution = z.output<typeof tradesSchema>[number];
