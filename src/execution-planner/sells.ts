// Sells come first: their proceeds fund buys on the same venue. An asset is sold where it is
// held on a venue that lists it: the tax-optimizer's venue order first, then by preference, then
// where most is held. What flooring to one venue's step leaves is not sold elsewhere.
import type { Diagnostic } from '../diagnostics.js';
import { Decimal } from '../money.js';
import type { AssetIntent } from '../strategies/intent.js';
import { cashListingsOf, DUST, heldOn, worthTrading, type PlanContext } from './context.js';
import { available, move } from './funds.js';
import { withId } from './ids.js';
import { byPreference, type Listing } from './market-index.js';
import { sizeOrder, worstProceeds } from './sizing.js';
import type { PlannedTrade, StepResult, StepState } from './types.js';

/**
 * Every sell intent (delta below -DUST), in the given order. A sale only to raise cash (`funding`)
 * is made only on venues whose cash can reach a buy: `buyQuotes` are the quote assets the buys
 * use (by default those of every market listing a buy intent's asset).
 */
export function planSells(context: PlanContext, state: StepState, intents: readonly (readonly [string, AssetIntent])[], buyQuotes?: ReadonlySet<string>): StepResult {
  const result: StepResult = { funds: state.funds, nextId: state.nextId, trades: [], diagnostics: [] };
  const reach = reachesBuys(context, buyQuotes ?? quotesOfBuys(context, intents));
  for (const [asset, intent] of intents) {
    if (!intent.delta.lt(0) || intent.delta.abs().lt(DUST)) continue;
    const sold = sellAsset(context, result, asset, intent, intent.funding ? reach : undefined);
    result.trades.push(...sold.trades);
    result.diagnostics.push(...sold.diagnostics);
    result.funds = sold.funds;
    result.nextId = sold.nextId;
  }
  return result;
}

/** Sells one asset's intent over the venues that hold it, each sale's proceeds added to its venue's quote pool. */
export function sellAsset(context: PlanContext, state: StepState, asset: string, intent: AssetIntent, canFund?: (quote: string) => boolean): StepResult {
  const trades: PlannedTrade[] = [];
  const diagnostics: Diagnostic[] = [];
  let { funds, nextId } = state;
  const price = context.priceOf(asset);
  if (!price) return { funds, nextId, trades, diagnostics };
  const candidates = sellCandidates(context, asset).filter((listing) => !canFund || canFund(listing.market.quote));
  // A funding sale nowhere useful is simply not made; the buys it was for report their own shortfall.
  if (candidates.length === 0 && !canFund) {
    diagnostics.push({ severity: 'warning', code: 'constraint.not_sellable', asset, message: `${asset} cannot be sold: no venue that holds it lists a market for it.` });
  }
  let remaining = intent.delta.abs().div(price);
  for (const listing of candidates) {
    if (remaining.lte(0)) break;
    // What flooring to a step leaves behind is not worth a trade of its own elsewhere.
    if (trades.length > 0 && !worthTrading(context, remaining.times(price))) break;
    const { venue, market } = listing;
    const sized = sizeOrder(context, listing, 'sell', Decimal.min(remaining, available(funds, venue.id, asset)), intent.reason);
    if (!sized.order) {
      diagnostics.push(sized.diagnostic);
      continue;
    }
    const trade = withId(sized.order, nextId++);
    const proceeds = worstProceeds(trade);
    funds = move(move(funds, venue.id, asset, trade.quantity.neg()), venue.id, market.quote, proceeds, proceeds.times(context.priceOf(market.quote)!));
    remaining = remaining.minus(trade.quantity);
    trades.push(trade);
  }
  return { funds, nextId, trades, diagnostics };
}

/** Tradable venues holding the asset that list it, in the order to sell from. */
export function sellCandidates(context: PlanContext, asset: string): Listing[] {
  const taxOrder = context.sellVenueOrder?.get(asset) ?? [];
  const rankOf = (venue: string) => (taxOrder.includes(venue) ? taxOrder.indexOf(venue) : taxOrder.length);
  const preferred = byPreference(context.preferDex);
  const held = (listing: Listing) => heldOn(context, listing.venue.id, asset);
  return cashListingsOf(context, asset)
    .filter((listing) => held(listing).gt(0))
    .sort((a, b) => rankOf(a.venue.id) - rankOf(b.venue.id) || preferred(a, b) || held(b).cmp(held(a)));
}

/** The quote assets the buys among `intents` may use: every market that lists a buy's asset. */
export function quotesOfBuys(context: PlanContext, intents: readonly (readonly [string, AssetIntent])[]): Set<string> {
  const quotes = new Set<string>();
  for (const [asset, intent] of intents) if (intent.delta.gt(0)) for (const listing of cashListingsOf(context, asset)) quotes.add(listing.market.quote);
  return quotes;
}

/** Whether cash in `quote` can pay for a buy quoted in one of `buyQuotes`: the same asset moved, or a cash asset converted. */
export function reachesBuys(context: Pick<PlanContext, 'convertible'>, buyQuotes: ReadonlySet<string>): (quote: string) => boolean {
  const convertibleBuy = [...buyQuotes].some((quote) => context.convertible.includes(quote));
  return (quote) => buyQuotes.has(quote) || (convertibleBuy && context.convertible.includes(quote));
}
