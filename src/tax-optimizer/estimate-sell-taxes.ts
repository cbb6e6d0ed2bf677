// Which lots a plan's sales would use and the tax they would cost. Every rule comes from the
// report's rulebook (src/tax/rulebook.ts: the method after the jurisdiction's overrides, named
// lots, terms) and every amount from the engines' own arithmetic (lot-queue's `share` and
// `allocate`, fr.ts's allocation), so a sale estimated here is what the report says once the sale
// is recorded (test/tax-rules-one-rulebook.test.ts). 'specific' is the plan's choice of lots: the
// least tax per unit first (losses, then long-term, then the smallest gains).
import { Decimal, ZERO } from '../money.js';
import { frAllocatedCost } from '../tax/fr.js';
import { allocate, share } from '../tax/lot-queue.js';
import { lotMethodFor, termOf, turnsAt, type EffectiveMethod, type RuleContext } from '../tax/rulebook.js';
import type { AssetClass, OpenLot, Term } from '../tax/types.js';
import type { TaxRates } from './rates.js';
import type { PlannedSell, SellLotUse, SellTax, SellTaxInput } from './sell-tax.js';

/** What is left of each input lot as the plan's earlier sales take from it. */
interface Left {
  quantity: Decimal;
  cost: Decimal;
}

const unknownTax = (): SellTax => ({ lots: [], proceeds: ZERO, cost: ZERO, gain: ZERO, tax: ZERO, uncovered: true, unknown: true });

/**
 * The estimate per sale, by sale id. Lots already used by an earlier sale in the same plan are
 * not used twice; FR values each sale against the portfolio the earlier ones leave.
 */
export function estimateSellTaxes(sells: readonly PlannedSell[], input: SellTaxInput): Map<string, SellTax> {
  const left: Left[] = input.lots.map((lot) => ({ quantity: lot.quantity, cost: lot.cost }));
  const result = new Map<string, SellTax>();
  const fr = input.jurisdiction === 'FR' ? { pool: input.lots.find((lot) => lot.asset === '*'), cost: ZERO, value: input.portfolioValue } : undefined;
  if (fr?.pool) fr.cost = fr.pool.cost;
  for (const sell of sells) {
    if (!fr) {
      result.set(sell.id, estimateFromLots(sell, input, left));
      continue;
    }
    // FR (Art. 150 VH bis CGI): no lots; a sale's cost is the pool's share price / portfolio value.
    const value = fr.value;
    if (!fr.pool || !value || value.lte(0) || value.lt(sell.value)) {
      result.set(sell.id, unknownTax());
      continue;
    }
    const cost = frAllocatedCost(fr.cost, sell.value, value);
    fr.cost = fr.cost.minus(cost);
    fr.value = value.minus(sell.value);
    const proceeds = sell.value.minus(sell.feeValue);
    const gain = proceeds.minus(cost);
    const tax = gain.times(input.rates(input.assetClass(sell.asset)).short);
    result.set(sell.id, { lots: [{ lotId: 'pool', acquiredAt: input.now, quantity: sell.quantity, cost, term: 'short', proceeds, gain }], proceeds, cost, gain, tax, uncovered: false, unknown: false });
  }
  return result;
}

function estimateFromLots(sell: PlannedSell, input: SellTaxInput, left: Left[]): SellTax {
  const context: RuleContext = { jurisdiction: input.jurisdiction, method: input.method, exemptAfterYears: input.exemptAfterYears };
  const assetClass = input.assetClass(sell.asset);
  const rates = input.rates(assetClass);
  const method = lotMethodFor(context, assetClass);
  const candidates = candidatesFor(sell, input, left);
  if (method === 'average') reprice(candidates, left);
  const taken: { index: number; quantity: Decimal; cost: Decimal }[] = [];
  let need = sell.quantity;
  for (const index of order(candidates, method, { input, left, context, assetClass, rates, price: sell.value.div(sell.quantity) })) {
    if (need.lte(0)) break;
    const rest = left[index]!;
    const quantity = Decimal.min(need, rest.quantity);
    // UK's pool takes its unrounded pro-rata cost (uk.ts); lots take lot-queue's `share`.
    const cost = method === 'pool' && !quantity.eq(rest.quantity) ? rest.cost.times(quantity).div(rest.quantity) : share(rest.cost, quantity, rest.quantity);
    rest.quantity = rest.quantity.minus(quantity);
    rest.cost = rest.cost.minus(cost);
    taken.push({ index, quantity, cost });
    need = need.minus(quantity);
  }
  if (taken.length === 0) return unknownTax();
  const covered = sell.quantity.minus(Decimal.max(need, ZERO));
  const proceeds = share(sell.value.minus(sell.feeValue), covered, sell.quantity);
  const shares = allocate(proceeds, taken.map((t) => t.quantity));
  const uses: SellLotUse[] = taken.map((t, i) => {
    const lot = input.lots[t.index]!;
    const term = termOf(context, assetClass, lot, input.now);
    return { lotId: lot.lotId, acquiredAt: lot.acquiredAt, quantity: t.quantity, cost: t.cost, term, proceeds: shares[i]!, gain: shares[i]!.minus(t.cost), turnsAt: turnsAt(context, assetClass, lot) };
  });
  const cost = uses.reduce((acc, use) => acc.plus(use.cost), ZERO);
  const tax = uses.reduce((acc, use) => acc.plus(use.gain!.times(rateOf(rates, use.term))), ZERO);
  return { lots: uses, proceeds, cost, gain: proceeds.minus(cost), tax, uncovered: need.gt(0), unknown: false };
}

function rateOf(rates: TaxRates, term: Term): Decimal {
  return term === 'exempt' ? ZERO : term === 'long' ? rates.long : rates.short;
}

/** Indices of the lots the sale may use: its asset on its venue (US with pooled venues: any venue; a pool: any). */
function candidatesFor(sell: PlannedSell, input: SellTaxInput, left: readonly Left[]): number[] {
  const anyVenue = input.jurisdiction === 'US' && input.perVenue === false;
  const indices: number[] = [];
  input.lots.forEach((lot, index) => {
    if (lot.asset !== sell.asset || !left[index]!.quantity.gt(0)) return;
    if (lot.lotId === 'pool' || anyVenue || lot.venue === sell.venue) indices.push(index);
  });
  return indices;
}

/** As lot-engine.ts does before an 'average' sale: every lot of the wallet at the average cost (exact split). */
function reprice(indices: readonly number[], left: Left[]): void {
  if (indices.length === 0) return;
  const total = indices.reduce((acc, i) => acc.plus(left[i]!.cost), ZERO);
  allocate(total, indices.map((i) => left[i]!.quantity)).forEach((cost, k) => {
    left[indices[k]!]!.cost = cost;
  });
}

interface OrderContext {
  input: SellTaxInput;
  left: readonly Left[];
  context: RuleContext;
  assetClass: AssetClass;
  rates: TaxRates;
  price: Decimal;
}

/**
 * The candidates in the method's order, as lot-queue.ts orders them: FIFO by acquisition then
 * recorded order (the engines list open lots in it), LIFO the reverse, HIFO by unit basis then
 * recorded order; 'specific' by the least tax per unit (float keys only rank; amounts stay exact).
 */
function order(indices: readonly number[], method: EffectiveMethod, c: OrderContext): number[] {
  const time = (i: number) => c.input.lots[i]!.acquiredAt.getTime();
  const byTime = (a: number, b: number) => time(a) - time(b) || a - b;
  if (method === 'lifo') return [...indices].sort((a, b) => byTime(b, a));
  if (method === 'hifo') {
    const unit = new Map(indices.map((i) => [i, c.left[i]!.cost.div(c.left[i]!.quantity)]));
    return [...indices].sort((a, b) => unit.get(b)!.cmp(unit.get(a)!) || a - b);
  }
  if (method === 'specific') {
    const price = c.price.toNumber();
    const rateNumbers: Record<Term, number> = { short: c.rates.short.toNumber(), long: c.rates.long.toNumber(), exempt: 0 };
    const key = new Map(indices.map((i) => {
      const lot: OpenLot = c.input.lots[i]!;
      const unitCost = c.left[i]!.cost.toNumber() / c.left[i]!.quantity.toNumber();
      return [i, (price - unitCost) * rateNumbers[termOf(c.context, c.assetClass, lot, c.input.now)]];
    }));
    // A sale can name a buy, not a part of one (a wash sale splits a buy into parts with their
    // own bases): a buy's parts go together, in recorded order, ranked by the buy's cheapest part.
    const buyKey = new Map<string, number>();
    for (const i of indices) buyKey.set(c.input.lots[i]!.lotId, Math.min(buyKey.get(c.input.lots[i]!.lotId) ?? Infinity, key.get(i)!));
    const first = new Map<string, number>();
    for (const i of indices) if (!first.has(c.input.lots[i]!.lotId)) first.set(c.input.lots[i]!.lotId, i);
    const rank = (i: number) => buyKey.get(c.input.lots[i]!.lotId)!;
    return [...indices].sort((a, b) => rank(a) - rank(b) || byTime(first.get(c.input.lots[a]!.lotId)!, first.get(c.input.lots[b]!.lotId)!) || a - b);
  }
  return [...indices].sort(byTime);
}
