// Prices in the reporting currency from an exchange's tickers. A ticker in the reporting currency
// (BTC/USD with currency USD) is used as it is. A ticker in another quote (BTC/USDT) counts only if
// that quote has a value: from the config's `prices:` (USDT: 1 is how a user says "1:1", the same
// source paper venues price from) or from the exchange's own USDT/USD ticker. A stablecoin is never
// assumed to be worth one unit of the currency. The price is the bid/ask midpoint, else the last trade.
import type { MarketInterface as Market, Ticker } from 'ccxt';
import { Decimal, ONE } from '../../money.js';
import type { PriceQuote } from '../../ports.js';
import { dec } from './numbers.js';

export interface PricingContext {
  currency: string;
  configPrices: Readonly<Record<string, Decimal>>;
  /** The venue's `quote:`, tried right after the reporting currency. */
  preferredQuote?: string | undefined;
}

export interface PricePlan {
  /** asset -> the market its price comes from */
  legs: Map<string, Market>;
  /** quote -> its market against the reporting currency, where the config gives it no value */
  quoteLegs: Map<string, Market>;
}

export function planPricing(markets: readonly Market[], assets: readonly string[], context: PricingContext): PricePlan {
  const byPair = new Map(markets.map((market) => [`${market.base}/${market.quote}`, market]));
  const legs = new Map<string, Market>();
  const quoteLegs = new Map<string, Market>();
  const quoteValued = (quote: string) => quote === context.currency || context.configPrices[quote] !== undefined || byPair.has(`${quote}/${context.currency}`);
  for (const asset of assets) {
    if (asset === context.currency) continue;
    const quotes = [context.currency, context.preferredQuote, ...markets.filter((m) => m.base === asset).map((m) => m.quote).sort()];
    const quote = quotes.find((q): q is string => q !== undefined && q !== asset && byPair.has(`${asset}/${q}`) && quoteValued(q));
    if (!quote) continue;
    legs.set(asset, byPair.get(`${asset}/${quote}`)!);
    if (quote !== context.currency && context.configPrices[quote] === undefined) quoteLegs.set(quote, byPair.get(`${quote}/${context.currency}`)!);
  }
  return { legs, quoteLegs };
}

/** Every symbol the plan needs a ticker for. */
export function symbolsOf(plan: PricePlan): string[] {
  return [...new Set([...plan.legs.values(), ...plan.quoteLegs.values()].map((market) => market.symbol))].sort();
}

/** Tickers with the bid, ask and time of the exchange's best bid/ask where the tickers lack them. */
export function withBidsAsks(tickers: Readonly<Record<string, Ticker>>, books: Readonly<Record<string, Ticker>>): Record<string, Ticker> {
  const out: Record<string, Ticker> = { ...tickers };
  for (const [symbol, book] of Object.entries(books)) {
    if (book.bid === undefined || book.ask === undefined) continue;
    out[symbol] = { ...(out[symbol] ?? book), bid: book.bid, ask: book.ask, ...(book.timestamp ? { timestamp: book.timestamp, datetime: book.datetime } : {}) };
  }
  return out;
}

/** The midpoint of a sane bid and ask, else the last trade, else the close. */
export function tickerPrice(ticker: Ticker | undefined): Decimal | undefined {
  if (!ticker) return undefined;
  const bid = dec(ticker.bid);
  const ask = dec(ticker.ask);
  if (bid && ask && bid.gt(0) && ask.gte(bid)) return bid.plus(ask).div(2);
  const last = dec(ticker.last) ?? dec(ticker.close);
  return last && last.gt(0) ? last : undefined;
}

export function quotesFromTickers(plan: PricePlan, tickers: Readonly<Record<string, Ticker>>, context: PricingContext, meta: { venue: string; now: Date }): PriceQuote[] {
  const at = (ticker: Ticker | undefined) => (ticker?.timestamp ? new Date(ticker.timestamp) : meta.now);
  const quoteValue = (quote: string): { price: Decimal; ticker?: Ticker } | undefined => {
    if (quote === context.currency) return { price: ONE };
    const configured = context.configPrices[quote];
    if (configured !== undefined) return { price: configured };
    const ticker = tickers[plan.quoteLegs.get(quote)?.symbol ?? ''];
    const price = tickerPrice(ticker);
    return price ? { price, ...(ticker ? { ticker } : {}) } : undefined;
  };
  const quotes: PriceQuote[] = [];
  for (const [asset, market] of plan.legs) {
    const ticker = tickers[market.symbol];
    const price = tickerPrice(ticker);
    const value = quoteValue(market.quote);
    if (!price || !value) continue;
    // The older of the two tickers dates a converted price.
    const when = value.ticker && at(value.ticker) < at(ticker) ? at(value.ticker) : at(ticker);
    quotes.push({ asset, price: price.times(value.price), at: when, source: `${meta.venue} ${market.symbol}` });
  }
  return quotes;
}
