// A MetaTrader 5 account through our HTTP bridge (`adapter: mt5`, protocol in docs/mt5-bridge.md).
// The bridge runs beside the terminal and holds the MT5 login; this skill holds only the bridge's
// bearer token, as ${ENV}. Holdings are in units, orders in lots (see symbols.ts and account.ts).
import type { VenueConfig } from '../../config.js';
import { UsageError } from '../../errors.js';
import type { CreateVenue, MarketRules, PriceQuote, Venue, VenueCapabilities, VenueDeps } from '../../ports.js';
import { createScrubber } from '../ccxt/scrub.js';
import { resolveCredentials } from '../credentials.js';
import type { Send } from '../http-json.js';
import { fetchMt5Balances } from './account.js';
import { createBridge } from './bridge.js';
import { toVenueError, type ErrorContext } from './errors.js';
import { createMt5Orders } from './orders.js';
import { positionsSchema, quotesSchema } from './payloads.js';
import { createSymbolBook, toMarketRules } from './symbols.js';

const CAPABILITIES: VenueCapabilities = { trade: true, limitOrders: true, marketOrders: true, withdraw: false, priceHistory: false };
export const DEFAULT_BRIDGE_URL = 'http://127.0.0.1:8228';
const TIMEOUT_MS = 10_000;

export interface Mt5Options {
  send?: Send;
  timeoutMs?: number;
}

export const createMt5Venue: CreateVenue = (id, config, deps) => createMt5VenueWith(id, config, deps);

export function createMt5VenueWith(id: string, config: VenueConfig, deps: VenueDeps, options: Mt5Options = {}): Venue {
  if (!config.credentials?.['token']) {
    throw new UsageError(`Venue "${id}": adapter mt5 needs the bridge token as credentials: {token: \${MT5_BRIDGE_TOKEN}}.`);
  }
  const { token } = resolveCredentials(id, { token: config.credentials['token'] }, deps.env) as { token: string };
  const bridge = createBridge({ baseUrl: config.base_url ?? DEFAULT_BRIDGE_URL, token, timeoutMs: options.timeoutMs ?? TIMEOUT_MS, send: options.send });
  const symbols = createSymbolBook(bridge, config);
  const errors: ErrorContext = { venue: id, scrub: createScrubber([token]) };
  const call = async <T>(operation: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw toVenueError(errors, operation, error);
    }
  };
  const currency = deps.currency ?? 'USD';

  /** The assets this venue trades: those mapped or listed in the config, and those it holds. */
  const tradedAssets = async () => {
    const { positions } = await bridge.call('GET', '/positions', positionsSchema);
    return [...new Set([...Object.keys(config.symbols ?? {}), ...Object.keys(config.markets), ...positions.map((p) => symbols.assetOf(p.symbol))])].sort();
  };

  return {
    id,
    label: config.label ?? id,
    kind: config.kind,
    capabilities: CAPABILITIES,

    fetchBalances: () => call('fetch balances', () => fetchMt5Balances(bridge, symbols)),

    fetchPrices: (assets) =>
      call('fetch prices', async (): Promise<PriceQuote[]> => {
        const wanted = assets.filter((asset) => asset !== currency).map((asset) => ({ asset, symbol: symbols.symbolOf(asset) }));
        if (wanted.length === 0) return [];
        const { quotes } = await bridge.call('GET', `/quotes?symbols=${wanted.map((w) => encodeURIComponent(w.symbol)).join(',')}`, quotesSchema);
        const out: PriceQuote[] = [];
        for (const { asset, symbol } of wanted) {
          const quote = quotes.find((q) => q.symbol === symbol);
          // Only a symbol priced in the reporting currency gives a price; the bridge does no conversion.
          if (!quote || quote.bid.lte(0) || quote.ask.lt(quote.bid) || (await symbols.info(symbol))?.currency_profit !== currency) continue;
          out.push({ asset, price: quote.bid.plus(quote.ask).div(2), at: new Date(quote.time), source: `${id} ${symbol}` });
        }
        return out;
      }),

    fetchMarkets: () =>
      call('fetch markets', async (): Promise<MarketRules[]> => {
        const rules: MarketRules[] = [];
        for (const asset of await tradedAssets()) {
          const info = await symbols.info(symbols.symbolOf(asset));
          if (info && info.trade_mode !== 'disabled' && info.trade_mode !== 'close_only') rules.push(toMarketRules(asset, info, config.fee_rate));
        }
        return rules;
      }),

    ...createMt5Orders({ bridge, symbols, errors, clock: deps.clock }),
  };
}
