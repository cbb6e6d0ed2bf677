// Intents (value per asset) -> trades a venue will accept. Pure. The steps, each in its own file:
// open the cash pools (funds.ts), sell where the asset is held (sells.ts), buy with the cash on
// the venue (buys.ts), bring cash by manual transfer for what no venue could fund (transfers.ts);
// every order is floored to its market's step and checked against the minimums (sizing.ts).
// The funds and the next trade id pass from step to step; each step returns what it added.
import type { Diagnostic } from '../diagnostics.js';
import type { AssetIntent } from '../strategies/intent.js';
import { applyPlan } from './apply-plan.js';
import { planBuys } from './buys.js';
import { planContext, type PlanContext } from './context.js';
import { openFunds } from './funds.js';
import { indexMarkets } from './market-index.js';
import { planSells, reachesBuys } from './sells.js';
import { fundShortfalls } from './transfers.js';
import type { VenuePlan, VenuePlanInput } from './types.js';

export function planVenueTrades(input: VenuePlanInput): VenuePlan {
  const markets = input.markets ?? indexMarkets(input.venues);
  const context = planContext(input, markets);
  const intents = largestFirst(input.intents);
  const first = planWith(input, context, intents);
  // A sale only to raise cash whose proceeds no planned buy can use (the buys it was for came to
  // nothing, or pay in a quote its cash cannot reach) is pointless: plan again without it.
  const buyQuotes = new Set(first.trades.filter((t) => t.side === 'buy').map((t) => t.quote));
  const reach = reachesBuys(context, buyQuotes);
  const idle = [...new Set(first.trades.filter((t) => t.side === 'sell' && input.intents.get(t.asset)?.funding && !reach(t.quote)).map((t) => t.asset))];
  if (idle.length === 0) return first;
  const second = planWith(input, context, intents, buyQuotes);
  // The first plan knew why the buys came to nothing (a minimum order, say): that stays said.
  const said = new Set(second.diagnostics.map((x) => x.message));
  const why = first.diagnostics.filter((x) => x.code === 'plan.skipped' && !said.has(x.message) && input.intents.get(x.asset ?? '')?.delta.gt(0));
  const dropped = idle.map((asset): Diagnostic => ({ severity: 'info', code: 'plan.funding_sale_dropped', asset, message: `${asset} is not sold to raise cash: no buy its proceeds could pay for can be placed.` }));
  return { ...second, diagnostics: [...second.diagnostics, ...why, ...dropped] };
}

function planWith(input: VenuePlanInput, context: PlanContext, intents: readonly [string, AssetIntent][], buyQuotes?: ReadonlySet<string>): VenuePlan {
  const funds = openFunds(context.markets, { holdings: input.holdings, cashAssets: input.cashAssets, priceOf: context.priceOf, reserveValue: input.reserveValue });
  const sells = planSells(context, { funds, nextId: 1 }, intents, buyQuotes);
  const buys = planBuys(context, { funds: sells.funds, nextId: sells.nextId }, intents);
  const funded = fundShortfalls(context, { funds: buys.funds, nextId: buys.nextId }, buys.shortfalls, buys.trades);
  const trades = [...sells.trades, ...buys.trades.filter((trade) => !funded.folded.has(trade.id)), ...funded.trades];
  return {
    trades,
    transfers: funded.transfers,
    diagnostics: [...sells.diagnostics, ...buys.diagnostics, ...funded.diagnostics],
    holdingsAfter: applyPlan(input.holdings, trades, funded.transfers),
  };
}

/** Largest change first, then by asset: the biggest trades get the best venues and the cash first. */
export function largestFirst(intents: ReadonlyMap<string, AssetIntent>): [string, AssetIntent][] {
  return [...intents].sort((a, b) => b[1].delta.abs().cmp(a[1].delta.abs()) || a[0].localeCompare(b[0]));
}
