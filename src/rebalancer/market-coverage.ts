// Which target assets a tradable venue can buy, by the execution planner's rule: it pays for a buy
// with cash (the cash assets above the reserve), so only a market quoted in one of the config's
// cash assets serves a target; SOL/EUR does not when EUR is not a cash asset. Such a market
// serves whether the venue holds that cash yet or not (a sale there or a transfer brings it), but
// a venue holding none of it is said, since until then the planner has nothing to buy with there.
import type { MarketRules } from '../ports.js';

export interface TargetCoverage {
  asset: string;
  /** Markets of the asset quoted in a cash asset: those whose quote the venue holds first, then in cash_assets order. */
  covering: string[];
  /** The quote of the first covering market when the venue holds none of it. */
  unheldQuote?: string | undefined;
  /** Markets of the asset quoted in something that is not a cash asset. */
  other: { symbol: string; quote: string }[];
}

export interface MarketCoverage {
  /** Needed assets some covering market serves. */
  listed: string[];
  missing: string[];
  targets: TargetCoverage[];
}

export function marketCoverage(markets: readonly MarketRules[], input: { needed: readonly string[]; cashAssets: readonly string[]; held: ReadonlySet<string> }): MarketCoverage {
  const rank = (market: MarketRules) => [input.held.has(market.quote) ? 0 : 1, input.cashAssets.indexOf(market.quote)] as const;
  const targets = input.needed.map((asset): TargetCoverage => {
    const own = markets.filter((market) => market.base === asset && market.quote !== asset);
    const covering = own.filter((market) => input.cashAssets.includes(market.quote)).sort((a, b) => rank(a)[0] - rank(b)[0] || rank(a)[1] - rank(b)[1]);
    const first = covering[0];
    return {
      asset,
      covering: covering.map((market) => market.symbol),
      ...(first && !input.held.has(first.quote) ? { unheldQuote: first.quote } : {}),
      other: own.filter((market) => !input.cashAssets.includes(market.quote)).map((market) => ({ symbol: market.symbol, quote: market.quote })),
    };
  });
  return { listed: targets.filter((t) => t.covering.length > 0).map((t) => t.asset), missing: targets.filter((t) => t.covering.length === 0).map((t) => t.asset), targets };
}
