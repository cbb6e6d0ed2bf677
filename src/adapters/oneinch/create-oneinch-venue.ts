// A 1inch venue (`adapter: 1inch`): quotes, prices and swaps through 1inch's Swap API v6.0 on
// `chain_id:`, and the balances of `addresses:` read from `rpc_url:` as an evm wallet's are. The
// API key comes only from ${ENV} and is scrubbed from every message. This skill holds no keys for
// the chain: a swap leaves as unsigned transactions (buildSwap), never as a sent order.
import type { VenueConfig } from '../../config.js';
import { oneInchProblems } from '../../config/oneinch-checks.js';
import { UsageError } from '../../errors.js';
import { Decimal } from '../../money.js';
import type { CreateVenue, MarketRules, PriceQuote, Venue, VenueDeps } from '../../ports.js';
import { createScrubber } from '../ccxt/scrub.js';
import { resolveCredentials } from '../credentials.js';
import { createEvmVenue } from '../evm/create-evm-venue.js';
import { HttpFailure, type Send } from '../http-json.js';
import { fromBaseUnits } from '../units.js';
import { configQuotes, SWAPS_ONLY, walletEndpoint, walletError } from '../wallet.js';
import { createOneInchApi, DEFAULT_ONEINCH_URL, OneInchAnswerError } from './api.js';
import { buildOneInchSwap } from './build-swap.js';
import { SwapRefusal, toVenueError, type ErrorContext } from './errors.js';
import { readOneInchSwap } from './read-swap.js';
import { planSwap } from './swap-quote.js';
import { isNative, NATIVE_TOKEN, tokenDecimals } from './token-decimals.js';

const TIMEOUT_MS = 10_000;

export interface OneInchOptions {
  send?: Send;
  timeoutMs?: number;
}

export const createOneInchVenue: CreateVenue = (id, config, deps) => createOneInchVenueWith(id, config, deps);

export function createOneInchVenueWith(id: string, config: VenueConfig, deps: VenueDeps, options: OneInchOptions = {}): Venue {
  const { api, node, decimals, tokens, errors } = connect(id, config, deps, options);
  const [quote, chainId] = [config.quote!, config.chain_id!];
  const wallet = walletOf(id, config, deps);
  const quoteValue = quote === (deps.currency ?? 'USD') ? new Decimal(1) : deps.prices[quote]; // the quote token's worth in the reporting currency, else unknown
  const fee = config.fee_tier === undefined ? new Decimal(0) : new Decimal(config.fee_tier).div(1_000_000);
  const [quoteDeps, receipts] = [{ api, decimals, tokens }, { decimals, tokens, venue: id, nativeSymbol: config.native_symbol ?? 'ETH' }];

  const call = async <T>(operation: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof UsageError) throw error; // ours say what to do already (another wallet's transaction)
      if (error instanceof OneInchAnswerError || error instanceof HttpFailure || error instanceof SwapRefusal) throw toVenueError(errors, operation, error);
      decimals.reset(); // anything else came from the node (decimals, receipts): said as the wallets say it
      throw walletError(id, operation, node, error, nodeRetryable);
    }
  };
  const unitPrice = async (asset: string) => {
    const [inDecimals, outDecimals] = await Promise.all([decimals.of(tokens.get(asset)!), decimals.of(tokens.get(quote)!)]);
    return fromBaseUnits(await api.quote(tokens.get(asset)!, tokens.get(quote)!, 10n ** BigInt(inDecimals)), outDecimals);
  };

  return {
    id,
    label: config.label ?? id,
    kind: config.kind,
    capabilities: SWAPS_ONLY,

    fetchBalances: async () => (wallet ? wallet.fetchBalances() : []),

    fetchPrices: (assets) =>
      call('fetch prices', async (): Promise<PriceQuote[]> => {
        const fromConfig = configQuotes(id, config, deps, assets);
        if (quoteValue === undefined) return fromConfig;
        const wanted = assets.filter((asset) => asset !== quote && tokens.has(asset) && !fromConfig.some((q) => q.asset === asset));
        const at = deps.clock.now();
        const quoted = await Promise.all(wanted.map(async (asset) => ({ asset, price: (await unitPrice(asset)).times(quoteValue), at, source: id })));
        return [...fromConfig, ...quoted];
      }),

    fetchMarkets: () =>
      call('fetch markets', async (): Promise<MarketRules[]> => {
        const priceStep = new Decimal(10).pow(-(await decimals.of(tokens.get(quote)!)));
        const bases = [...tokens.keys()].filter((symbol) => symbol !== quote);
        // The steps come from the node; one quote asks 1inch too, so a refused key or an unreachable API shows here (kit venues check), not first at swap time.
        if (bases[0] !== undefined) await unitPrice(bases[0]);
        return Promise.all(
          bases.map(async (base) => {
            const amountStep = new Decimal(10).pow(-(await decimals.of(tokens.get(base)!)));
            return { symbol: `${base}/${quote}`, base, quote, amountStep, priceStep, minAmount: amountStep, minNotional: new Decimal(0), takerFee: fee, makerFee: fee };
          }),
        );
      }),

    quoteSwap: (request) => call('quote swap', async () => (await planSwap(quoteDeps, request)).quote),
    buildSwap: (request) => call('build swap', () => buildOneInchSwap({ ...quoteDeps, venue: id, chainId, wallets: config.addresses }, request)),
    readSwap: (request) => call('read swap', () => readOneInchSwap(receipts, request)),
  };
}

/** The addresses' balances, read as an evm wallet reads them (1inch's name for the native coin is no ERC-20). */
function walletOf(id: string, config: VenueConfig, deps: VenueDeps): Venue | undefined {
  if (config.addresses.length === 0) return undefined;
  const erc20 = Object.fromEntries(Object.entries(config.tokens).filter(([, address]) => !isNative(address)));
  return createEvmVenue(id, { ...config, adapter: 'evm', base_url: undefined, tokens: erc20 }, deps);
}

/** The config checked, the key resolved, the API client and the node for token decimals. */
function connect(id: string, config: VenueConfig, deps: VenueDeps, options: OneInchOptions) {
  const problems = oneInchProblems(config);
  if (problems.length > 0) throw new UsageError(`Venue "${id}": ${problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('; ')}.`);
  const keyReference = config.credentials!['api_key']!;
  const { api_key: apiKey } = resolveCredentials(id, { api_key: keyReference }, deps.env) as { api_key: string };
  // rpc_url only: base_url is 1inch's, not the node's.
  const node = walletEndpoint(id, { ...config, base_url: undefined }, deps.env);
  const api = createOneInchApi({ baseUrl: config.base_url ?? DEFAULT_ONEINCH_URL, chainId: config.chain_id!, apiKey, timeoutMs: options.timeoutMs ?? TIMEOUT_MS, send: options.send });
  const scrubKey = createScrubber([apiKey]);
  const errors: ErrorContext = { venue: id, keyVariable: /\$\{(\w+)\}/.exec(keyReference)?.[1] ?? 'the api_key variable', scrub: (text) => node.scrub(scrubKey(text)) };
  return { api, node, decimals: tokenDecimals(node.url), tokens: tokensOf(config), errors };
}

/** The config's tokens by upper-case symbol, and the chain's native coin under 1inch's address for it unless the config names it. */
function tokensOf(config: VenueConfig): Map<string, string> {
  const tokens = new Map(Object.entries(config.tokens).map(([symbol, address]) => [symbol.toUpperCase(), address]));
  const native = config.native_symbol ?? 'ETH';
  if (!tokens.has(native) && ![...tokens.values()].some(isNative)) tokens.set(native, NATIVE_TOKEN);
  return tokens;
}

function nodeRetryable(error: unknown): boolean {
  const name = error instanceof Error ? error.name : '';
  return /HttpRequestError|TimeoutError|RpcRequestError|SocketClosedError|LimitExceededRpcError|InternalRpcError|UnknownRpcError|FetchError|TypeError/.test(name);
}
