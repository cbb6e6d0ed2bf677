// A DEX venue for tests, written against our own port (Venue + quoteSwap/buildSwap): one
// constant-product pool per market (the paper pool's math, adapters/paper/swap-pool.ts), balances
// of its wallet, counted quotes, and quotes that can be made to fail. Not a mocked library: this is
// the shape every DEX adapter implements.
import { Decimal } from '../../src/money.js';
import type { Balance, MarketRules, Venue } from '../../src/ports.js';
import type { SwapQuoteRequest, SwapReceipt, SwapReceiptRequest, SwapRequest, UnsignedSwap } from '../../src/ports/swap.js';
import { quotePool } from '../../src/adapters/paper/swap-pool.js';

const d = (value: string | number) => new Decimal(value);

export interface SwapVenueOptions {
  id?: string;
  label?: string;
  quote?: string;
  /** Per base asset: pool depth in base units and the base's price in quote. */
  pools: Record<string, { reserve: string; price: string }>;
  balances?: Record<string, string>;
  /** Reporting-currency prices the venue reports (its tokens and quote). */
  prices?: Record<string, string>;
  feeRate?: string;
  amountStep?: string;
  minAmount?: string;
  /** Quotes for these symbols fail with this message. */
  failing?: Record<string, string>;
  /** What readSwap answers, by transaction (absent: not found); a test may add to it. */
  receipts?: Record<string, SwapReceipt>;
}

export type TestSwapVenue = Venue & { quotes: SwapQuoteRequest[]; builds: SwapRequest[]; reads: SwapReceiptRequest[] };

export function testSwapVenue(options: SwapVenueOptions): TestSwapVenue {
  const id = options.id ?? 'uniswap';
  const quote = options.quote ?? 'USDC';
  const feeRate = d(options.feeRate ?? '0.003');
  const quotes: SwapQuoteRequest[] = [];
  const builds: SwapRequest[] = [];
  const reads: SwapReceiptRequest[] = [];
  const markets: MarketRules[] = Object.keys(options.pools).map((base) => ({
    symbol: `${base}/${quote}`,
    base,
    quote,
    amountStep: d(options.amountStep ?? '0.001'),
    priceStep: d('0.000001'),
    minAmount: d(options.minAmount ?? '0.001'),
    minNotional: d(0),
    takerFee: feeRate,
    makerFee: feeRate,
  }));
  const poolOf = (symbol: string) => {
    const base = symbol.split('/')[0]!;
    const pool = options.pools[base];
    if (!pool) throw new Error(`no pool for ${symbol}`);
    return { symbol, baseReserve: d(pool.reserve), quoteReserve: d(pool.reserve).times(pool.price), feeRate, source: `test pool ${id} ${symbol}` };
  };
  const quoteSwap = async (request: SwapQuoteRequest) => {
    quotes.push(request);
    const failure = options.failing?.[request.symbol];
    if (failure) throw new Error(failure);
    return quotePool(poolOf(request.symbol), request.side, request.quantity);
  };
  return {
    id,
    label: options.label ?? id,
    kind: 'dex',
    capabilities: { trade: true, limitOrders: false, marketOrders: true, withdraw: false, priceHistory: false, swap: true },
    quotes,
    builds,
    reads,
    readSwap: async (request) => (reads.push(request), options.receipts?.[request.transaction] ?? { status: 'not_found' }),
    fetchBalances: async (): Promise<Balance[]> => Object.entries(options.balances ?? {}).map(([asset, total]) => ({ asset, total: d(total), free: d(total) })),
    fetchPrices: async (assets) => assets.flatMap((asset) => (options.prices?.[asset] ? [{ asset, price: d(options.prices[asset]), at: new Date('2026-11-23T13:59:00Z'), source: id }] : [])),
    fetchMarkets: async () => markets,
    quoteSwap,
    buildSwap: async (request: SwapRequest): Promise<UnsignedSwap> => {
      builds.push(request);
      const sized = quotePool(poolOf(request.symbol), request.side, request.quantity);
      return {
        clientOrderId: request.clientOrderId,
        venue: id,
        quote: sized,
        minAmountOut: request.minAmountOut,
        transactions: [
          ...(request.side === 'buy' ? [{ chain: 'evm' as const, chainId: 1, from: request.from, to: '0x00000000000000000000000000000000000000a1', data: '0x095ea7b3', value: '0', description: `approve ${sized.amountIn.toFixed()} ${quote}` }] : []),
          { chain: 'evm', chainId: 1, from: request.from, to: '0x00000000000000000000000000000000000000b2', data: `0x5ae401dc${request.clientOrderId}`, value: '0', description: `swap ${request.side} ${request.quantity.toFixed()} ${request.symbol}` },
        ],
      };
    },
  };
}
