// Shortfalls: the cash for a buy sits on a venue that does not list the asset. The most
// preferred venue that lists it gets a manual transfer of its quote asset from the venues with
// spare, largest first, and one buy that waits for the transfer. One order per market: a buy
// already planned there from local cash is folded into that one (its cash comes back first).
import type { Diagnostic } from '../diagnostics.js';
import { formatMoney } from '../format.js';
import { Decimal, ONE } from '../money.js';
import { buyWith, type Shortfall } from './buys.js';
import { worthTrading, type PlanContext } from './context.js';
import { move, poolsOf, type Funds } from './funds.js';
import { byPreference, listingsOf, type Listing } from './market-index.js';
import { worstCost } from './sizing.js';
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
    const funded = fundShortfall(context, result, shortfall, localBuys, result.transfers.length);
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
  transfersSoFar: number,
): StepResult & { transfers: Transfer[]; folded?: string } {
  const best = listingsOf(context.markets, shortfall.asset).sort(byPreference(context.preferDex))[0]!;
  const quotePrice = context.priceOf(best.market.quote)!;
  const moved = transfersFor(context, state.funds, best, shortfall, transfersSoFar);
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
  if (worthTrading(context, left)) diagnostics.push(unfundedBuy(context, shortfall.asset, best, left, funds));
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
 * Transfers of the market's quote asset to its venue from the other venues' spare, largest first,
 * until the shortfall is covered at the limit price plus fee; a transfer worth less than
 * min_trade_value is not proposed.
 */
export function transfersFor(context: PlanContext, funds: Funds, best: Listing, shortfall: Shortfall, transfersSoFar: number): { funds: Funds; transfers: Transfer[] } {
  const { venue, market } = best;
  const quotePrice = context.priceOf(market.quote)!;
  let needed = shortfall.value.div(quotePrice).times(ONE.plus(context.slippage)).times(ONE.plus(market.takerFee));
  const transfers: Transfer[] = [];
  for (const source of poolsOf(funds, market.quote).filter((pool) => pool.venue !== venue.id)) {
    if (needed.lte(0)) break;
    const amount = Decimal.min(needed, source.available);
    if (amount.times(quotePrice).lt(context.minTradeValue)) continue;
    transfers.push({
      id: `x${transfersSoFar + transfers.length + 1}`,
      from: source.venue,
      to: venue.id,
      asset: market.quote,
      amount,
      value: amount.times(quotePrice),
      reason: `funds the ${shortfall.asset} buy on ${venue.label}`,
      manual: true,
    });
    funds = move(move(funds, source.venue, market.quote, amount.neg()), venue.id, market.quote, amount);
    needed = needed.minus(amount);
  }
  return { funds, transfers };
}

function unfundedBuy(context: PlanContext, asset: string, best: Listing, left: Decimal, funds: Funds): Diagnostic {
  const quote = best.market.quote;
  return {
    severity: 'warning',
    code: 'constraint.unfunded_buy',
    asset,
    message: `${formatMoney(left, context.currency)} of the ${asset} buy is not planned: no venue listing ${asset} has the ${quote} for it, and no other venue holds spare ${quote} to move${funds.spendable.lte(0) ? ' (the cash reserve is reached)' : ''}.`,
  };
}
