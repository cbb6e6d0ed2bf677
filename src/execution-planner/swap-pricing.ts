// A DEX trade priced at its size. The quotes are fetched by the caller (rebalancer/swap-sizing.ts,
// async, memoised per run) and come in here as data, so the planner stays pure: each trade on a
// swap venue takes its sized quote's price, fee and impact; one shrunk to keep its impact within
// slippage_tolerance says so; one that no size in tolerance (or no quote) allows is left out and
// said why. Nothing else in the plan changes.
import type { Diagnostic } from '../diagnostics.js';
import { formatMoney, formatPercent } from '../format.js';
import type { Decimal } from '../money.js';
import type { SwapQuote } from '../ports/swap.js';
import type { PlannedTrade, VenueInfo } from './types.js';

/** What the quotes said about one planned DEX trade. */
export type SwapSizing =
  /** A size within tolerance: the planned one, or (with `planned`) the largest found under it. */
  | { kind: 'quoted'; quantity: Decimal; quote: SwapQuote; planned?: { quantity: Decimal; priceImpact: Decimal } | undefined }
  /** Even the venue's smallest order moves the price more than the tolerance. */
  | { kind: 'too_deep'; planned: { quantity: Decimal; priceImpact: Decimal }; smallest: { quantity: Decimal; priceImpact: Decimal } }
  | { kind: 'failed'; message: string };

export interface SwapPricingRules {
  venues: readonly VenueInfo[];
  /** Reporting-currency price of an asset. */
  priceOf: (asset: string) => Decimal | undefined;
  slippage: Decimal;
  minTradeValue: Decimal;
  currency: string;
}

/** The one key a trade's quote is found by: venue, market, side and planned quantity. */
export function swapKey(trade: Pick<PlannedTrade, 'venue' | 'market' | 'side' | 'quantity'>): string {
  return [trade.venue, trade.market, trade.side, trade.quantity.toFixed()].join('\u0000');
}

/** The trades on swap venues, in plan order. */
export function swapTrades(trades: readonly PlannedTrade[], venues: readonly VenueInfo[]): PlannedTrade[] {
  const dex = new Set(venues.filter((venue) => venue.swap).map((venue) => venue.id));
  return trades.filter((trade) => dex.has(trade.venue));
}

export function applySwapPricing(trades: readonly PlannedTrade[], pricing: ReadonlyMap<string, SwapSizing>, rules: SwapPricingRules): { trades: PlannedTrade[]; diagnostics: Diagnostic[] } {
  const dex = new Set(swapTrades(trades, rules.venues).map((trade) => trade.id));
  const diagnostics: Diagnostic[] = [];
  const kept: PlannedTrade[] = [];
  for (const trade of trades) {
    if (!dex.has(trade.id)) {
      kept.push(trade);
      continue;
    }
    const priced = priceTrade(trade, pricing.get(swapKey(trade)), rules);
    diagnostics.push(...priced.diagnostics);
    if (priced.trade) kept.push(priced.trade);
  }
  return { trades: kept, diagnostics };
}

function priceTrade(trade: PlannedTrade, sizing: SwapSizing | undefined, rules: SwapPricingRules): { trade?: PlannedTrade; diagnostics: Diagnostic[] } {
  const where = { venue: trade.venue, asset: trade.asset };
  const what = `${trade.side} ${trade.quantity.toFixed()} ${trade.asset}`;
  if (!sizing || sizing.kind === 'failed') {
    const why = sizing ? sizing.message : 'no quote was taken';
    return { diagnostics: [{ severity: 'error', code: 'swap.quote_failed', ...where, message: `${trade.venueLabel} did not quote the ${what} (${why}); that trade is left out of the plan.` }] };
  }
  const tolerance = formatPercent(rules.slippage, 2);
  if (sizing.kind === 'too_deep') {
    const message = `skipped: ${what} on ${trade.venueLabel} would move its price ${formatPercent(sizing.planned.priceImpact, 2)}, and even its smallest order (${sizing.smallest.quantity.toFixed()} ${trade.asset}) ${formatPercent(sizing.smallest.priceImpact, 2)}: above slippage_tolerance ${tolerance}.`;
    return { diagnostics: [{ severity: 'warning', code: 'plan.skipped', ...where, message }] };
  }
  const { quote, quantity } = sizing;
  // The quote's own quote-token side when it is for exactly this quantity, so no division error shows.
  const notional = exactNotional(trade.side, quantity, quote) ?? quantity.times(quote.price);
  const quoteValue = rules.priceOf(trade.quote) ?? (trade.notional.isZero() ? undefined : trade.value.div(trade.notional));
  if (!quoteValue) return { diagnostics: [{ severity: 'error', code: 'swap.quote_failed', ...where, message: `No price for ${trade.quote}; the ${what} on ${trade.venueLabel} is left out of the plan.` }] };
  const value = notional.times(quoteValue);
  const diagnostics: Diagnostic[] = [];
  if (sizing.planned) {
    if (value.lt(rules.minTradeValue)) {
      const message = `skipped: ${what} on ${trade.venueLabel} would move its price ${formatPercent(sizing.planned.priceImpact, 2)}; the ${quantity.toFixed()} ${trade.asset} within slippage_tolerance ${tolerance} is below min_trade_value ${formatMoney(rules.minTradeValue, rules.currency, 0)}.`;
      return { diagnostics: [{ severity: 'warning', code: 'plan.skipped', ...where, message }] };
    }
    diagnostics.push({
      severity: 'warning',
      code: 'swap.shrunk',
      ...where,
      message: `${trade.venueLabel}: ${what} would move the price ${formatPercent(sizing.planned.priceImpact, 2)}, above slippage_tolerance ${tolerance}; ${quantity.toFixed()} ${trade.asset} kept (price impact ${formatPercent(quote.priceImpact, 2)}).`,
    });
  }
  const fee = notional.times(quote.feeRate);
  const { limitPrice: _limit, ...rest } = trade;
  const swap = { amountIn: quote.amountIn, amountOut: quote.amountOut, feeRate: quote.feeRate, priceImpact: quote.priceImpact, source: quote.source };
  return { trade: { ...rest, quantity, price: quote.price, notional, value, fee, feeValue: fee.times(quoteValue), swap }, diagnostics };
}

function exactNotional(side: PlannedTrade['side'], quantity: Decimal, quote: SwapQuote): Decimal | undefined {
  if (side === 'sell' && quote.amountIn.eq(quantity)) return quote.amountOut;
  if (side === 'buy' && quote.amountOut.eq(quantity)) return quote.amountIn;
  return undefined;
}
