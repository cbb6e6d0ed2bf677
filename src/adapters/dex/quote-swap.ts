// A DEX quote at the planned size (ports/swap.ts), exact input in both directions: a sell of Q
// base puts exactly Q base in; a buy puts in Q units' worth of quote at the 1-unit sell price. The
// reference is the same-direction quote of one unit (a sell of 1 base; a buy with 1 unit's worth of
// quote), so a 1-unit trade has no impact and the impact is what the size adds on top of the fee.
// All in base units; the Decimals come from them exactly.
import type { Address } from 'viem';
import { UsageError, VenueError } from '../../errors.js';
import { Decimal, ONE, ZERO } from '../../money.js';
import type { SwapQuote, SwapQuoteRequest } from '../../ports/swap.js';
import { fromBaseUnits, toBaseUnits } from '../units.js';
import { walletError, type WalletEndpoint } from '../wallet.js';
import { isRevert, type DexReader } from './dex-reader.js';
import type { QuoteContract } from './quote-contract.js';

const ZERO_ADDRESS = /^0x0{40}$/;

export interface DexSwapContext {
  id: string;
  adapter: string;
  endpoint: WalletEndpoint;
  tokens: ReadonlyMap<string, Address>;
  reader: DexReader;
  contract: QuoteContract;
}

/** A quote and what building its transactions needs: the token symbols and exact base units. */
export interface PlannedSwap {
  quote: SwapQuote;
  tokenIn: string;
  tokenOut: string;
  amountIn: bigint;
  amountOut: bigint;
  decimalsIn: number;
  decimalsOut: number;
}

export async function planDexSwap(context: DexSwapContext, request: SwapQuoteRequest): Promise<PlannedSwap> {
  const { id, reader, contract } = context;
  const { base, quote } = pairOf(context, request.symbol);
  if (!request.quantity.isFinite() || request.quantity.lte(0)) throw new UsageError(`Venue "${id}": cannot quote a ${request.side} of ${request.quantity.toString()} ${base}; the quantity must be above 0.`);
  const [baseDecimals, quoteDecimals] = await Promise.all([reader.decimalsOf(base), reader.decimalsOf(quote)]);
  const at = quoteAt(context, `${base}/${quote}`);
  const oneOut = await at(base, quote, 10n ** BigInt(baseDecimals), `a sell of 1 ${base} for ${quote} (the reference quote)`);
  const sell = request.side === 'sell';
  const [tokenIn, tokenOut, decimalsIn, decimalsOut] = sell ? [base, quote, baseDecimals, quoteDecimals] : [quote, base, quoteDecimals, baseDecimals];
  const oneUnitPrice = fromBaseUnits(oneOut, quoteDecimals);
  let referencePrice = oneUnitPrice;
  if (!sell) {
    const oneWorth = await at(quote, base, oneOut, `a buy with 1 ${base}'s worth (${oneUnitPrice.toFixed()} ${quote}, the reference quote)`);
    referencePrice = oneUnitPrice.div(fromBaseUnits(oneWorth, baseDecimals));
  }
  const amountIn = toBaseUnits(sell ? request.quantity : request.quantity.times(oneUnitPrice), decimalsIn);
  if (amountIn === 0n) throw new UsageError(`Venue "${id}": a ${request.side} of ${request.quantity.toFixed()} ${base} puts in less than one base unit of ${tokenIn} (${fromBaseUnits(1n, decimalsIn).toFixed()}).`);
  const inText = `${fromBaseUnits(amountIn, decimalsIn).toFixed()} ${tokenIn}`;
  const amountOut = await at(tokenIn, tokenOut, amountIn, sell ? `a sell of ${inText} for ${quote}` : `a buy of ${request.quantity.toFixed()} ${base} (${inText} in)`);
  const [wholeIn, wholeOut] = [fromBaseUnits(amountIn, decimalsIn), fromBaseUnits(amountOut, decimalsOut)];
  const price = sell ? wholeOut.div(wholeIn) : wholeIn.div(wholeOut);
  const impact = sell ? ONE.minus(price.div(referencePrice)) : price.div(referencePrice).minus(ONE);
  return {
    quote: {
      symbol: `${base}/${quote}`,
      side: request.side,
      amountIn: wholeIn,
      amountOut: wholeOut,
      price,
      referencePrice,
      feeRate: new Decimal(contract.fee).div(1_000_000),
      priceImpact: Decimal.max(impact, ZERO),
      source: `${context.adapter} ${contract.name}`,
    },
    ...{ tokenIn, tokenOut, amountIn, amountOut, decimalsIn, decimalsOut },
  };
}

/** "WETH/USDC" into two of the venue's tokens, both ERC-20. */
export function pairOf({ id, tokens }: Pick<DexSwapContext, 'id' | 'tokens'>, symbol: string): { base: string; quote: string } {
  const [base, quote, extra] = symbol.toUpperCase().split('/');
  if (!base || !quote || extra !== undefined || base === quote) throw new UsageError(`Venue "${id}": ${JSON.stringify(symbol)} is not a market to swap; expected BASE/QUOTE with two of tokens:, such as WETH/USDC.`);
  for (const token of [base, quote]) {
    const address = tokens.get(token);
    if (!address) throw new UsageError(`Venue "${id}": cannot swap ${symbol}: ${token} is not among tokens: (${[...tokens.keys()].join(', ')}).`);
    if (ZERO_ADDRESS.test(address)) {
      throw new UsageError(`Venue "${id}": cannot swap ${symbol}: tokens.${token} is the zero address, which stands for the native coin; swaps here move ERC-20 tokens only, so write the wrapped token's address (WETH for ETH) under tokens:.`);
    }
  }
  return { base, quote };
}

/** One quote in base units; a revert or an empty answer as a VenueError naming the pair, the size and the contract. */
function quoteAt({ id, endpoint, reader, contract }: DexSwapContext, pair: string) {
  return async (tokenIn: string, tokenOut: string, amountIn: bigint, what: string): Promise<bigint> => {
    let out: bigint;
    try {
      out = await reader.amountOut(tokenIn, tokenOut, amountIn);
    } catch (error) {
      if (!isRevert(error)) throw error;
      walletError(id, 'quote a swap', endpoint, error, () => false); // scrubs the node's URL from viem's message
      const why = `the ${contract.name} could not quote ${what} at fee tier ${contract.fee}: the call reverted; is there a ${pair} pool with liquidity for that size?`;
      throw new VenueError(id, 'quote a swap', why, false, { cause: error });
    }
    if (out <= 0n) throw new VenueError(id, 'quote a swap', `the ${contract.name} quotes nothing out for ${what}; the ${pair} pool has no liquidity for that size.`, false);
    return out;
  };
}
