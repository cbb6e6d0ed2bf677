// The largest size of a DEX trade whose price impact stays within slippage_tolerance, in a bounded
// number of quotes (each one a node or API round trip). Impact grows with size; on a constant-
// product pool (Uniswap V2-style, and V3 within a tick range) it is a Möbius function of the size
// with impact 0 at the one-unit reference, i(x) = a(x-1) / (1 + b(x-1)), so two quotes fit it and
// the next lands on the answer; each guess is then checked with its neighbour one amount step away.
// Any other source still converges by the same checks and bisection, only in more quotes.
import { errorMessage } from '../errors.js';
import type { SwapSizing } from '../execution-planner.js';
import { ceilToStep, Decimal, floorToStep, ONE } from '../money.js';
import type { MarketRules } from '../ports.js';
import type { SwapQuote } from '../ports/swap.js';

export type Quoter = (quantity: Decimal) => Promise<SwapQuote>;

/** At most this many quotes per trade (the planned size included), plus one of the smallest order when none fitted. */
export const MAX_QUOTES = 6;

interface Point {
  quantity: Decimal;
  quote: SwapQuote;
}

export async function sizeSwap(quoteAt: Quoter, planned: Decimal, market: Pick<MarketRules, 'amountStep' | 'minAmount'>, tolerance: Decimal): Promise<SwapSizing> {
  try {
    return await search(quoteAt, planned, market, tolerance);
  } catch (error) {
    return { kind: 'failed', message: errorMessage(error) };
  }
}

async function search(quoteAt: Quoter, planned: Decimal, market: Pick<MarketRules, 'amountStep' | 'minAmount'>, tolerance: Decimal): Promise<SwapSizing> {
  const step = market.amountStep;
  const first = await quoteAt(planned);
  if (first.priceImpact.lte(tolerance)) return { kind: 'quoted', quantity: planned, quote: first };
  const smallest = Decimal.max(ceilToStep(market.minAmount, step), step);
  const points: Point[] = [{ quantity: planned, quote: first }];
  const fits = (point: Point) => point.quote.priceImpact.lte(tolerance);
  const best = () => points.filter(fits).sort((a, b) => b.quantity.cmp(a.quantity))[0];
  const worst = () => points.filter((p) => !fits(p)).sort((a, b) => a.quantity.cmp(b.quantity))[0]!;
  while (points.length < MAX_QUOTES) {
    const lo = best();
    const hi = worst();
    const floor = lo ? lo.quantity : smallest.minus(step);
    if (hi.quantity.minus(floor).lte(step)) break;
    const next = nextGuess(points, { lo: floor, hi: hi.quantity, step, tolerance, smallest });
    points.push({ quantity: next, quote: await quoteAt(next) });
  }
  let kept = best();
  if (!kept && smallest.lt(planned) && !points.some((p) => p.quantity.eq(smallest))) {
    const point = { quantity: smallest, quote: await quoteAt(smallest) };
    points.push(point);
    if (fits(point)) kept = point;
  }
  const plannedImpact = { quantity: planned, priceImpact: first.priceImpact };
  if (!kept) {
    const least = points.find((p) => p.quantity.eq(smallest)) ?? worst();
    return { kind: 'too_deep', planned: plannedImpact, smallest: { quantity: least.quantity, priceImpact: least.quote.priceImpact } };
  }
  return { kind: 'quoted', quantity: kept.quantity, quote: kept.quote, planned: plannedImpact };
}

interface Bracket {
  /** The largest size known to fit (or one step under the smallest order), and the smallest known not to. */
  lo: Decimal;
  hi: Decimal;
  step: Decimal;
  tolerance: Decimal;
  smallest: Decimal;
}

/** The next size to quote, strictly inside (lo, hi) on the amount step. */
function nextGuess(points: readonly Point[], bracket: Bracket): Decimal {
  const { lo, hi, step } = bracket;
  const inside = (x: Decimal) => x.gt(lo) && x.lt(hi);
  const model = modelGuess(points, bracket);
  if (model) {
    const guess = Decimal.max(floorToStep(model, step), bracket.smallest);
    const seen = points.find((p) => p.quantity.eq(guess));
    // A guess already quoted: its neighbour decides (fits -> one step up, else one step down).
    const candidate = !seen ? guess : seen.quote.priceImpact.lte(bracket.tolerance) ? guess.plus(step) : guess.minus(step);
    if (inside(candidate)) return candidate;
  }
  const middle = floorToStep(lo.plus(hi).div(2), step);
  return inside(middle) ? middle : lo.plus(step);
}

/** Where the fitted impact curve reaches the tolerance, from the two quotes nearest it; undefined when they do not fit one. */
function modelGuess(points: readonly Point[], { tolerance }: Bracket): Decimal | undefined {
  const usable = points.filter((p) => p.quote.priceImpact.gt(0) && p.quantity.gt(ONE));
  const near = [...usable].sort((a, b) => a.quote.priceImpact.minus(tolerance).abs().cmp(b.quote.priceImpact.minus(tolerance).abs())).slice(0, 2);
  const [p1, p2] = near;
  if (!p1) return undefined;
  const u1 = p1.quantity.minus(ONE);
  const i1 = p1.quote.priceImpact;
  let a = i1.div(u1);
  let b = new Decimal(0);
  if (p2 && !p2.quote.priceImpact.eq(i1)) {
    const u2 = p2.quantity.minus(ONE);
    const i2 = p2.quote.priceImpact;
    const det = u1.times(u2).times(i1.minus(i2));
    if (det.isZero()) return undefined;
    a = i1.times(i2).times(u1.minus(u2)).div(det);
    b = u1.times(i2).minus(u2.times(i1)).div(det);
  }
  const denominator = a.minus(b.times(tolerance));
  if (denominator.lte(0)) return undefined;
  const x = ONE.plus(tolerance.div(denominator));
  return x.isFinite() && x.gt(0) ? x : undefined;
}
