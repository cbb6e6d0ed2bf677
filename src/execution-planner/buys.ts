// Buys with the cash already on the venue (sale proceeds included), spread over the venues that
// list the asset in order of preference. A buy is never planned that its venue cannot fund at its
// limit price plus fee, nor one that would spend cash below the reserve. What no venue can fund
// here is a shortfall: the transfers step may bring the cash.
import type { Diagnostic } from '../diagnostics.js';
import { Decimal, ONE } from '../money.js';
import type { AssetIntent } from '../strategies/intent.js';
import { cashListingsOf, DUST, worthTrading, type PlanContext } from './context.js';
import { available, move } from './funds.js';
import { withId } from './ids.js';
import { byPreference, listingsOf, type Listing } from './market-index.js';
import { limitPriceFor, sizeOrder, worstCost } from './sizing.js';
import type { PlannedTrade, StepResult, StepState } from './types.js';

/** A buy, or the part of one, that no venue could fund with its own cash. */
export interface Shortfall {
  asset: string;
  /** In the reporting currency. */
  value: Decimal;
  reason: string;
}

/** Every buy intent (delta of at least DUST), in the given order. */
export function planBuys(context: PlanContext, state: StepState, intents: readonly (readonly [string, AssetIntent])[]): StepResult & { shortfalls: Shortfall[] } {
  const result: StepResult & { shortfalls: Shortfall[] } = { funds: state.funds, nextId: state.nextId, trades: [], diagnostics: [], shortfalls: [] };
  for (const [asset, intent] of intents) {
    if (intent.delta.lt(DUST)) continue;
    const bought = buyAsset(context, result, asset, intent);
    result.trades.push(...bought.trades);
    result.diagnostics.push(...bought.diagnostics);
    if (bought.shortfall) result.shortfalls.push(bought.shortfall);
    result.funds = bought.funds;
    result.nextId = bought.nextId;
  }
  return result;
}

export function buyAsset(context: PlanContext, state: StepState, asset: string, intent: AssetIntent): StepResult & { shortfall?: Shortfall } {
  const trades: PlannedTrade[] = [];
  const diagnostics: Diagnostic[] = [];
  let { funds, nextId } = state;
  const price = context.priceOf(asset);
  const candidates = cashListingsOf(context, asset).sort(byPreference(context.preferDex));
  if (!price) return { funds, nextId, trades, diagnostics };
  if (candidates[0] && intent.delta.lt(context.minTradeValue)) {
    // Sized through the first venue only to report it the same way as every other skipped order.
    const sized = sizeOrder(context, candidates[0], 'buy', intent.delta.div(price), intent.reason);
    return { funds, nextId, trades, diagnostics: sized.diagnostic ? [sized.diagnostic] : [] };
  }
  let remaining = intent.delta;
  // A venue that had the cash but whose order came out under its minimums: the remainder is too
  // small to trade there, not unfunded, so no transfer is asked for and no "no cash" is said.
  let tooSmall = false;
  for (const listing of candidates) {
    if (!worthTrading(context, remaining)) break;
    const bought = buyWith(context, { funds, nextId }, listing, remaining, intent.reason);
    ({ funds, nextId } = bought);
    diagnostics.push(...bought.diagnostics);
    tooSmall ||= bought.belowMinimum === true;
    if (bought.trade) {
      trades.push(bought.trade);
      remaining = remaining.minus(bought.trade.value);
    }
  }
  if (candidates.length === 0) {
    const others = listingsOf(context.markets, asset).map((listing) => listing.market.symbol);
    const only = others.length > 0 ? ` quoted in a cash asset (only ${[...new Set(others)].join(', ')}; the cash assets are ${context.cashAssets.join(', ')})` : '';
    diagnostics.push({ severity: 'warning', code: 'constraint.no_market', asset, message: `${asset} cannot be bought: no tradable venue lists a market for it${only}.` });
  }
  const shortfall = candidates.length > 0 && !tooSmall && worthTrading(context, remaining) ? { asset, value: remaining, reason: intent.reason } : undefined;
  return { funds, nextId, trades, diagnostics, ...(shortfall ? { shortfall } : {}) };
}

/**
 * One buy of up to `wantedValue` on one market, as much as the venue's quote pool and the cash
 * above the reserve pay for at the limit price plus fee; its worst cost leaves both.
 */
export function buyWith(
  context: PlanContext,
  state: StepState,
  listing: Listing,
  wantedValue: Decimal,
  reason: string,
  waitsFor?: string,
): StepState & { trade?: PlannedTrade; diagnostics: Diagnostic[]; belowMinimum?: boolean } {
  const { venue, market } = listing;
  const unchanged = { ...state, diagnostics: [] };
  const quotePrice = context.priceOf(market.quote);
  const price = context.priceOf(market.base);
  if (!quotePrice || !price) return unchanged;
  const budgetValue = Decimal.min(state.funds.spendable, available(state.funds, venue.id, market.quote).times(quotePrice));
  if (Decimal.min(budgetValue, wantedValue).lt(context.minTradeValue)) return unchanged;
  const quotedPrice = price.div(quotePrice);
  const unitCost = (context.useLimitOrders ? limitPriceFor(market, 'buy', quotedPrice, context.slippage) : quotedPrice).times(ONE.plus(market.takerFee));
  const afford = budgetValue.div(quotePrice).div(unitCost);
  const sized = sizeOrder(context, listing, 'buy', Decimal.min(afford, wantedValue.div(price)), reason);
  if (!sized.order) return { ...unchanged, diagnostics: [sized.diagnostic], belowMinimum: afford.gte(wantedValue.div(price)) };
  const trade = withId(sized.order, state.nextId, waitsFor);
  const cost = worstCost(trade);
  const funds = move(state.funds, venue.id, market.quote, cost.neg(), cost.times(quotePrice).neg());
  return { funds, nextId: state.nextId + 1, trade, diagnostics: [] };
}
