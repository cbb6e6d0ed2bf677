// A centralised exchange through ccxt (`adapter: ccxt`, `exchange: binance|coinbase|kraken|bybit|okx`).
// Balances, tickers, market rules, daily candles and orders come from the exchange; `quote:` and
// `markets:` only narrow which markets count. The exchange's module is imported on first use, so
// building the venue costs nothing until the snapshot asks it something.
import type { Exchange, MarketInterface as Market } from 'ccxt';
import type { VenueConfig } from '../../config.js';
import { UsageError } from '../../errors.js';
import { ONE } from '../../money.js';
import type { CreateVenue, MarketRules, PricePoint, PriceQuote, VenueCapabilities } from '../../ports.js';
import { resolveCredentials } from '../credentials.js';
import { balancesOf, requiredCredentials } from './account.js';
import { createConnection, retryAfterSeconds } from './connection.js';
import { toVenueError, type ErrorContext } from './errors.js';
import { EXCHANGES } from './exchanges.js';
import { pemLines } from './load-exchange.js';
import { isTradableSpot, toMarketRules } from './market-rules.js';
import { createCcxtOrders } from './orders.js';
import { fetchDailyCloses } from './price-history.js';
import { planPricing, quotesFromTickers, symbolsOf, withBidsAsks, type PricingContext } from './pricing.js';
import { createScrubber } from './scrub.js';

const CAPABILITIES: VenueCapabilities = { trade: true, limitOrders: true, marketOrders: true, withdraw: false, priceHistory: true };

export const createCcxtVenue: CreateVenue = (id, config, deps) => {
  const exchange = config.exchange;
  if (!exchange) throw new UsageError(`Venue "${id}": adapter ccxt needs exchange: (one of ${Object.keys(EXCHANGES).join(', ')}).`);
  const profile = EXCHANGES[exchange];
  const keys = resolveCredentials(id, requiredCredentials(id, config), deps.env);
  const connection = createConnection({ venue: id, exchange, apiKey: keys['api_key'], secret: keys['secret'], password: keys['password'], sandbox: config.sandbox, baseUrl: config.base_url });
  const scrub = createScrubber([keys['api_key'], keys['secret'], pemLines(keys['secret']), keys['password']]);
  const errors: ErrorContext = { venue: id, scrub, duplicate: profile.duplicate, retryAfter: () => retryAfterSeconds(connection.current()) };
  const pricing: PricingContext = { currency: deps.currency ?? 'USD', configPrices: deps.prices, preferredQuote: config.quote };
  const call = async <T>(operation: string, run: (client: Exchange) => Promise<T>): Promise<T> => {
    try {
      return await run(await connection.ready());
    } catch (error) {
      throw toVenueError(errors, operation, error);
    }
  };

  return {
    id,
    label: config.label ?? id,
    kind: config.kind,
    capabilities: CAPABILITIES,

    fetchBalances: () => call('fetch balances', async (ex) => balancesOf(await ex.fetchBalance())),

    fetchPrices: (assets) =>
      call('fetch prices', async (ex): Promise<PriceQuote[]> => {
        const plan = planPricing(spotMarkets(ex), assets, pricing);
        const symbols = symbolsOf(plan);
        if (symbols.length === 0) return [];
        const [tickers, books] = await Promise.all([ex.fetchTickers(symbols), profile.bidsAsksApart ? ex.fetchBidsAsks(symbols) : {}]);
        return quotesFromTickers(plan, withBidsAsks(tickers, books), pricing, { venue: id, now: deps.clock.now() });
      }),

    fetchMarkets: () => call('fetch markets', async (ex): Promise<MarketRules[]> => counted(ex, config).map((market) => toMarketRules(market, { precisionMode: ex.precisionMode ?? 4, defaultFee: config.fee_rate }))),

    fetchPriceHistory: (asset, from, to) =>
      call('fetch price history', async (ex): Promise<PricePoint[]> => {
        // Only where no conversion at today's rate is needed: the reporting currency, or a quote the config values.
        const plan = planPricing(spotMarkets(ex), [asset], pricing);
        const market = plan.legs.get(asset);
        if (!market || plan.quoteLegs.size > 0) return [];
        return fetchDailyCloses(ex, market, from, to, pricing.configPrices[market.quote] ?? ONE);
      }),

    ...createCcxtOrders({
      venue: id,
      exchange,
      profile,
      client: connection.ready,
      errors,
      clock: deps.clock,
      candidateSymbols: async () => counted(await connection.ready(), config).map((market) => market.symbol),
    }),
  };
};

function spotMarkets(client: Exchange): Market[] {
  return Object.values((client.markets ?? {}) as Record<string, Market>).filter(isTradableSpot);
}

/** The markets this venue trades in: spot, narrowed by the config's quote: and markets:. */
function counted(client: Exchange, config: VenueConfig): Market[] {
  const bases = Object.keys(config.markets);
  return spotMarkets(client).filter((market) => (!config.quote || market.quote === config.quote) && (bases.length === 0 || bases.includes(market.base)));
}
