// Tax decisions for a plan, pure: which lots a sale uses and what it costs, which venue to sell
// from, the US wash-sale windows, and sales worth delaying until their lots turn long-term. The
// jurisdiction engines (src/tax/) do the bookkeeping of what was realised; this decides ahead.
import type { Jurisdiction } from './config.js';
import { formatMoney } from './format.js';
import { Decimal, ZERO } from './money.js';
import { addDays, isMoreThanYears, yearsAfter } from './tax/holding-period.js';
import type { AssetClass, LotMethod, OpenLot, Term } from './tax/types.js';

// ---- the tax a plan's sells would realise ----

export interface TaxRates {
  short: Decimal;
  long: Decimal;
}

/**
 * Default rates for the estimate when tax.rates does not set them: US 24% short / 15% long (a
 * middle bracket); UK 24% (higher rate from 30 Oct 2024); DE 42% for §23 private sales (personal
 * income tax) and 26.375% for securities; FR 30% (PFU); EU 25%. Exempt parts are 0.
 */
export function defaultRates(jurisdiction: Jurisdiction, assetClass: AssetClass): TaxRates {
  const rate = (short: string, long = short) => ({ short: new Decimal(short), long: new Decimal(long) });
  switch (jurisdiction) {
    case 'US':
      return rate('0.24', '0.15');
    case 'UK':
      return rate('0.24');
    case 'DE':
      return assetClass === 'security' ? rate('0.26375') : rate('0.42');
    case 'FR':
      return rate('0.30');
    case 'EU':
      return rate('0.25');
  }
}

export interface SellLotUse {
  lotId: string;
  acquiredAt: Date;
  quantity: Decimal;
  cost: Decimal;
  term: Term;
}

export interface SellTax {
  lots: SellLotUse[];
  proceeds: Decimal;
  cost: Decimal;
  gain: Decimal;
  /** Estimated tax (negative: a saving from a loss). */
  tax: Decimal;
  /** True when the open lots on the venue do not cover the sale (the estimate covers what they do). */
  uncovered: boolean;
}

export interface SellTaxInput {
  jurisdiction: Jurisdiction;
  method: LotMethod;
  now: Date;
  /** Open lots from the jurisdiction's engine (UK and FR: pools passed as one lot per asset). */
  lots: readonly OpenLot[];
  assetClass: (asset: string) => AssetClass;
  rates: (assetClass: AssetClass) => TaxRates;
  /** EU profile: parts held longer are exempt. */
  exemptAfterYears?: number | undefined;
  /** FR: the global value of the crypto portfolio now (the formula's denominator). */
  portfolioValue?: Decimal | undefined;
}

/**
 * Which lots a planned sale would use and the tax it would cost, under the jurisdiction's rules:
 * US lots by the configured method, or with 'specific' in the cheapest order (losses first, then
 * long-term, then the smallest gains); DE securities FIFO per depot and DE crypto exempt after a
 * year; UK from the pool. Lots already used by an earlier sale in the same plan are not used twice.
 */
export function estimateSellTaxes(sells: readonly { id: string; venue: string; asset: string; quantity: Decimal; value: Decimal; feeValue: Decimal }[], input: SellTaxInput): Map<string, SellTax> {
  const left = new Map(input.lots.map((lot, index) => [index, lot.quantity]));
  const result = new Map<string, SellTax>();
  // FR (Art. 150 VH bis CGI): no lots; a sale's cost is the pool's share price / portfolio value.
  const frPool = input.jurisdiction === 'FR' ? input.lots.find((lot) => lot.asset === '*') : undefined;
  let frCost = frPool?.cost ?? ZERO;
  // Each sale of the plan is valued against the portfolio the earlier ones leave.
  let frValue = input.portfolioValue;
  for (const sell of sells) {
    if (input.jurisdiction === 'FR') {
      const proceeds = sell.value.minus(sell.feeValue);
      const value = frValue;
      if (!frPool || !value || value.lte(0)) {
        result.set(sell.id, { lots: [], proceeds, cost: ZERO, gain: proceeds, tax: ZERO, uncovered: true });
        continue;
      }
      const cost = Decimal.min(frCost, frCost.times(sell.value).div(value));
      frCost = frCost.minus(cost);
      frValue = value.minus(sell.value);
      const rate = input.rates(input.assetClass(sell.asset)).short;
      result.set(sell.id, { lots: [{ lotId: 'pool', acquiredAt: input.now, quantity: sell.quantity, cost, term: 'short' }], proceeds, cost, gain: proceeds.minus(cost), tax: proceeds.minus(cost).times(rate), uncovered: false });
      continue;
    }
    const assetClass = input.assetClass(sell.asset);
    const rates = input.rates(assetClass);
    const price = sell.value.div(sell.quantity);
    const termOf = (lot: OpenLot): Term => {
      const long = isMoreThanYears(lot.holdingStart, input.now);
      if (input.jurisdiction === 'DE' && assetClass !== 'security') return long ? 'exempt' : 'short';
      if (input.jurisdiction === 'EU' && input.exemptAfterYears) return isMoreThanYears(lot.holdingStart, input.now, input.exemptAfterYears) ? 'exempt' : 'short';
      return input.jurisdiction === 'US' && long ? 'long' : 'short';
    };
    const rateOf = (term: Term) => (term === 'exempt' ? ZERO : term === 'long' ? rates.long : rates.short);
    // Ordering keys are floats: they only rank lots (ties go to time, then lot id); every amount
    // used afterwards is the lot's exact Decimal.
    const priceNumber = price.toNumber();
    const unitCost = (lot: OpenLot) => lot.cost.toNumber() / lot.quantity.toNumber();
    const rateNumbers: Record<Term, number> = { short: rates.short.toNumber(), long: rates.long.toNumber(), exempt: 0 };
    const unitTax = (lot: OpenLot) => (priceNumber - unitCost(lot)) * rateNumbers[termOf(lot)];
    const method = input.jurisdiction === 'DE' && assetClass === 'security' ? 'fifo' : input.method;
    // One pass builds the candidates with their sort keys ('specific': least tax per unit first;
    // 'hifo': highest unit cost; then time, then lot id): no Decimal work per comparison.
    const candidates: { lot: OpenLot; index: number; key: number; time: number }[] = [];
    input.lots.forEach((lot, index) => {
      if (lot.asset !== sell.asset || (lot.venue !== sell.venue && lot.lotId !== 'pool') || !left.get(index)!.gt(0)) return;
      const key = method === 'specific' ? unitTax(lot) : method === 'hifo' ? -unitCost(lot) : 0;
      candidates.push({ lot, index, key, time: lot.acquiredAt.getTime() });
    });
    const direction = method === 'lifo' ? -1 : 1;
    candidates.sort((a, b) => a.key - b.key || direction * (a.time - b.time) || (a.lot.lotId < b.lot.lotId ? -1 : a.lot.lotId > b.lot.lotId ? 1 : 0));
    let need = sell.quantity;
    const uses: SellLotUse[] = [];
    for (const { lot, index } of candidates) {
      if (need.lte(0)) break;
      const available = left.get(index)!;
      const quantity = Decimal.min(need, available);
      uses.push({ lotId: lot.lotId, acquiredAt: lot.acquiredAt, quantity, cost: lot.cost.times(quantity).div(lot.quantity), term: termOf(lot) });
      left.set(index, available.minus(quantity));
      need = need.minus(quantity);
    }
    const covered = sell.quantity.minus(Decimal.max(need, ZERO));
    const proceeds = sell.value.minus(sell.feeValue).times(covered).div(sell.quantity);
    const cost = uses.reduce((acc, use) => acc.plus(use.cost), ZERO);
    const tax = uses.reduce((acc, use) => acc.plus(proceeds.times(use.quantity).div(covered.isZero() ? 1 : covered).minus(use.cost).times(rateOf(use.term))), ZERO);
    result.set(sell.id, { lots: uses, proceeds, cost, gain: proceeds.minus(cost), tax, uncovered: need.gt(0) });
  }
  return result;
}

// ---- wash-sale windows for a plan (US) ----

export interface WashWindowInput {
  now: Date;
  days: number;
  inScope: (asset: string) => boolean;
  /** Groups of substantially identical assets. */
  identicalGroups: readonly (readonly string[])[];
  /** Realised disposals so far (from the US engine): a loss in the window blocks buying back. */
  disposals: readonly { asset: string; date: Date; gain: Decimal }[];
  /** Buys so far: one in the window blocks selling the asset at a loss. */
  buys: readonly { asset: string; date: Date }[];
  /** Assets whose open lots would be sold at a loss now. */
  atLoss: ReadonlySet<string>;
}

/**
 * No planned buy of an asset (or one substantially identical) within `days` after a loss sale, and
 * no planned loss sale within `days` after a buy: either would wash the loss (IRC §1091). Each
 * block says when it ends (the day after the window).
 */
export function washSaleWindows(input: WashWindowInput): { buys: Map<string, string>; sells: Map<string, string> } {
  const from = new Date(input.now.getTime() - input.days * 86_400_000);
  const day = (date: Date) => date.toISOString().slice(0, 10);
  const until = (date: Date) => day(new Date(date.getTime() + (input.days + 1) * 86_400_000));
  const group = (asset: string) => [asset, ...input.identicalGroups.filter((g) => g.includes(asset)).flat().filter((a) => a !== asset)];
  const buys = new Map<string, string>();
  const sells = new Map<string, string>();
  const latest = <T extends { date: Date }>(items: T[]) => items.sort((a, b) => b.date.getTime() - a.date.getTime())[0];
  const losses = input.disposals.filter((d) => d.gain.lt(0) && d.date >= from && d.date <= input.now && input.inScope(d.asset));
  for (const asset of new Set(losses.flatMap((d) => group(d.asset)))) {
    const sale = latest(losses.filter((d) => group(d.asset).includes(asset)))!;
    buys.set(asset, `${asset} buy blocked until ${until(sale.date)}: ${sale.asset} was sold at a loss on ${day(sale.date)}, and a purchase within ${input.days} days would wash it.`);
  }
  const recent = input.buys.filter((b) => b.date >= from && b.date <= input.now && input.inScope(b.asset));
  for (const asset of input.atLoss) {
    if (!input.inScope(asset)) continue;
    const buy = latest(recent.filter((b) => group(asset).includes(b.asset)));
    if (buy) sells.set(asset, `${asset} sale blocked until ${until(buy.date)}: it would realise a loss within ${input.days} days of buying ${buy.asset} on ${day(buy.date)} (a wash sale).`);
  }
  return { buys, sells };
}

// ---- long-term preference: wait for a lot to turn long-term (or exempt) ----

export interface DeferInput {
  now: Date;
  waitDays: number;
  /** A planned sale's asset and its estimated lots (from estimateSellTaxes). */
  sales: readonly { asset: string; tax: SellTax }[];
  /** Current drift and the band's half-width per asset: waiting is allowed while drift stays under twice the width. */
  drift: ReadonlyMap<string, { drift: Decimal; width: Decimal; aboveLimit: boolean }>;
  rates: (asset: string) => TaxRates;
  currency: string;
}

/**
 * Sales worth postponing: a short-term lot with a gain that turns long-term (US) or exempt (DE)
 * within `waitDays`, while the asset's drift is under twice its band width and no risk limit is
 * breached. Each comes with the date it becomes cheaper and the tax it would save.
 */
export function salesToDefer(input: DeferInput): Map<string, string> {
  const deferred = new Map<string, string>();
  for (const { asset, tax } of input.sales) {
    const state = input.drift.get(asset);
    if (!state || state.aboveLimit || state.drift.abs().gt(state.width.times(2))) continue;
    const rates = input.rates(asset);
    let latest: Date | undefined;
    let saving = ZERO;
    for (const use of tax.lots) {
      if (use.term !== 'short') continue;
      const gain = tax.proceeds.times(use.quantity).div(tax.lots.reduce((acc, u) => acc.plus(u.quantity), ZERO)).minus(use.cost);
      if (gain.lte(0)) continue;
      const turns = addDays(yearsAfter(use.acquiredAt, 1), 1);
      const days = Math.ceil((turns.getTime() - input.now.getTime()) / 86_400_000);
      if (days > input.waitDays) continue;
      latest = !latest || turns > latest ? turns : latest;
      saving = saving.plus(gain.times(rates.short.minus(rates.long)));
    }
    if (latest && saving.gt(0)) {
      const day = latest.toISOString().slice(0, 10);
      deferred.set(asset, `${asset} sale deferred until ${day}: its lots turn long-term (or exempt) then, saving about ${formatMoney(saving, input.currency, 0)} in tax; drift ${state.drift.times(100).toFixed(1)} points is under twice the band, so it can wait (tax.long_term_preference).`);
    }
  }
  return deferred;
}

// ---- which venue to sell from ----

/**
 * For each asset held on several venues, the venues in order of the tax per unit of selling what
 * each holds (losses and long-term lots first). A heuristic: the plan's quantities are not known
 * yet, so each venue is judged on its whole holding.
 */
export function sellVenueOrder(lots: readonly OpenLot[], prices: ReadonlyMap<string, Decimal>, input: Omit<SellTaxInput, 'lots'>): Map<string, string[]> {
  const order = new Map<string, string[]>();
  const byAsset = new Map<string, Map<string, Decimal>>();
  for (const lot of lots) {
    if (lot.lotId === 'pool') continue;
    const venues = byAsset.get(lot.asset) ?? new Map<string, Decimal>();
    venues.set(lot.venue, (venues.get(lot.venue) ?? ZERO).plus(lot.quantity));
    byAsset.set(lot.asset, venues);
  }
  for (const [asset, venues] of byAsset) {
    const price = prices.get(asset);
    if (!price || venues.size < 2) continue;
    const perUnit = [...venues].map(([venue, quantity]) => {
      const tax = estimateSellTaxes([{ id: venue, venue, asset, quantity, value: quantity.times(price), feeValue: ZERO }], { ...input, lots }).get(venue)!;
      return { venue, unitTax: tax.tax.div(quantity) };
    });
    order.set(asset, perUnit.sort((a, b) => a.unitTax.cmp(b.unitTax) || a.venue.localeCompare(b.venue)).map((entry) => entry.venue));
  }
  return order;
}
