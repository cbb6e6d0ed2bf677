// readSwap for 1inch: the pair's tokens as quoting names them (the native coin under 1inch's
// 0xEeee... address), then the shared EVM receipt reader, over the venue's node (rpc_url).
import type { SwapReceipt, SwapReceiptRequest } from '../../ports/swap.js';
import { readEvmSwap } from '../evm/swap-receipt.js';
import { SwapRefusal } from './errors.js';
import { token, type QuoteDeps } from './swap-quote.js';
import { isNative } from './token-decimals.js';

export async function readOneInchSwap(deps: Pick<QuoteDeps, 'decimals' | 'tokens'> & { venue: string; nativeSymbol: string }, request: SwapReceiptRequest): Promise<SwapReceipt> {
  const [baseSymbol, quoteSymbol, extra] = request.symbol.split('/');
  if (extra !== undefined) throw new SwapRefusal(`${JSON.stringify(request.symbol)} is not a pair; expected BASE/QUOTE such as ETH/USDC`);
  const [base, quote] = await Promise.all([token(deps, baseSymbol, request.symbol), token(deps, quoteSymbol, request.symbol)]);
  const [tokenIn, tokenOut] = (request.side === 'sell' ? [base, quote] : [quote, base]).map((t) => ({ ...t, native: isNative(t.address) }));
  return readEvmSwap({ venue: deps.venue, client: await deps.decimals.client(), nativeSymbol: deps.nativeSymbol, tokenIn: tokenIn!, tokenOut: tokenOut! }, request);
}
