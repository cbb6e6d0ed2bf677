// The execution planner: intents (value per asset) -> trades a venue will accept. Pure.
// Sells happen where the asset is held, on venues that can trade it (CEX before DEX unless
// prefer_dex). Buys go where a market exists and the quote cash is, counting the worst-case
// proceeds of sells planned on that venue; when the cash sits elsewhere, a transfer of the same
// asset (or, with convertCash, of another cash asset converted on the way: USDC on an exchange to
// USD at a broker) is proposed as a manual step and the buy waits for it. A sale made only to
// raise cash is made only where a planned buy can use it. No buy is planned that its venue
// cannot fund at its limit price plus fee, and no cash below the reserve is spent. Amounts are
// floored to each market's step; orders under a venue's minimums or min_trade_value are dropped
// and reported, and the cash they would have moved stays where it is. The steps live in
// execution-planner/, one a file.
export { applyPlan } from './execution-planner/apply-plan.js';
export { buyAsset, buyWith, planBuys, type Shortfall } from './execution-planner/buys.js';
export { DUST, planContext, worthTrading, type PlanContext } from './execution-planner/context.js';
export { available, move, openFunds, poolsOf, venueKey, type CashPoolsInput, type Funds } from './execution-planner/funds.js';
export { byPreference, indexMarkets, isListedOn, listingsOf, type Listing, type MarketIndex } from './execution-planner/market-index.js';
export { largestFirst, planVenueTrades } from './execution-planner/plan-venue-trades.js';
export { planSells, quotesOfBuys, reachesBuys, sellAsset, sellCandidates } from './execution-planner/sells.js';
export { belowMinimum, limitPriceFor, sizeOrder, worstCost, worstProceeds, type Order, type Sized, type SizingRules } from './execution-planner/sizing.js';
export { conversionAmounts, isFiat, transferAmount, transferStep } from './execution-planner/transfer-amount.js';
export { fundingSources, fundShortfall, fundShortfalls, transfersFor, type FundingResult } from './execution-planner/transfers.js';
export { fundSwapBuys } from './execution-planner/swap-funding.js';
export { applySwapPricing, swapKey, swapTrades, type SwapPricingRules, type SwapSizing } from './execution-planner/swap-pricing.js';
export type { PlannedTrade, TradeSwap, StepResult, StepState, Transfer, VenueInfo, VenuePlan, VenuePlanInput } from './execution-planner/types.js';
// From the plan's trades to the orders execute sends (limit prices, splits, client order ids).
export * from './execution-planner/orders/index.js';
