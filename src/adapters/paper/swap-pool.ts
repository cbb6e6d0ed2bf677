// A constant-product pool (x·y = k, the fee taken from what goes in), the paper stand-in for a DEX
// venue: `swap_pools:` on a paper venue makes each listed market such a pool, deep `reserve` units
// of the base and their worth in quote at the venue's price. Quotes follow the swap port's rules
// (ports/swap.ts): a sell swaps exactly the base in; a buy swaps in the quote that many units are
// worth at the one-unit sell price; price is quote per base, fee included; impact against one unit.
import { Decimal, ONE, ZERO } from '../../money.js';
import type { OrderSide } from '../../ports.js';
import type { SwapQuote } from '../../ports/swap.js';

export interface SwapPool {
  symbol: string;
  baseReserve: Decimal;
  quoteReserve: Decimal;
  /** 0.003 for 0.3%. */
  feeRate: Decimal;
  source: string;
}

/** What comes out of a pool for `amountIn` of one side (exact input). */
function out(amountIn: Decimal, reserveIn: Decimal, reserveOut: Decimal, feeRate: Decimal): Decimal {
  const net = amountIn.times(ONE.minus(feeRate));
  return reserveOut.times(net).div(reserveIn.plus(net));
}

function raw(pool: SwapPool, side: OrderSide, quantity: Decimal): { amountIn: Decimal; amountOut: Decimal; price: Decimal } {
  if (side === 'sell') {
    const amountOut = out(quantity, pool.baseReserve, pool.quoteReserve, pool.feeRate);
    return { amountIn: quantity, amountOut, price: amountOut.div(quantity) };
  }
  const unit = out(ONE, pool.baseReserve, pool.quoteReserve, pool.feeRate);
  const amountIn = quantity.times(unit);
  const amountOut = out(amountIn, pool.quoteReserve, pool.baseReserve, pool.feeRate);
  return { amountIn, amountOut, price: amountIn.div(amountOut) };
}

export function quotePool(pool: SwapPool, side: OrderSide, quantity: Decimal): SwapQuote {
  const sized = raw(pool, side, quantity);
  const referencePrice = raw(pool, side, ONE).price;
  const impact = side === 'sell' ? ONE.minus(sized.price.div(referencePrice)) : sized.price.div(referencePrice).minus(ONE);
  return { symbol: pool.symbol, side, ...sized, referencePrice, feeRate: pool.feeRate, priceImpact: Decimal.max(impact, ZERO), source: pool.source };
}
