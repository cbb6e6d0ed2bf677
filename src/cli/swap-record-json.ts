// The JSON of a swap recording (`kit rebalance swaps record --json` and the rebalance_record_swap
// tool): what the chain says the transaction moved, the trades booked from it (amounts in the
// reporting currency), the lots a sale used and its tax records. Decimal strings throughout.
import { z } from 'zod';
import type { SwapRecording } from '../rebalancer.js';
import { ZERO } from '../money.js';
import { decimalString as dec } from './json-parts.js';

export const swapRecordJsonSchema = z.object({
  status: z.enum(['booked', 'already_booked', 'pending', 'not_found', 'failed']).describe('pending/not_found: nothing written, try again later; failed: the transaction failed on chain, the swap is marked failed'),
  client_order_id: z.string(),
  run_id: z.string(),
  venue: z.string(),
  venue_label: z.string(),
  market: z.string(),
  side: z.enum(['buy', 'sell']),
  transaction: z.string(),
  token_in: z.string(),
  token_out: z.string(),
  amount_in: dec.nullable().describe('what left the wallet, read from the chain'),
  amount_out: dec.nullable().describe('what reached the wallet, read from the chain'),
  min_amount_out: dec,
  quantity: dec.nullable().describe('the base asset bought or sold'),
  price: dec.nullable().describe('quote per base, from the amounts actually moved (the pool fee in it)'),
  fee: dec.describe("the pool's share (fee rate x the quote amount), reporting currency; already in the price, booked apart so the basis counts it once"),
  network_fee: dec.nullable(),
  network_fee_asset: z.string().nullable(),
  executed_at: z.string().nullable().describe("the block's time"),
  lots: z.array(z.object({ lot_id: z.string(), quantity: dec })).describe('a sale: the lots it disposed of'),
  trades: z.array(z.object({ id: z.string(), side: z.enum(['buy', 'sell']), asset: z.string(), quantity: dec, price: dec, total: dec, fee: dec, currency: z.string(), lot_ref: z.string().nullable() })),
  tax_records: z.number().int().describe('disposal records handed to the tax sink'),
  realised_gain: dec,
  reason: z.string().nullable().describe('failed: why'),
  message: z.string(),
});

export type SwapRecordJson = z.infer<typeof swapRecordJsonSchema>;

export function swapRecordJson(recording: SwapRecording, message: string): SwapRecordJson {
  const { leg } = recording;
  const sell = leg.side === 'sell';
  const fill = recording.kind === 'booked' || recording.kind === 'already_booked' ? leg.fill : undefined;
  const trades = 'trades' in recording ? recording.trades : [];
  const quantity = fill ? (sell ? fill.amountIn : fill.amountOut) : undefined;
  const quoteAmount = fill ? (sell ? fill.amountOut : fill.amountIn) : undefined;
  return {
    status: recording.kind,
    client_order_id: leg.clientOrderId,
    run_id: leg.runId,
    venue: leg.venue,
    venue_label: recording.venueLabel,
    market: leg.symbol,
    side: leg.side,
    transaction: recording.transaction,
    token_in: sell ? leg.base : leg.quote,
    token_out: sell ? leg.quote : leg.base,
    amount_in: fill?.amountIn.toFixed() ?? null,
    amount_out: fill?.amountOut.toFixed() ?? null,
    min_amount_out: leg.minAmountOut.toFixed(),
    quantity: quantity?.toFixed() ?? null,
    price: quantity && quoteAmount ? quoteAmount.div(quantity).toFixed() : null,
    fee: trades.reduce((sum, trade) => sum.plus(trade.fee), ZERO).toFixed(),
    network_fee: fill?.networkFee.toFixed() ?? null,
    network_fee_asset: fill?.networkFeeAsset ?? null,
    executed_at: fill?.executedAt.toISOString() ?? null,
    // The lots the tax engine matched (the plan's choice under specific identification).
    lots: ('disposals' in recording ? recording.disposals : []).map((d) => ({ lot_id: d.lotId, quantity: d.quantity.toFixed() })),
    trades: trades.map((trade) => ({ id: trade.id, side: trade.side, asset: trade.asset, quantity: trade.quantity.toFixed(), price: trade.price.toFixed(), total: (trade.total ?? trade.quantity.times(trade.price)).toFixed(), fee: trade.fee.toFixed(), currency: trade.currency, lot_ref: trade.lotRef ?? null })),
    tax_records: 'disposals' in recording ? recording.disposals.length : 0,
    realised_gain: ('gain' in recording ? recording.gain : ZERO).toFixed(),
    reason: recording.kind === 'failed' ? recording.reason : null,
    message,
  };
}
