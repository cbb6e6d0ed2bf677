// Jupiter on Solana (`adapter: jupiter`): the balances of `addresses:` read as a solana wallet's;
// prices from Jupiter's Price API (USD) or its swap quotes (other currencies, see jupiter-prices);
// swaps quoted at the planned size through the Swap API and handed out as the unsigned
// transaction Jupiter builds; a swap the user signed is read back from the Solana node to be
// booked (read-swap). This skill holds no keys: it never signs and never sends.
import type { VenueConfig } from '../../config.js';
import { jupiterVenueProblems } from '../../config/jupiter-fields.js';
import { UsageError } from '../../errors.js';
import { Decimal } from '../../money.js';
import type { CreateVenue, MarketRules, Venue, VenueDeps } from '../../ports.js';
import { createScrubber } from '../ccxt/scrub.js';
import { resolveCredentials } from '../credentials.js';
import type { Send } from '../http-json.js';
import { createSolanaVenue, DEFAULT_SOLANA_RPC } from '../solana/create-solana-venue.js';
import { configQuotes, SWAPS_ONLY, walletEndpoint } from '../wallet.js';
import { buildJupiterSwap } from './build-swap.js';
import { toJupiterError } from './errors.js';
import { createJupiterApi, DEFAULT_JUPITER_URL } from './jupiter-api.js';
import { jupiterPrices } from './jupiter-prices.js';
import { mintDecimals } from './mint-decimals.js';
import { readJupiterSwap } from './read-swap.js';
import { planSwap, toSwapQuote, type SwapContext } from './swap-quotes.js';


export const createJupiterVenue: CreateVenue = (id, config, deps) => createJupiterVenueWith(id, config, deps);

export function createJupiterVenueWith(id: string, config: VenueConfig, deps: VenueDeps, options: { send?: Send } = {}): Venue {
  const problem = jupiterVenueProblems(config)[0];
  if (problem) throw new UsageError(`Venue "${id}": ${problem.path.join('.')}: ${problem.message}.`);
  // base_url is Jupiter's host here, never the Solana node's.
  const rpcConfig: VenueConfig = { ...config, adapter: 'solana', base_url: undefined };
  const endpoint = walletEndpoint(id, rpcConfig, deps.env, DEFAULT_SOLANA_RPC);
  const apiKey = config.credentials?.['api_key'] ? resolveCredentials(id, { api_key: config.credentials['api_key'] }, deps.env)['api_key'] : undefined;
  const scrubKey = createScrubber([apiKey]);
  const scrub = (text: string) => endpoint.scrub(scrubKey(text));
  const tokens = new Map(Object.entries(config.tokens).map(([symbol, mint]) => [symbol.toUpperCase(), mint]));
  const context: SwapContext = { venue: id, api: createJupiterApi({ baseUrl: config.base_url ?? DEFAULT_JUPITER_URL, apiKey, send: options.send }), decimals: mintDecimals(endpoint.url), tokens };
  const wallet = config.addresses.length > 0 ? createSolanaVenue(id, rpcConfig, deps) : undefined;
  const addresses = [...new Set(config.addresses)];
  const quote = config.quote!.toUpperCase();
  const currency = deps.currency ?? 'USD';
  const call = async <T>(operation: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw toJupiterError(id, operation, scrub, error);
    }
  };

  return {
    id,
    label: config.label ?? id,
    kind: config.kind,
    capabilities: SWAPS_ONLY,

    fetchBalances: async () => (wallet ? wallet.fetchBalances() : []),

    fetchPrices: (assets) =>
      call('fetch prices', async () => {
        const fromConfig = configQuotes(id, config, deps, assets);
        const rest = assets.filter((asset) => !fromConfig.some((q) => q.asset === asset));
        const quoteValue = quote === currency ? new Decimal(1) : deps.prices[quote];
        return [...fromConfig, ...(await jupiterPrices(context, { currency, quote, quoteValue, at: deps.clock.now() }, rest))];
      }),

    fetchMarkets: () =>
      call('fetch markets', async (): Promise<MarketRules[]> => {
        const quoteStep = new Decimal(10).pow(-(await context.decimals.of(tokens.get(quote)!)));
        const bases = [...tokens.keys()].filter((symbol) => symbol !== quote);
        // A route's fee is only known per quote (quoteSwap's feeRate); fee_rate: is the planning estimate.
        const fee = config.fee_rate;
        return Promise.all(
          bases.map(async (base) => {
            const amountStep = new Decimal(10).pow(-(await context.decimals.of(tokens.get(base)!)));
            return { symbol: `${base}/${quote}`, base, quote, amountStep, priceStep: quoteStep, minAmount: amountStep, minNotional: new Decimal(0), takerFee: fee, makerFee: fee };
          }),
        );
      }),

    quoteSwap: (request) => call('quote a swap', async () => toSwapQuote(await planSwap(context, request))),
    buildSwap: (request) => call('build a swap', () => buildJupiterSwap(context, addresses, request)),
    readSwap: (request) => call('read a swap', () => readJupiterSwap({ swap: context, rpcUrl: endpoint.url, addresses }, request)),
  };
}
