// A DEX venue (`adapter: uniswap`, `sushiswap` or `pancakeswap`): the balances of `addresses:`
// are read as an evm wallet's are; each token of `tokens:` is priced by quoting one whole unit of
// it into the venue's `quote:` token on-chain (the quote is what a 1-unit swap pays, pool fee
// included). Capabilities say trade: false: this skill holds no keys, so swaps go through K.I.T.'s
// Smart Order Router, and plans never send orders to this venue directly.
import type { Address } from 'viem';
import { UsageError } from '../../errors.js';
import { Decimal } from '../../money.js';
import type { MarketRules, PriceQuote, CreateVenue } from '../../ports.js';
import { createEvmVenue } from '../evm/create-evm-venue.js';
import { configQuotes, READ_ONLY, walletEndpoint, walletError } from '../wallet.js';
import { dexReader } from './dex-reader.js';
import { quoteContract } from './quote-contract.js';

const HEX_ADDRESS = /^0x[0-9a-fA-F]{40}$/;

export const createDexVenue: CreateVenue = (id, config, deps) => {
  const endpoint = walletEndpoint(id, config, deps.env);
  const tokens = new Map(Object.entries(config.tokens).map(([symbol, address]) => [symbol.toUpperCase(), address as Address]));
  for (const [symbol, address] of tokens) if (!HEX_ADDRESS.test(address)) throw new UsageError(`Venue "${id}": tokens.${symbol} ${JSON.stringify(address)} is not an EVM address; expected 0x and 40 hex digits.`);
  const quote = config.quote;
  if (!quote || !tokens.has(quote)) throw new UsageError(`Venue "${id}": adapter ${config.adapter} needs quote: naming one of tokens: (the token prices are quoted in, such as USDC).`);
  const contract = quoteContract(id, config);
  const wallet = config.addresses.length > 0 ? createEvmVenue(id, { ...config, adapter: 'evm' }, deps) : undefined;
  const reader = dexReader(id, endpoint, tokens, contract);
  // The quote token's worth in the reporting currency: itself, or what the config's prices: say; else unknown.
  const quoteValue = quote === (deps.currency ?? 'USD') ? new Decimal(1) : deps.prices[quote];
  const fee = new Decimal(contract.fee).div(1_000_000);

  return {
    id,
    label: config.label ?? id,
    kind: config.kind,
    capabilities: READ_ONLY,

    fetchBalances: async () => (wallet ? wallet.fetchBalances() : []),

    async fetchPrices(assets): Promise<PriceQuote[]> {
      const fromConfig = configQuotes(id, config, deps, assets);
      if (quoteValue === undefined) return fromConfig;
      const wanted = assets.filter((asset) => asset !== quote && tokens.has(asset) && !fromConfig.some((q) => q.asset === asset));
      try {
        const at = deps.clock.now();
        const quoted = await Promise.all(wanted.map(async (asset) => ({ asset, price: (await reader.priceOf(asset, quote)).times(quoteValue), at, source: id })));
        return [...fromConfig, ...quoted];
      } catch (error) {
        reader.reset();
        throw walletError(id, 'fetch prices', endpoint, error, isRetryable);
      }
    },

    async fetchMarkets(): Promise<MarketRules[]> {
      try {
        const quoteStep = new Decimal(10).pow(-(await reader.decimalsOf(quote)));
        const bases = [...tokens.keys()].filter((symbol) => symbol !== quote);
        return await Promise.all(
          bases.map(async (base) => {
            const amountStep = new Decimal(10).pow(-(await reader.decimalsOf(base)));
            return { symbol: `${base}/${quote}`, base, quote, amountStep, priceStep: quoteStep, minAmount: amountStep, minNotional: new Decimal(0), takerFee: fee, makerFee: fee };
          }),
        );
      } catch (error) {
        reader.reset();
        throw walletError(id, 'fetch markets', endpoint, error, isRetryable);
      }
    },
  };
};

function isRetryable(error: unknown): boolean {
  const name = error instanceof Error ? error.name : '';
  return /HttpRequestError|TimeoutError|RpcRequestError|SocketClosedError|LimitExceededRpcError|InternalRpcError|UnknownRpcError|FetchError|TypeError/.test(name);
}
