// A paper venue with `swap_pools:` acts as a DEX: each pooled market quotes from a constant-product
// pool (swap-pool.ts) and builds an unsigned "transaction" to a dummy pool address whose data only
// spells out the swap. Nothing here can be signed into anything real; it lets the demo, the CLI and
// the tests exercise a DEX venue's whole path (quote, shrink, hand out) without a node.
import { UsageError } from '../../errors.js';
import type { Decimal } from '../../money.js';
import type { MarketRules } from '../../ports.js';
import type { SwapRequest, SwapVenue, UnsignedSwap } from '../../ports/swap.js';
import { quotePool, type SwapPool } from './swap-pool.js';

export const PAPER_POOL_ADDRESS = '0x00000000000000000000000000000000000face5';
const PAPER_CHAIN_ID = 31337;

export interface PaperSwapDeps {
  venue: string;
  label: string;
  /** Base units deep, per base asset. */
  reserves: Readonly<Record<string, Decimal>>;
  chainId?: number | undefined;
  markets: () => MarketRules[];
  priceOf: (asset: string) => Decimal | undefined;
}

export function createPaperSwap(deps: PaperSwapDeps): SwapVenue {
  const poolOf = (symbol: string): SwapPool => {
    const market = deps.markets().find((m) => m.symbol === symbol);
    const reserve = market ? deps.reserves[market.base] : undefined;
    const [basePrice, quotePrice] = market ? [deps.priceOf(market.base), deps.priceOf(market.quote)] : [];
    if (!market || !reserve || !basePrice || !quotePrice) throw new UsageError(`Venue "${deps.venue}" has no paper pool for ${symbol}; list its base under swap_pools: with a price.`);
    return { symbol, baseReserve: reserve, quoteReserve: reserve.times(basePrice).div(quotePrice), feeRate: market.takerFee, source: `paper pool ${deps.venue}` };
  };
  return {
    quoteSwap: async (request) => quotePool(poolOf(request.symbol), request.side, request.quantity),
    buildSwap: async (request: SwapRequest): Promise<UnsignedSwap> => {
      const quote = quotePool(poolOf(request.symbol), request.side, request.quantity);
      const [base, quoteAsset] = request.symbol.split('/') as [string, string];
      const [gives, gets] = request.side === 'sell' ? [base, quoteAsset] : [quoteAsset, base];
      const description = `paper swap on ${deps.label}: ${quote.amountIn.toFixed()} ${gives} for at least ${request.minAmountOut.toFixed()} ${gets}`;
      const data = `0x${Buffer.from(`${request.clientOrderId} ${description}`, 'utf8').toString('hex')}`;
      return {
        clientOrderId: request.clientOrderId,
        venue: deps.venue,
        quote,
        minAmountOut: request.minAmountOut,
        transactions: [{ chain: 'evm', chainId: deps.chainId ?? PAPER_CHAIN_ID, from: request.from, to: PAPER_POOL_ADDRESS, data, value: '0', description }],
      };
    },
  };
}
