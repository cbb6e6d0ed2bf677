// The legs handed out to sign, saved in the ledger with what booking them needs: the planned
// size, the quote each was built at, its least output, the quote asset's worth and the lots a sale
// chose (from the run's manifest), and one base unit of each token (the market's steps), the
// tolerance when the chain's amounts are compared with the plan's. The swaps file is the user's
// copy; booking reads only this. A leg that could not be built was never handed out: not saved.
import { Decimal } from '../../money.js';
import type { SwapLegRecord } from '../../ports.js';
import type { ManifestOrder } from '../execute/types.js';
import type { Session } from '../session.js';
import type { SwapLegJson } from './types.js';

export async function rememberSwapLegs(session: Session, runId: string, planned: readonly ManifestOrder[], built: readonly SwapLegJson[], createdAt: Date): Promise<number> {
  const { venues } = await session.markets();
  const records: SwapLegRecord[] = [];
  for (const leg of built) {
    const order = planned.find((o) => o.client_order_id === leg.client_order_id);
    const from = leg.transactions[0]?.from;
    if (leg.status !== 'to_sign' || !order || !from || leg.amount_in === null || leg.amount_out === null || leg.min_amount_out === null) continue;
    const market = venues.find((v) => v.id === order.venue)?.markets.find((m) => m.symbol === order.symbol);
    records.push({
      clientOrderId: order.client_order_id,
      runId,
      venue: order.venue,
      symbol: order.symbol,
      side: order.side,
      base: order.base,
      quote: order.quote,
      quantity: new Decimal(order.quantity),
      amountIn: new Decimal(leg.amount_in),
      amountOut: new Decimal(leg.amount_out),
      minAmountOut: new Decimal(leg.min_amount_out),
      feeRate: new Decimal(leg.fee_rate ?? 0),
      baseUnit: market?.amountStep ?? new Decimal(0),
      quoteUnit: market?.priceStep ?? new Decimal(0),
      quoteValue: new Decimal(order.quote_value),
      assetClass: order.asset_class,
      lots: order.lots.map((lot) => ({ lotId: lot.lot_id, quantity: new Decimal(lot.quantity) })),
      from,
      createdAt,
    });
  }
  return records.length > 0 ? session.deps.ledger.saveSwapLegs(records) : 0;
}
