// Shortfalls: the cash for a buy sits on a venue that does not list the asset, or in another of
// the bucket's cash assets. The most preferred venue that lists it gets manual transfers of its
// quote asset from the venues with spare, largest first, then (with convertCash) of the other cash
// assets, converted on the way; and one buy that waits for the first transfer. One order per market: a buy
// already planned there from local cash is folded into that one (its cash comes back first).
import type { Diagnostic } from '../diagnostics.js';
import { formatMoney } from '../format.js';
import { Decimal, ONE } from '../money.js';
import { buyWith, type Shortfall } from './buys.js';
import { cashListingsOf, worthTrading, type PlanContext } from './context.js';
import { move, poolsOf, type Funds } from './funds.js';
import { byPreference, type Listing } from './market-index.js';
import { worstCost } from './sizing.js';
import { conversionAmounts, isFiat, transferAmount } from './transfer-amount.js';
import type { PlannedTrade, StepResult, StepState, Transfer } from './types.js';

export interface FundingResult extends StepResult {
  transfers: Transfer[];
  /** Ids of the local buys folded into a transfer-funded buy on the same market. */
  folded: Set<string>;
}

/** Every shortfall in turn; `localBuys` are the buys planned so far, which a funded buy may fold in. */
export function fundShortfalls(context: PlanContext, state: StepState, shortfalls: readonly Shortfall[], localBuys: readonly PlannedTrade[]): FundingResult {
  const result: FundingResult = { funds: state.funds, nextId: state.nextId, trades: [], diagnostics: [], transfers: [], folded: new Set() };
  for (const shortfall of shortfalls) {
    const funded = fundShortfall(context, result, shortfall, localBuys, result.transfers);
    result.transfers.push(...funded.transfers);
    result.trades.push(...funded.trades);
    result.diagnostics.push(...funded.diagnostics);
    if (funded.folded) result.folded.add(funded.folded);
    result.funds = funded.funds;
    result.nextId = funded.nextId;
  }
  return result;
}

export function fundShortfall(
  context: PlanContext,
  state: StepState,
  shortfall: Shortfall,
  localBuys: readonly PlannedTrade[],
  earlier: number | readonly Transfer[],
): StepResult & { transfers: Transfer[]; folded?: string } {
  const best = cashListingsOf(context, shortfall.asset).sort(byPreference(context.preferDex))[0]!;
  const quotePrice = context.priceOf(best.market.quote)!;
  const moved = transfersFor(context, state.funds, best, shortfall, earlier);
  let { funds } = moved;
  let total = shortfall.value;
  let folded: PlannedTrade | undefined;
  let trade: PlannedTrade | undefined;
  const diagnostics: Diagnostic[] = [];
  const firstTransfer = moved.transfers[0]?.id;
  if (firstTransfer) {
    folded = localBuys.find((t) => t.venue === best.venue.id && t.market === best.market.symbol);
    if (folded) {
      const refund = worstCost(folded);
      funds = move(funds, best.venue.id, best.market.quote, refund, refund.times(quotePrice));
      total = total.plus(folded.value);
    }
    const bought = buyWith(context, { funds, nextId: state.nextId }, best, total, shortfall.reason, firstTransfer);
    ({ funds, trade } = bought);
    diagnostics.push(...bought.diagnostics);
  }
  const left = trade ? total.minus(trade.value) : total;
  // Less than one amount step left after a buy is what flooring to the step leaves, not a lack of cash.
  const flooredAway = trade !== undefined && left.lt(best.market.amountStep.times(context.priceOf(shortfall.asset) ?? ONE));
  if (worthTrading(context, left) && !flooredAway) diagnostics.push(unfundedBuy(context, shortfall.asset, best, left, funds));
  return {
    funds,
    nextId: trade ? state.nextId + 1 : state.nextId,
    trades: trade ? [trade] : [],
    diagnostics,
    transfers: moved.transfers,
    ...(folded ? { folded: folded.id } : {}),
  };
}

/**
 * Transfers to the market's venue until the shortfall is covered at the limit price plus fee: first
 * its quote asset from the other venues' spare, largest first; then, when the quote is a cash
 * asset, the other cash assets' spare, converted on the way (USDC on an exchange becomes USD at a
 * broker: convert it there, or withdraw it as fiat, and deposit it). A transfer worth less than
 * min_trade_value is not proposed. `earlier` are the transfers planned so far (or their count):
 * ids number on from them, and a venue they fund is drawn on last.
 */
export function transfersFor(context: PlanContext, funds: Funds, best: Listing, shortfall: Shortfall, earlier: number | readonly Transfer[]): { funds: Funds; transfers: Transfer[] } {
  const transfersSoFar = typeof earlier === 'number' ? earlier : earlier.length;
  // A venue the plan moves cash into is drawn on last for the next buy (no back and forth while others have spare).
  const received = new Set(typeof earlier === 'number' ? [] : earlier.map((t) => t.to));
  const { venue, market } = best;
  const quotePrice = context.priceOf(market.quote)!;
  let needed = shortfall.value.div(quotePrice).times(ONE.plus(context.slippage)).times(ONE.plus(market.takerFee));
  const transfers: Transfer[] = [];
  const sources = fundingSources(context, funds, venue.id, market.quote);
  for (const source of [...sources.filter((pool) => !received.has(pool.venue)), ...sources.filter((pool) => received.has(pool.venue))]) {
    if (needed.lte(0)) break;
    const sourcePrice = context.priceOf(source.asset);
    if (!sourcePrice) continue;
    // Units of the quote one unit of the source brings.
    const rate = sourcePrice.div(quotePrice);
    const converted = source.asset !== market.quote;
    const { amount, arrives } = converted ? conversionAmounts(source.asset, market.quote, rate, needed.div(rate), source.available) : { amount: transferAmount(source.asset, needed, source.available), arrives: undefined };
    const value = amount.times(sourcePrice);
    if (amount.lte(0) || value.lt(context.minTradeValue)) continue;
    transfers.push({
      id: `x${transfersSoFar + transfers.length + 1}`,
      from: source.venue,
      to: venue.id,
      asset: source.asset,
      amount,
      value,
      ...(arrives ? { arrivesAs: { asset: market.quote, amount: arrives } } : {}),
      reason: `${converted ? `${conversionStep(context, source.venue, source.asset, market.quote, venue)}; it ` : ''}funds the ${shortfall.asset} buy on ${venue.label}`,
      manual: true,
    });
    funds = move(move(funds, source.venue, source.asset, amount.neg()), venue.id, market.quote, arrives ?? amount);
    needed = needed.minus(arrives ?? amount);
  }
  return { funds, transfers };
}

/** Where the quote for a buy on `venue` can come from: the same asset elsewhere, largest first, then the other cash assets anywhere. */
export function fundingSources(context: Pick<PlanContext, 'convertible'>, funds: Funds, venue: string, quote: string): { venue: string; asset: string; available: Decimal }[] {
  const same = poolsOf(funds, quote)
    .filter((pool) => pool.venue !== venue)
    .map((pool) => ({ ...pool, asset: quote }));
  if (!context.convertible.includes(quote)) return same;
  const others = context.convertible
    .filter((asset) => asset !== quote)
    .flatMap((asset) => poolsOf(funds, asset).map((pool) => ({ ...pool, asset })))
    .sort((a, b) => b.available.cmp(a.available) || a.venue.localeCompare(b.venue) || a.asset.localeCompare(b.asset));
  return [...same, ...others];
}

/** The manual step that turns one cash asset into another between venues, in words. */
function conversionStep(context: PlanContext, from: string, asset: string, quote: string, to: Listing['venue']): string {
  const fromLabel = context.markets.venueById.get(from)?.label ?? from;
  if (from === to.id) return `convert ${asset} to ${quote} on ${fromLabel}`;
  // Fiat leaves a broker by bank withdrawal; a token can be sold for fiat where it sits, or withdrawn as fiat.
  if (isFiat(asset) && !isFiat(quote)) return `withdraw the ${asset} from ${fromLabel} and deposit it at ${to.label}, converting it to ${quote} there`;
  if (isFiat(quote) && !isFiat(asset)) return `convert ${asset} to ${quote} on ${fromLabel} (or withdraw it as fiat) and deposit the ${quote} at ${to.label}`;
  return `convert ${asset} to ${quote} on ${fromLabel} and deposit the ${quote} at ${to.label}`;
}

function unfundedBuy(context: PlanContext, asset: string, best: Listing, left: Decimal, funds: Funds): Diagnostic {
  const quote = best.market.quote;
  const spare = context.convertible.includes(quote) && context.convertible.length > 1 ? `cash (${context.convertible.join(', ')})` : quote;
  return {
    severity: 'warning',
    code: 'constraint.unfunded_buy',
    asset,
    message: `${formatMoney(left, context.currency)} of the ${asset} buy is not planned: no venue listing ${asset} has the ${quote} for it, and no other venue holds spare ${spare} to move${funds.spendable.lte(0) ? ' (the cash reserve is reached)' : ''}.`,
  };
}
