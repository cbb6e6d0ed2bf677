// France, digital assets (Art. 150 VH bis CGI; BOFiP BOI-RPPM-PVBMI-70-20): no lots. Each sale's
// gain is price - total acquisition cost x price / global portfolio value at the sale, and the
// acquisition-cost pool loses the cost allocated to the sale and gains every purchase. Every sell
// here is taken as a sale for fiat: a crypto-to-crypto swap (not taxable without a soulte) must not
// be passed as a sell and a buy. Securities and forex are out of scope and reported.
import { Decimal, ZERO, roundHalfEven } from '../money.js';
import { disposalOf } from './disposal.js';
import type { Disposal, LeftOut, TaxOptions, TaxResult, TaxTrade } from './types.js';

/**
 * The allocated cost is rounded half-even to this many decimals of the currency: far below a cent,
 * and it keeps pool + allocated costs equal to what was paid, exactly (an unrounded 40-digit
 * quotient subtracted from the pool would lose its last digits).
 */
const ALLOCATION_PLACES = 12;

export interface FrTaxOptions extends TaxOptions {
  /** Global value of the crypto portfolio just before each sale, by sell trade id (form 2086 line 212). */
  portfolioValues: ReadonlyMap<string, Decimal>;
  /** By sell trade id: the assets held at the sale that had no price then (why it has no value). */
  unpriced?: ReadonlyMap<string, readonly string[]> | undefined;
}

/** Form 2086 line 220: the pool's share allocated to a sale of `price` (before fees) at global value `value`, rounded as below. */
export function frAllocatedCost(pool: Decimal, price: Decimal, value: Decimal): Decimal {
  return Decimal.min(pool, roundHalfEven(pool.times(price).div(value), ALLOCATION_PLACES));
}

/** `options.method` is not used: the portfolio formula is the only method. */
export function computeFr(trades: readonly TaxTrade[], options: FrTaxOptions): TaxResult {
  const result: TaxResult = { disposals: [], openLots: [], pools: [], problems: [] };
  const problem = (trade: TaxTrade, message: string, reason?: LeftOut['reason']) => {
    result.problems.push({ tradeId: trade.id, message });
    if (reason) (result.leftOut ??= []).push({ tradeId: trade.id, reason });
  };
  const held = new Map<string, Decimal>();
  let pool = ZERO;
  for (const trade of [...trades].sort((a, b) => a.date.getTime() - b.date.getTime())) {
    if (trade.assetClass !== 'crypto') {
      problem(trade, `${trade.assetClass} is not in scope for France (only digital assets, Art. 150 VH bis CGI): trade ignored.`);
      continue;
    }
    if (!trade.quantity.gt(0)) {
      problem(trade, `Quantity ${trade.quantity.toFixed()} ${trade.asset} is not positive: trade skipped.`);
      continue;
    }
    const holding = held.get(trade.asset) ?? ZERO;
    if (trade.side === 'buy') {
      held.set(trade.asset, holding.plus(trade.quantity));
      pool = pool.plus(trade.total).plus(trade.fee);
      continue;
    }
    const value = options.portfolioValues.get(trade.id);
    if (value === undefined) {
      const unpriced = options.unpriced?.get(trade.id);
      const which = unpriced && unpriced.length > 0 ? ` No price for ${unpriced.join(', ')} on ${trade.date.toISOString().slice(0, 10)}: add its closes (price_history or price_history_file).` : '';
      problem(trade, `No portfolio value for sell ${trade.id}: the gain needs the global portfolio value at the sale (form 2086 line 212).${which} Sell skipped; the report is incomplete.`, 'no-price');
      continue;
    }
    if (holding.lt(trade.quantity)) {
      problem(trade, `Cannot sell ${trade.quantity.toFixed()} ${trade.asset}: the portfolio holds ${holding.toFixed()} ${trade.asset}. Import the missing buys. Sell skipped.`, 'unmatched');
      continue;
    }
    if (value.lte(0) || value.lt(trade.total)) {
      problem(trade, `Portfolio value ${value.toFixed()} for sell ${trade.id} is below its price ${trade.total.toFixed()}: the value must include what is sold. Sell skipped.`, 'no-price');
      continue;
    }
    // Form 2086 line 224: net price (line 218) - pool (223) x price before fees (217) / value (212).
    const cost = frAllocatedCost(pool, trade.total, value);
    const proceeds = trade.total.minus(trade.fee);
    pool = pool.minus(cost);
    held.set(trade.asset, holding.minus(trade.quantity));
    if (!options.keepDisposal || options.keepDisposal(trade.date)) result.disposals.push(disposal(trade, proceeds, cost));
  }
  // The pool belongs to the whole portfolio, not one asset: asset '*', and no meaningful quantity.
  result.pools.push({ asset: '*', quantity: ZERO, cost: pool });
  return result;
}

/** One disposal per sale; there is no acquisition date, so holdingDays is 0. */
function disposal(trade: TaxTrade, proceeds: Decimal, cost: Decimal): Disposal {
  return disposalOf(trade, { quantity: trade.quantity, proceeds, cost, term: 'short', holdingDays: 0, matches: [{ rule: 'portfolio', lotId: 'pool', quantity: trade.quantity, cost, proceeds, term: 'short' }] });
}
