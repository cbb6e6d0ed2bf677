// A DEX venue (`adapter: uniswap`, `sushiswap` or `pancakeswap`): the balances of `addresses:`
// are read as an evm wallet's are; each token of `tokens:` is priced by quoting one whole unit of
// it into the venue's `quote:` token on-chain (the quote is what a 1-unit swap pays, pool fee
// included). Capabilities say trade: false: this skill holds no keys, so swaps go through K.I.T.'s
// Smart Order Router, and plans never send orders to this venue directly.
import type { Address, PublicClient } from 'viem';
import { UsageError } from '../../errors.js';
import { Decimal } from '../../money.js';
import type { MarketRules, PriceQuote, CreateVenue } from '../../ports.js';
import { createEvmVenue } from '../evm/create-evm-venue.js';
import { fromBaseUnits } from '../units.js';
import { configQuotes, READ_ONLY, walletEndpoint, walletError } from '../wallet.js';
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
  const decimals = new Map<string, Promise<number>>();
  let client: Promise<PublicClient> | undefined;
  const connect = async () => {
    const { createPublicClient, http } = await import('viem');
    return createPublicClient({ transport: http(endpoint.url, { retryCount: 0 }) }) as PublicClient;
  };
  const decimalsOf = async (symbol: string): Promise<number> => {
    if (!decimals.has(symbol)) {
      const { erc20Abi } = await import('viem');
      const read = (await (client ??= connect())).readContract({ address: tokens.get(symbol)!, abi: erc20Abi, functionName: 'decimals' }).then(Number);
      decimals.set(symbol, read.catch((error: unknown) => { decimals.delete(symbol); throw error; }));
    }
    return decimals.get(symbol)!;
  };
  // The quote token's worth in the reporting currency: itself, or what the config's prices: say; else unknown.
  const quoteValue = quote === (deps.currency ?? 'USD') ? new Decimal(1) : deps.prices[quote];
  const fee = new Decimal(contract.fee).div(1_000_000);

  const priceOf = async (symbol: string): Promise<Decimal> => {
    const [inDecimals, outDecimals] = await Promise.all([decimalsOf(symbol), decimalsOf(quote)]);
    try {
      const out = await contract.quote(await (client ??= connect()), tokens.get(symbol)!, tokens.get(quote)!, 10n ** BigInt(inDecimals));
      return fromBaseUnits(out, outDecimals);
    } catch (error) {
      if (/ContractFunction(Execution|Revert|ZeroData)Error/.test(error instanceof Error ? error.name : '')) {
        throw walletError(id, 'fetch prices', endpoint, new Error(`the ${contract.name} could not quote 1 ${symbol} in ${quote} (fee tier ${contract.fee}): the call reverted; is there a ${symbol}/${quote} pool with liquidity, and are quoter/router and fee_tier right?`, { cause: error }), () => false);
      }
      throw error;
    }
  };

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
        const quoted = await Promise.all(wanted.map(async (asset) => ({ asset, price: (await priceOf(asset)).times(quoteValue), at, source: id })));
        return [...fromConfig, ...quoted];
      } catch (error) {
        client = undefined;
        throw walletError(id, 'fetch prices', endpoint, error, isRetryable);
      }
    },

    async fetchMarkets(): Promise<MarketRules[]> {
      try {
        const quoteStep = new Decimal(10).pow(-(await decimalsOf(quote)));
        const bases = [...tokens.keys()].filter((symbol) => symbol !== quote);
        return await Promise.all(
          bases.map(async (base) => {
            const amountStep = new Decimal(10).pow(-(await decimalsOf(base)));
            return { symbol: `${base}/${quote}`, base, quote, amountStep, priceStep: quoteStep, minAmount: amountStep, minNotional: new Decimal(0), takerFee: fee, makerFee: fee };
          }),
        );
      } catch (error) {
        client = undefined;
        throw walletError(id, 'fetch markets', endpoint, error, isRetryable);
      }
    },
  };
};

function isRetryable(error: unknown): boolean {
  const name = error instanceof Error ? error.name : '';
  return /HttpRequestError|TimeoutError|RpcRequestError|SocketClosedError|LimitExceededRpcError|InternalRpcError|UnknownRpcError|FetchError|TypeError/.test(name);
}
