// The `swap_legs` table (ports/swap-leg-store.ts). Handing a leg out again (a second listing of
// the same plan) refreshes its quote unless it is booked: a booked leg is never replaced. Amounts
// are exact decimal text, as everywhere in the ledger.
import type { Database } from 'better-sqlite3';
import type { StoredSwapLeg, SwapLegFill, SwapLegRecord, SwapLegStatus, SwapLegStore } from '../ports.js';
import { dateText, decimalText, readDate, readDecimal } from './columns.js';
import { prepared } from './prepared.js';
import { immediate } from './transaction.js';

interface LegRow {
  client_order_id: string;
  run_id: string;
  venue: string;
  symbol: string;
  side: 'buy' | 'sell';
  base: string;
  quote: string;
  quantity: string;
  amount_in: string;
  amount_out: string;
  min_amount_out: string;
  fee_rate: string;
  base_unit: string;
  quote_unit: string;
  quote_value: string;
  asset_class: SwapLegRecord['assetClass'];
  lots_json: string;
  from_address: string;
  created_at: string;
  status: SwapLegStatus;
  failed_tx: string | null;
  failure: string | null;
  failed_at: string | null;
  tx: string | null;
  executed_at: string | null;
  filled_in: string | null;
  filled_out: string | null;
  network_fee: string | null;
  network_fee_asset: string | null;
  tax_sent: number;
}

const PLANNED = ['run_id', 'venue', 'symbol', 'side', 'base', 'quote', 'quantity', 'amount_in', 'amount_out', 'min_amount_out', 'fee_rate', 'base_unit', 'quote_unit', 'quote_value', 'asset_class', 'lots_json', 'from_address', 'created_at'] as const;

const UPSERT = `INSERT INTO swap_legs (client_order_id, ${PLANNED.join(', ')}) VALUES (@client_order_id, ${PLANNED.map((c) => `@${c}`).join(', ')})
  ON CONFLICT (client_order_id) DO UPDATE SET ${PLANNED.map((c) => `${c} = excluded.${c}`).join(', ')}, status = 'to_sign'
  WHERE swap_legs.status != 'booked'`;

function columnsOf(leg: SwapLegRecord): Record<string, string> {
  const what = (field: string) => `${field} of swap ${leg.clientOrderId}`;
  return {
    client_order_id: leg.clientOrderId,
    run_id: leg.runId,
    venue: leg.venue,
    symbol: leg.symbol,
    side: leg.side,
    base: leg.base,
    quote: leg.quote,
    quantity: decimalText(leg.quantity, what('quantity')),
    amount_in: decimalText(leg.amountIn, what('amount in')),
    amount_out: decimalText(leg.amountOut, what('amount out')),
    min_amount_out: decimalText(leg.minAmountOut, what('minimum out')),
    fee_rate: decimalText(leg.feeRate, what('fee rate')),
    base_unit: decimalText(leg.baseUnit, what('base unit')),
    quote_unit: decimalText(leg.quoteUnit, what('quote unit')),
    quote_value: decimalText(leg.quoteValue, what('quote value')),
    asset_class: leg.assetClass,
    lots_json: JSON.stringify(leg.lots.map((lot) => ({ lot_id: lot.lotId, quantity: decimalText(lot.quantity, what('lot quantity')) }))),
    from_address: leg.from,
    created_at: dateText(leg.createdAt),
  };
}

function toLeg(row: LegRow): StoredSwapLeg {
  const lots = (JSON.parse(row.lots_json) as { lot_id: string; quantity: string }[]).map((lot) => ({ lotId: lot.lot_id, quantity: readDecimal(lot.quantity) }));
  return {
    clientOrderId: row.client_order_id,
    runId: row.run_id,
    venue: row.venue,
    symbol: row.symbol,
    side: row.side,
    base: row.base,
    quote: row.quote,
    quantity: readDecimal(row.quantity),
    amountIn: readDecimal(row.amount_in),
    amountOut: readDecimal(row.amount_out),
    minAmountOut: readDecimal(row.min_amount_out),
    feeRate: readDecimal(row.fee_rate),
    baseUnit: readDecimal(row.base_unit),
    quoteUnit: readDecimal(row.quote_unit),
    quoteValue: readDecimal(row.quote_value),
    assetClass: row.asset_class,
    lots,
    from: row.from_address,
    createdAt: readDate(row.created_at),
    status: row.status,
    failure: row.failed_tx !== null ? { transaction: row.failed_tx, reason: row.failure ?? '', at: readDate(row.failed_at!) } : undefined,
    fill:
      row.tx !== null
        ? { transaction: row.tx, executedAt: readDate(row.executed_at!), amountIn: readDecimal(row.filled_in!), amountOut: readDecimal(row.filled_out!), networkFee: readDecimal(row.network_fee!), networkFeeAsset: row.network_fee_asset! }
        : undefined,
    taxSent: row.tax_sent === 1,
  };
}

export function swapLegStore(db: Database): SwapLegStore {
  const one = (sql: string, ...args: unknown[]) => {
    const row = prepared<LegRow>(db, sql).get(...args);
    return row && toLeg(row);
  };
  return {
    saveSwapLegs: (legs) =>
      immediate(db, () => {
        const upsert = prepared(db, UPSERT);
        return legs.reduce((saved, leg) => saved + upsert.run(columnsOf(leg)).changes, 0);
      }),
    swapLeg: (id) => one('SELECT * FROM swap_legs WHERE client_order_id = ?', id),
    swapLegs: (filter = {}) =>
      (filter.status ? prepared<LegRow>(db, 'SELECT * FROM swap_legs WHERE status = ? ORDER BY created_at DESC, rowid DESC').all(filter.status) : prepared<LegRow>(db, 'SELECT * FROM swap_legs ORDER BY created_at DESC, rowid DESC').all()).map(toLeg),
    swapLegByTransaction: (tx) => one('SELECT * FROM swap_legs WHERE tx = ?', tx),
    markSwapLegFailed: (id, failure) => {
      prepared(db, `UPDATE swap_legs SET status = 'failed', failed_tx = ?, failure = ?, failed_at = ? WHERE client_order_id = ? AND status != 'booked'`).run(failure.transaction, failure.reason, dateText(failure.at), id);
    },
    markSwapLegBooked: (id, fill: SwapLegFill) => {
      prepared(db, `UPDATE swap_legs SET status = 'booked', tx = ?, executed_at = ?, filled_in = ?, filled_out = ?, network_fee = ?, network_fee_asset = ? WHERE client_order_id = ?`).run(
        fill.transaction,
        dateText(fill.executedAt),
        decimalText(fill.amountIn, `amount in of swap ${id}`),
        decimalText(fill.amountOut, `amount out of swap ${id}`),
        decimalText(fill.networkFee, `network fee of swap ${id}`),
        fill.networkFeeAsset,
        id,
      );
    },
    markSwapLegTaxSent: (id) => {
      prepared(db, 'UPDATE swap_legs SET tax_sent = 1 WHERE client_order_id = ?').run(id);
    },
  };
}
