// A run's DEX legs as unsigned swaps for the user's wallet: each built by its venue (buildSwap)
// from the venue's first `addresses:` entry, with the least acceptable output set by
// slippage_tolerance on the quote the plan was sized with. They are built in plan order (sells
// first on each venue), and a buy names the earlier sells on its venue whose proceeds it spends,
// because signing them out of order could leave it unfunded. One leg that cannot be built is
// marked failed with the reason; the others are built all the same.
import type { Config } from '../../config.js';
import { errorMessage } from '../../errors.js';
import { Decimal, ONE } from '../../money.js';
import type { Venue } from '../../ports.js';
import type { UnsignedTransaction } from '../../ports/swap.js';
import type { ManifestOrder } from '../execute/types.js';
import type { SwapLegJson, SwapsFileJson, UnsignedTransactionJson } from './types.js';

export interface SwapBuildDeps {
  config: Config;
  venues: readonly Venue[];
}

export const NEVER_SIGNS = 'This skill never signs: these transactions are unsigned. Check each one in your wallet, then sign and send them in step order.';

/** The legs with their unsigned transactions, in order. */
export async function buildSwapLegs(deps: SwapBuildDeps, legs: readonly ManifestOrder[], tolerance: Decimal): Promise<SwapLegJson[]> {
  const built: SwapLegJson[] = [];
  for (const [index, leg] of legs.entries()) {
    const base = plannedLeg(leg, index, legs, tolerance);
    try {
      const venue = deps.venues.find((v) => v.id === leg.venue);
      if (!venue?.buildSwap) throw new Error(`venue "${leg.venue}" cannot build swaps`);
      const from = deps.config.venues[leg.venue]?.addresses[0];
      if (!from) throw new Error(`venue "${leg.venue}" has no addresses: entry to swap from; add the wallet address that signs`);
      const request = { symbol: leg.symbol, side: leg.side, quantity: new Decimal(leg.quantity), clientOrderId: leg.client_order_id, from, minAmountOut: new Decimal(base.min_amount_out ?? 0) };
      const unsigned = await venue.buildSwap(request);
      built.push({ ...base, amount_in: unsigned.quote.amountIn.toFixed(), amount_out: unsigned.quote.amountOut.toFixed(), min_amount_out: unsigned.minAmountOut.toFixed(), transactions: unsigned.transactions.map(transactionJson), status: 'to_sign' });
    } catch (error) {
      built.push({ ...base, status: 'failed', error: errorMessage(error) });
    }
  }
  return built;
}

/** A leg as planned, before (or without) its transactions: a dry run shows these. */
export function plannedLeg(leg: ManifestOrder, index: number, legs: readonly ManifestOrder[], tolerance: Decimal): SwapLegJson {
  const swap = leg.swap;
  const after = leg.side === 'buy' ? legs.slice(0, index).filter((l) => l.venue === leg.venue && l.side === 'sell' && l.quote === leg.quote).map((l) => l.client_order_id) : [];
  return {
    step: index + 1,
    client_order_id: leg.client_order_id,
    venue: leg.venue,
    market: leg.symbol,
    side: leg.side,
    quantity: leg.quantity,
    amount_in: swap?.amount_in ?? null,
    amount_out: swap?.amount_out ?? null,
    // Rounded toward zero: the guard never asks for more than the tolerance allows.
    min_amount_out: swap ? new Decimal(swap.amount_out).times(ONE.minus(tolerance)).toDecimalPlaces(18, Decimal.ROUND_DOWN).toFixed() : null,
    price: swap?.price ?? null,
    price_impact: swap?.price_impact ?? null,
    fee_rate: swap?.fee_rate ?? null,
    quote_source: swap?.source ?? null,
    after,
    transactions: [],
    status: 'planned',
    error: null,
  };
}

export function swapsFile(runId: string, createdAt: Date, legs: readonly SwapLegJson[]): SwapsFileJson {
  const ordered = legs.some((leg) => leg.after.length > 0);
  const note = `${NEVER_SIGNS}${ordered ? ' The order matters: a buy spends what an earlier sell on the same venue brings (see each swap\'s "after").' : ''}`;
  return { run_id: runId, created_at: createdAt.toISOString(), unsigned: true, note, swaps: [...legs] };
}

function transactionJson(tx: UnsignedTransaction): UnsignedTransactionJson {
  if (tx.chain === 'evm') return { chain: 'evm', chain_id: tx.chainId, from: tx.from, to: tx.to, data: tx.data, value: tx.value, description: tx.description };
  return { chain: 'solana', from: tx.from, transaction: tx.transaction, last_valid_block_height: tx.lastValidBlockHeight ?? null, description: tx.description };
}
