// readSwap for a DEX venue: the pair's two ERC-20 tokens (a sell puts the base in, a buy the
// quote) and their decimals from the venue's reader, then the shared EVM receipt reader.
import type { SwapReceipt, SwapReceiptRequest } from '../../ports/swap.js';
import { readEvmSwap } from '../evm/swap-receipt.js';
import type { DexReader } from './dex-reader.js';
import { pairOf } from './quote-swap.js';

export interface DexReadContext {
  id: string;
  tokens: ReadonlyMap<string, string>;
  reader: DexReader;
  nativeSymbol: string;
}

export async function readDexSwap(context: DexReadContext, request: SwapReceiptRequest): Promise<SwapReceipt> {
  const { id, tokens, reader } = context;
  const { base, quote } = pairOf({ id, tokens: tokens as ReadonlyMap<string, `0x${string}`> }, request.symbol);
  const [symbolIn, symbolOut] = request.side === 'sell' ? [base, quote] : [quote, base];
  const token = async (symbol: string) => ({ symbol, address: tokens.get(symbol)!, decimals: await reader.decimalsOf(symbol) });
  const [tokenIn, tokenOut] = await Promise.all([token(symbolIn), token(symbolOut)]);
  return readEvmSwap({ venue: id, client: await reader.client(), nativeSymbol: context.nativeSymbol, tokenIn, tokenOut }, request);
}
