// A DEX venue (`adapter: uniswap`, `sushiswap` or `pancakeswap`): the balances of `addresses:`
// are read as an evm wallet's are; each token of `tokens:` is priced by quoting one whole unit of
// it into the venue's `quote:` token on-chain (the quote is what a 1-unit swap pays, pool fee
// included). It trades by swaps, never orders: quoteSwap prices the planned size (fee and price
// impact), buildSwap returns the unsigned approval and swap for the wallet to sign, readSwap reads
// the signed one back from its receipt (evm/swap-receipt.ts) so it can be booked. This skill
// holds no keys, so there is no placeOrder; swaps leave through K.I.T.'s Smart Order Router or,
// standalone, as calldata.
import type { Address } from 'viem';
import { RebalancerError, UsageError } from '../../errors.js';
import { Decimal } from '../../money.js';
import type { MarketRules, PriceQuote, CreateVenue } from '../../ports.js';
import { createEvmVenue } from '../evm/create-evm-venue.js';
import { configQuotes, SWAPS_ONLY, walletEndpoint, walletError } from '../wallet.js';
import { buildDexSwap, type DexBuildContext } from './build-swap.js';
import { dexReader, isRetryable } from './dex-reader.js';
import { quoteContract } from './quote-contract.js';
import { planDexSwap } from './quote-swap.js';
import { readDexSwap } from './read-swap.js';
import { swapContract } from './swap-contract.js';

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
  const swaps: DexBuildContext = { id, adapter: config.adapter, endpoint, tokens, reader, contract, addresses: config.addresses, router: swapContract(id, config, contract), chainId: config.chain_id, clock: deps.clock };
  // The quote token's worth in the reporting currency: itself, or what the config's prices: say; else unknown.
  const quoteValue = quote === (deps.currency ?? 'USD') ? new Decimal(1) : deps.prices[quote];
  const fee = new Decimal(contract.fee).div(1_000_000);
  /** Our own errors pass as they are; the node's become VenueErrors, scrubbed, after which the next call reconnects. */
  const guarded = async <T>(operation: string, read: () => Promise<T>): Promise<T> => {
    try {
      return await read();
    } catch (error) {
      if (error instanceof RebalancerError) throw error;
      reader.reset();
      throw walletError(id, operation, endpoint, error, isRetryable);
    }
  };

  return {
    id,
    label: config.label ?? id,
    kind: config.kind,
    capabilities: SWAPS_ONLY,

    fetchBalances: async () => (wallet ? wallet.fetchBalances() : []),

    async fetchPrices(assets): Promise<PriceQuote[]> {
      const fromConfig = configQuotes(id, config, deps, assets);
      if (quoteValue === undefined) return fromConfig;
      const wanted = assets.filter((asset) => asset !== quote && tokens.has(asset) && !fromConfig.some((q) => q.asset === asset));
      const at = deps.clock.now();
      const quoted = await guarded('fetch prices', () => Promise.all(wanted.map(async (asset) => ({ asset, price: (await reader.priceOf(asset, quote)).times(quoteValue), at, source: id }))));
      return [...fromConfig, ...quoted];
    },

    fetchMarkets: (): Promise<MarketRules[]> =>
      guarded('fetch markets', async () => {
        const quoteStep = new Decimal(10).pow(-(await reader.decimalsOf(quote)));
        const bases = [...tokens.keys()].filter((symbol) => symbol !== quote);
        return Promise.all(
          bases.map(async (base) => {
            const amountStep = new Decimal(10).pow(-(await reader.decimalsOf(base)));
            return { symbol: `${base}/${quote}`, base, quote, amountStep, priceStep: quoteStep, minAmount: amountStep, minNotional: new Decimal(0), takerFee: fee, makerFee: fee };
          }),
        );
      }),

    quoteSwap: (request) => guarded('quote a swap', async () => (await planDexSwap(swaps, request)).quote),
    buildSwap: (request) => guarded('build a swap', () => buildDexSwap(swaps, request)),
    readSwap: (request) => guarded('read a swap', () => readDexSwap({ id, tokens, reader, nativeSymbol: config.native_symbol ?? 'ETH' }, request)),
  };
};
