// A centralised exchange through ccxt (`adapter: ccxt`, `exchange: binance|coinbase|kraken|bybit|okx`).
// Balances, tickers, market rules, daily candles and orders come from the exchange; `quote:` and
// `markets:` only narrow which markets count. The exchange's module is imported on first use, so
// building the venue costs nothing until the snapshot asks it something.
import type { Exchange, MarketInterface as Market } from 'ccxt';
import type { VenueConfig } from '../../config.js';
import { UsageError } from '../../errors.js';
import type { Balance, CreateVenue, MarketRules, PricePoint, PriceQuote, VenueCapabilities } from '../../ports.js';
import { resolveCredentials } from '../credentials.js';
import { toVenueError, type ErrorContext } from './errors.js';
import { EXCHANGES } from './exchanges.js';
import { loadExchange } from './load-exchange.js';
import { isTradableSpot, toMarketRules } from './market-rules.js';
import { dec } from './numbers.js';
import { createCcxtOrders } from './orders.js';
import { fetchDailyCloses } from './price-history.js';
import { planPricing, quotesFromTickers, symbolsOf, type PricingContext } from './pricing.js';
import { createScrubber } from './scrub.js';

const CAPABILITIES: VenueCapabilities = { trade: true, limitOrders: true, marketOrders: true, withdraw: false, priceHistory: true };

export const createCcxtVenue: CreateVenue = (id, config, deps) => {
  const exchange = config.exchange;
  if (!exchange) throw new UsageError(`Venue "${id}": adapter ccxt needs exchange: (one of ${Object.keys(EXCHANGES).join(', ')}).`);
  const profile = EXCHANGES[exchange];
  const credentials = resolveCredentials(id, requiredCredentials(id, config), deps.env);
  const scrub = createScrubber([credentials['api_key'], credentials['secret'], credentials['password']]);
  let client: Exchange | undefined;
  const errors: ErrorContext = { venue: id, scrub, duplicate: profile.duplicate, retryAfter: () => retryAfterSeconds(client) };
  const pricing: PricingContext = { currency: deps.currency ?? 'USD', configPrices: deps.prices, preferredQuote: config.quote };

  let ready: Promise<Exchange> | undefined;
  const connect = (): Promise<Exchange> => {
    ready ??= (async () => {
      client ??= await loadExchange({ venue: id, exchange, apiKey: credentials['api_key'], secret: credentials['secret'], password: credentials['password'], sandbox: config.sandbox, baseUrl: config.base_url });
      await client.loadMarkets();
      return client;
    })().catch((error: unknown) => {
      ready = undefined; // the next call tries again
      throw error;
    });
    return ready;
  };
  /** The markets this venue trades in: spot, narrowed by the config's quote: and markets:. */
  const counted = (all: Record<string, Market> | undefined) =>
    Object.values(all ?? {}).filter((market) => isTradableSpot(market) && (!config.quote || market.quote === config.quote) && (Object.keys(config.markets).length === 0 || market.base in config.markets));
  const call = async <T>(operation: string, run: (client: Exchange) => Promise<T>): Promise<T> => {
    try {
      return await run(await connect());
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
        return quotesFromTickers(plan, await ex.fetchTickers(symbols), pricing, { venue: id, now: deps.clock.now() });
      }),

    fetchMarkets: () => call('fetch markets', async (ex): Promise<MarketRules[]> => counted(ex.markets).map((market) => toMarketRules(market, { precisionMode: ex.precisionMode ?? 4, defaultFee: config.fee_rate }))),

    fetchPriceHistory: (asset, from, to) =>
      call('fetch price history', async (ex): Promise<PricePoint[]> => {
        // Only where the price needs no conversion at a rate of today: the reporting currency, or a quote the config values.
        const plan = planPricing(spotMarkets(ex), [asset], pricing);
        const market = plan.legs.get(asset);
        if (!market || plan.quoteLegs.size > 0) return [];
        const value = market.quote === pricing.currency ? dec(1)! : pricing.configPrices[market.quote]!;
        return fetchDailyCloses(ex, market, from, to, value);
      }),

    ...createCcxtOrders({
      venue: id,
      exchange,
      profile,
      client: connect,
      errors,
      clock: deps.clock,
      candidateSymbols: async () => counted((await connect()).markets).map((market) => market.symbol),
    }),
  };
};

/** The credentials this exchange needs, as the config names them; a missing one is a clear error. */
function requiredCredentials(id: string, config: VenueConfig): Record<string, string> {
  const needed = ['api_key', 'secret', ...(config.exchange === 'okx' ? ['password'] : [])];
  const given = config.credentials ?? {};
  const missing = needed.filter((key) => !given[key]);
  if (missing.length > 0) {
    throw new UsageError(`Venue "${id}": ${config.exchange} needs credentials ${missing.map((key) => `${key}: \${...}`).join(', ')}.`, {
      details: `Write them under credentials:, such as api_key: \${${id.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_API_KEY}, and set those variables in the environment.`,
    });
  }
  return Object.fromEntries(Object.entries(given).filter(([key]) => ['api_key', 'secret', 'password'].includes(key)));
}

function balancesOf(balance: Awaited<ReturnType<Exchange['fetchBalance']>>): Balance[] {
  const totals = (balance.total ?? {}) as unknown as Record<string, unknown>;
  const out: Balance[] = [];
  for (const asset of Object.keys(totals).sort()) {
    const entry = balance[asset] as { free?: unknown; used?: unknown; total?: unknown } | undefined;
    const free = dec(entry?.free);
    const used = dec(entry?.used);
    const total = dec(entry?.total) ?? (free && used ? free.plus(used) : undefined);
    if (!total || total.isZero()) continue;
    out.push({ asset, total, free: free ?? total.minus(used ?? 0) });
  }
  return out;
}

function spotMarkets(client: Exchange): Market[] {
  return Object.values((client.markets ?? {}) as Record<string, Market>).filter(isTradableSpot);
}

function retryAfterSeconds(client: Exchange | undefined): number | undefined {
  const headers = (client?.last_response_headers ?? {}) as Record<string, string | undefined>;
  const value = Number(headers['retry-after'] ?? headers['Retry-After']);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}
