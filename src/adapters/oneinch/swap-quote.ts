// quoteSwap through 1inch, per the Swap port's definitions: a sell swaps exactly Q base in; a buy
// swaps Q times the 1-unit sell price of quote in. The reference is the same-direction quote of
// one whole unit (a buy: one unit's worth of quote), so the impact is what the size costs. 1inch
// folds its sources' fees into the amounts: feeRate 0, the fee is in the price.
import { Decimal } from '../../money.js';
import type { OrderSide, SwapQuote, SwapQuoteRequest } from '../../ports.js';
import { fromBaseUnits, toBaseUnits } from '../units.js';
import type { OneInchApi } from './api.js';
import { SwapRefusal } from './errors.js';
import type { TokenDecimals } from './token-decimals.js';

export interface Token {
  symbol: string;
  address: string;
  decimals: number;
}

/** A quote with what buildSwap needs: the tokens in and out and the exact base-unit amounts. */
export interface PlannedSwap {
  quote: SwapQuote;
  tokenIn: Token;
  tokenOut: Token;
  amountInBase: bigint;
  amountOutBase: bigint;
}

export interface QuoteDeps {
  api: Pick<OneInchApi, 'quote'>;
  decimals: TokenDecimals;
  /** The venue's tokens: symbol -> address (the native coin included). */
  tokens: ReadonlyMap<string, string>;
}

export async function planSwap(deps: QuoteDeps, request: SwapQuoteRequest): Promise<PlannedSwap> {
  const parts = request.symbol.split('/');
  if (parts.length !== 2) throw new SwapRefusal(`${JSON.stringify(request.symbol)} is not a pair; expected BASE/QUOTE such as ETH/USDC`);
  const [baseSymbol, quoteSymbol] = parts;
  const base = await token(deps, baseSymbol, request.symbol);
  const quote = await token(deps, quoteSymbol, request.symbol);
  if (!request.quantity.isFinite() || request.quantity.lte(0)) throw new SwapRefusal(`cannot swap ${request.quantity.toString()} ${base.symbol}; expected a positive quantity`);
  const oneBase = 10n ** BigInt(base.decimals);
  const sellOne = await deps.api.quote(base.address, quote.address, oneBase);
  if (sellOne === 0n) throw new SwapRefusal(`1inch quotes 1 ${base.symbol} at 0 ${quote.symbol}; no route with liquidity`);
  return request.side === 'sell' ? sell(deps, request, base, quote, sellOne) : buy(deps, request, base, quote, sellOne);
}

async function sell(deps: QuoteDeps, request: SwapQuoteRequest, base: Token, quote: Token, sellOne: bigint): Promise<PlannedSwap> {
  const amountInBase = atLeastOneUnit(toBaseUnits(request.quantity, base.decimals), request.quantity, base);
  const amountOutBase = amountInBase === 10n ** BigInt(base.decimals) ? sellOne : await deps.api.quote(base.address, quote.address, amountInBase);
  const reference = fromBaseUnits(sellOne, quote.decimals);
  const swap = { tokenIn: base, tokenOut: quote, amountInBase, amountOutBase };
  return { ...swap, quote: swapQuote(request, swap, reference) };
}

async function buy(deps: QuoteDeps, request: SwapQuoteRequest, base: Token, quote: Token, sellOne: bigint): Promise<PlannedSwap> {
  const unitPrice = fromBaseUnits(sellOne, quote.decimals);
  const worth = request.quantity.times(unitPrice);
  const amountInBase = atLeastOneUnit(toBaseUnits(worth, quote.decimals), worth, quote);
  const amountOutBase = await deps.api.quote(quote.address, base.address, amountInBase);
  // One unit's worth of quote, swapped the same way: the buy's price before impact.
  const unitOut = amountInBase === sellOne ? amountOutBase : await deps.api.quote(quote.address, base.address, sellOne);
  if (unitOut === 0n || amountOutBase === 0n) throw new SwapRefusal(`1inch quotes 0 ${base.symbol} for ${fromBaseUnits(amountInBase, quote.decimals).toFixed()} ${quote.symbol}; no route with liquidity`);
  const reference = unitPrice.div(fromBaseUnits(unitOut, base.decimals));
  const swap = { tokenIn: quote, tokenOut: base, amountInBase, amountOutBase };
  return { ...swap, quote: swapQuote(request, swap, reference) };
}

/** The port's SwapQuote of amounts in and out against a reference price (quote per base). */
export function swapQuote(request: { symbol: string; side: OrderSide }, swap: Omit<PlannedSwap, 'quote'>, referencePrice: Decimal): SwapQuote {
  const amountIn = fromBaseUnits(swap.amountInBase, swap.tokenIn.decimals);
  const amountOut = fromBaseUnits(swap.amountOutBase, swap.tokenOut.decimals);
  const price = amountOut.isZero() ? new Decimal(0) : request.side === 'sell' ? amountOut.div(amountIn) : amountIn.div(amountOut);
  const worse = request.side === 'sell' ? new Decimal(1).minus(price.div(referencePrice)) : amountOut.isZero() ? new Decimal(1) : price.div(referencePrice).minus(1);
  return { symbol: request.symbol, side: request.side, amountIn, amountOut, price, referencePrice, feeRate: new Decimal(0), priceImpact: Decimal.max(worse, 0), source: '1inch' };
}

/** One side of a pair: its address and decimals, or a refusal naming the venue's tokens. */
export async function token(deps: Pick<QuoteDeps, 'decimals' | 'tokens'>, symbol: string | undefined, pair: string): Promise<Token> {
  const address = symbol === undefined ? undefined : deps.tokens.get(symbol);
  if (!symbol || !address) throw new SwapRefusal(`cannot quote ${pair}: ${symbol || 'its base or quote'} is not one of this venue's tokens (${[...deps.tokens.keys()].join(', ')})`);
  return { symbol, address, decimals: await deps.decimals.of(address) };
}

function atLeastOneUnit(amount: bigint, written: Decimal, token: Token): bigint {
  if (amount <= 0n) throw new SwapRefusal(`${written.toFixed()} ${token.symbol} is less than one base unit of the token (${token.decimals} decimals)`);
  return amount;
}
