// A swap at the planned size, as the Swap port defines it (ports/swap.ts): a sell swaps exactly
// Q base in; a buy swaps in the quote that Q base costs at the 1-unit sell price. The reference
// is the same-direction quote of one unit's worth; the price impact is Jupiter's own figure.
import { UsageError } from '../../errors.js';
import { Decimal } from '../../money.js';
import type { OrderSide, SwapQuote } from '../../ports.js';
import { fromBaseUnits, toBaseUnits } from '../units.js';
import { JupiterApiError, type JupiterApi, type JupiterQuote, type QuoteParams } from './jupiter-api.js';
import type { MintDecimals } from './mint-decimals.js';
import { routeFeeRate } from './route-fee.js';

export const DEFAULT_SLIPPAGE_BPS = 50;

export interface SwapContext {
  venue: string;
  api: JupiterApi;
  decimals: MintDecimals;
  /** Symbol -> mint. */
  tokens: ReadonlyMap<string, string>;
}

interface Side {
  symbol: string;
  mint: string;
  decimals: number;
}

export interface Pair {
  symbol: string;
  base: Side;
  quote: Side;
}

/** A planned swap: the Jupiter quote at size, the 1-unit reference, and what was asked. */
export interface PlannedSwap {
  pair: Pair;
  side: OrderSide;
  params: QuoteParams;
  actual: JupiterQuote;
  reference: JupiterQuote;
}

export async function resolvePair(context: SwapContext, symbol: string): Promise<Pair> {
  const [base, quote, extra] = symbol.toUpperCase().split('/');
  const known = [...context.tokens.keys()].join(', ');
  if (!base || !quote || extra !== undefined || base === quote) throw new UsageError(`Venue "${context.venue}": ${JSON.stringify(symbol)} is not a market; expected BASE/QUOTE of tokens: (${known}).`);
  for (const token of [base, quote]) if (!context.tokens.has(token)) throw new UsageError(`Venue "${context.venue}": ${token} is not in tokens: (${known}); add its mint address to swap it.`);
  const side = async (token: string): Promise<Side> => ({ symbol: token, mint: context.tokens.get(token)!, decimals: await context.decimals.of(context.tokens.get(token)!) });
  const [b, q] = await Promise.all([side(base), side(quote)]);
  return { symbol: `${base}/${quote}`, base: b, quote: q };
}

export async function planSwap(context: SwapContext, request: { symbol: string; side: OrderSide; quantity: Decimal }): Promise<PlannedSwap> {
  const pair = await resolvePair(context, request.symbol);
  const { base, quote } = pair;
  const amount = toBaseUnits(request.quantity, base.decimals);
  if (amount <= 0n) throw new UsageError(`Venue "${context.venue}": ${request.quantity.toString()} ${base.symbol} is less than one base unit (${base.decimals} decimals).`);
  const ask = (from: Side, to: Side, units: bigint): QuoteParams => ({ inputMint: from.mint, outputMint: to.mint, amount: units, slippageBps: DEFAULT_SLIPPAGE_BPS });
  const oneUnit = 10n ** BigInt(base.decimals);
  if (request.side === 'sell') {
    const params = ask(base, quote, amount);
    const [actual, reference] = await Promise.all([context.api.quote(params), amount === oneUnit ? undefined : context.api.quote(ask(base, quote, oneUnit))]);
    return { pair, side: 'sell', params, actual, reference: reference ?? actual };
  }
  // A buy spends quote: Q times the 1-unit sell price, rounded down to the quote's base units.
  const unitSell = await context.api.quote(ask(base, quote, oneUnit));
  const unitWorth = BigInt(unitSell.answer.outAmount);
  const spend = toBaseUnits(request.quantity.times(fromBaseUnits(unitWorth, quote.decimals)), quote.decimals);
  if (unitWorth <= 0n || spend <= 0n) throw new JupiterApiError(`/swap/v1/quote: Jupiter quotes nothing for 1 ${base.symbol} in ${quote.symbol}`, false);
  const params = ask(quote, base, spend);
  const [actual, reference] = await Promise.all([context.api.quote(params), spend === unitWorth ? undefined : context.api.quote(ask(quote, base, unitWorth))]);
  return { pair, side: 'buy', params, actual, reference: reference ?? actual };
}

/** The port's SwapQuote from a planned swap (or a re-quote of its actual leg). */
export function toSwapQuote(planned: PlannedSwap, actual: JupiterQuote = planned.actual): SwapQuote {
  const { pair, side } = planned;
  const [inSide, outSide] = side === 'sell' ? [pair.base, pair.quote] : [pair.quote, pair.base];
  const amounts = (q: JupiterQuote) => ({ in: fromBaseUnits(BigInt(q.answer.inAmount), inSide.decimals), out: fromBaseUnits(BigInt(q.answer.outAmount), outSide.decimals) });
  const now = amounts(actual);
  const ref = amounts(planned.reference);
  if (now.out.isZero() || ref.out.isZero()) throw new JupiterApiError(`/swap/v1/quote: Jupiter quotes no ${outSide.symbol} out for ${now.in.toFixed()} ${inSide.symbol}`, false);
  const quotePerBase = (a: { in: Decimal; out: Decimal }) => (side === 'sell' ? a.out.div(a.in) : a.in.div(a.out));
  const labels = [...new Set(actual.answer.routePlan.map((step) => step.swapInfo.label).filter((label): label is string => !!label))];
  return {
    symbol: pair.symbol,
    side,
    amountIn: now.in,
    amountOut: now.out,
    price: quotePerBase(now),
    referencePrice: quotePerBase(ref),
    feeRate: routeFeeRate(actual.answer.inputMint, actual.answer.routePlan),
    // Jupiter's own figure; a favourable (negative) one is no impact.
    priceImpact: Decimal.max(0, actual.answer.priceImpactPct),
    source: `jupiter (${labels.join(', ') || 'route'})`,
  };
}
