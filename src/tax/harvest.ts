// Tax-loss harvesting: which open lots to sell now to realise a loss. Pure. A harvest sells every
// loss lot of one asset on one venue and no gain lot (a gain sold with it would offset the loss it
// is meant to realise). A harvest that would not realise its loss is not proposed but reported as a
// `tax.harvest_blocked` finding:
// - US (IRC §1091): a substantially identical buy within `washSaleDays` calendar days of the sale,
//   other than the lots being sold (same-lot exception), or a buy in this same plan. Buys already
//   made are checked here; after the sale the user waits until `rebuySafeFrom` (tax-rules.md 1.1, 6.3).
// - UK: no wash sale and no look-back (earlier buys are already in the s.104 pool), but a repurchase
//   on the same day or in the next 30 days is matched to the sale (s.105, s.106A), so a buy in this
//   plan blocks and the same asset is safe again on day 31 (tax-rules.md 2.1).
// - DE, FR and the EU profile: no wash rule. In DE the realised loss still lands in its loss pot:
//   share-sale losses offset only share-sale gains (§20 Abs.6 S.4 EStG) and §23 crypto losses only
//   §23 gains; a crypto lot held more than a year is outside §23, so its loss counts for nothing.
//   Which pot, and whether it has gains to absorb, is for the caller, who knows the year's disposals.
// Proceeds are price x quantity, before fees; the venue's fee only makes the realised loss larger.
import type { Jurisdiction } from '../config.js';
import type { Diagnostic } from '../diagnostics.js';
import { sum, type Decimal } from '../money.js';
import { addDays, holdingDays } from './holding-period.js';
import { identicalTo as sameAs, termOf, washSalesApply as washRuleApplies } from './rulebook.js';
import type { AssetClass, OpenLot, TaxTrade, Term } from './types.js';

/** What harvesting reads of a trade: a recent buy of the asset (or an identical one) blocks its loss. */
export type HarvestTrade = Pick<TaxTrade, 'id' | 'date' | 'side' | 'asset'>;
import { BED_AND_BREAKFAST_DAYS } from './uk.js';

export interface HarvestInput {
  now: Date;
  jurisdiction: Jurisdiction;
  /** From the jurisdiction engine, adjusted basis included. UK and FR engines return pools: pass each as one lot (lotId 'pool'). */
  openLots: readonly OpenLot[];
  /** Current prices in the reporting currency. */
  prices: ReadonlyMap<string, Decimal>;
  assetClass: (asset: string) => AssetClass;
  /** Every trade so far (for buys within the wash-sale window before today). */
  trades: readonly HarvestTrade[];
  /** tax.tlh_min_loss: a harvest must realise at least this loss. */
  minLoss: Decimal;
  /** US wash-sale window in calendar days either side of the sale (30). */
  washSaleDays: number;
  /** US: which asset classes wash sales apply to ('securities': security only; 'all': every class). */
  washSaleScope: 'securities' | 'all';
  /** Configured substitutes (SPY -> [VOO, IVV]); an asset is never its own substitute. */
  substitutes: ReadonlyMap<string, readonly string[]>;
  /** Substantially identical groups: assets in one group are the same asset for US wash sales. Groups are not chained. */
  identicalGroups?: readonly (readonly string[])[];
  /** Planned buys (asset names) in the same plan: a harvest of an asset the plan buys would wash. */
  plannedBuys?: ReadonlySet<string>;
}

export interface HarvestCandidate {
  asset: string;
  venue: string;
  /**
   * The lots sold, oldest first. A lot id can name two open lots (a buy partly washed earlier is
   * split into a washed and a plain part with different bases); `quantity` is what to sell.
   */
  lotIds: string[];
  quantity: Decimal;
  price: Decimal;
  /** price x quantity, before fees. */
  proceeds: Decimal;
  /** Adjusted basis of the lots sold. */
  basis: Decimal;
  /** basis - proceeds: positive. */
  loss: Decimal;
  /** The lots' common term, or 'mixed' when they differ: each lot's own is in `lots` (the engine splits the disposal by term when it is made). */
  term: Term | 'mixed';
  /** Each lot sold with its own basis, loss and term (rulebook.ts's termOf on the harvest date). */
  lots: HarvestLot[];
  /** A substitute to buy at once to stay invested (US: not substantially identical), if configured. */
  replacement?: string;
  /** When buying the same asset back is safe: sale + washSaleDays + 1 (US, in scope), sale + 31 days (UK); undefined when there is no rule. */
  rebuySafeFrom?: Date;
}

export interface HarvestLot {
  lotId: string;
  quantity: Decimal;
  basis: Decimal;
  /** basis - price x quantity: positive. */
  loss: Decimal;
  term: Term;
}

export interface HarvestResult {
  /** By loss, largest first, then asset and venue. */
  candidates: HarvestCandidate[];
  /** Harvests not proposed: a wash sale or repurchase match ('tax.harvest_blocked'), no price ('tax.harvest_no_price'). */
  blocked: Diagnostic[];
  totalLoss: Decimal;
}

export function findHarvests(input: HarvestInput): HarvestResult {
  const found: HarvestCandidate[] = [];
  const blocked: Diagnostic[] = [];
  const unpriced = new Set<string>();
  for (const lots of byAssetAndVenue(input.openLots)) {
    const { asset, venue } = lots[0]!;
    const price = input.prices.get(asset);
    if (!price) {
      if (!unpriced.has(asset)) blocked.push({ severity: 'info', code: 'tax.harvest_no_price', message: `${asset}: no current price, so its lots were not checked for a loss to harvest.`, asset });
      unpriced.add(asset);
      continue;
    }
    const losing = lots.filter((lot) => lot.quantity.gt(0) && price.times(lot.quantity).lt(lot.cost));
    if (losing.length === 0) continue;
    const quantity = sum(losing.map((lot) => lot.quantity));
    const basis = sum(losing.map((lot) => lot.cost));
    const proceeds = price.times(quantity);
    const loss = basis.minus(proceeds);
    if (loss.lt(input.minLoss)) continue;
    const lotIds = [...new Set(losing.map((lot) => lot.lotId))];
    const reason = blockReason(input, asset, lotIds);
    if (reason) {
      blocked.push({ severity: 'info', code: 'tax.harvest_blocked', message: `${asset} loss harvest blocked: ${reason}`, asset, venue });
      continue;
    }
    const context = { jurisdiction: input.jurisdiction, method: 'fifo' as const };
    const perLot: HarvestLot[] = losing.map((lot) => ({
      lotId: lot.lotId,
      quantity: lot.quantity,
      basis: lot.cost,
      loss: lot.cost.minus(price.times(lot.quantity)),
      term: termOf(context, input.assetClass(asset), lot, input.now),
    }));
    const terms = new Set(perLot.map((lot) => lot.term));
    const term = terms.size === 1 ? perLot[0]!.term : 'mixed';
    const rebuySafeFrom = rebuyDate(input, asset);
    found.push({ asset, venue, lotIds, quantity, price, proceeds, basis, loss, term, lots: perLot, ...(rebuySafeFrom && { rebuySafeFrom }) });
  }
  // Buying an asset harvested in this run (or one identical to it) would wash that harvest in the US
  // and be matched to it in the UK, so it is never a replacement.
  const harvested = new Set(found.flatMap((candidate) => [...identicalTo(input, candidate.asset)]));
  const candidates = found
    .map((candidate) => {
      const same = identicalTo(input, candidate.asset);
      const replacement = input.substitutes.get(candidate.asset)?.find((s) => !same.has(s) && !harvested.has(s));
      return replacement ? { ...candidate, replacement } : candidate;
    })
    .sort((a, b) => b.loss.cmp(a.loss) || compareText(a.asset, b.asset) || compareText(a.venue, b.venue));
  return { candidates, blocked, totalLoss: sum(candidates.map((candidate) => candidate.loss)) };
}

/** Open lots grouped by asset and venue (sorted by both), each group oldest first. */
function byAssetAndVenue(lots: readonly OpenLot[]): OpenLot[][] {
  const groups = new Map<string, OpenLot[]>();
  for (const lot of lots) {
    const key = JSON.stringify([lot.asset, lot.venue]);
    groups.set(key, [...(groups.get(key) ?? []), lot]);
  }
  return [...groups.values()]
    .map((group) => group.sort((a, b) => a.acquiredAt.getTime() - b.acquiredAt.getTime() || compareText(a.lotId, b.lotId)))
    .sort((a, b) => compareText(a[0]!.asset, b[0]!.asset) || compareText(a[0]!.venue, b[0]!.venue));
}

/** Why selling these lots now would not realise the loss (after "blocked: "), or undefined. */
function blockReason(input: HarvestInput, asset: string, lotIds: readonly string[]): string | undefined {
  if (input.jurisdiction === 'UK') {
    return input.plannedBuys?.has(asset)
      ? `this plan buys ${asset}, and a UK repurchase within ${BED_AND_BREAKFAST_DAYS} days is matched to the sale (same-day and bed-and-breakfast rules), so no loss would be realised.`
      : undefined;
  }
  if (!washSalesApply(input, asset)) return undefined;
  const days = input.washSaleDays;
  const same = identicalTo(input, asset);
  const sold = new Set(lotIds);
  // A buy after `now` (an order already placed) washes too: the window runs both ways. The latest buy sets the date.
  const latest = input.trades
    .filter((t) => t.side === 'buy' && same.has(t.asset) && !sold.has(t.id) && Math.abs(holdingDays(t.date, input.now)) <= days)
    .reduce<HarvestTrade | undefined>((last, t) => (!last || t.date.getTime() > last.date.getTime() ? t : last), undefined);
  if (latest) {
    const what = latest.asset === asset ? 'bought' : `${latest.asset} (substantially identical) bought`;
    return `${what} on ${isoDate(latest.date)} (within ${days} days); possible from ${isoDate(addDays(latest.date, days + 1))}.`;
  }
  const planned = [...same].find((a) => input.plannedBuys?.has(a));
  if (planned) {
    const what = planned === asset ? planned : `${planned} (substantially identical)`;
    return `this plan buys ${what}, which would wash the loss; harvest in a plan that does not buy it.`;
  }
  return undefined;
}

function rebuyDate(input: HarvestInput, asset: string): Date | undefined {
  if (input.jurisdiction === 'UK') return addDays(input.now, BED_AND_BREAKFAST_DAYS + 1);
  if (washSalesApply(input, asset)) return addDays(input.now, input.washSaleDays + 1);
  return undefined;
}

/** US only; native crypto is outside §1091 unless the scope is 'all' (tax-rules.md 1.1). */
function washSalesApply(input: HarvestInput, asset: string): boolean {
  return washRuleApplies(input.jurisdiction, input.washSaleScope, input.assetClass(asset));
}

/** The asset and every asset sharing a configured group with it. */
function identicalTo(input: HarvestInput, asset: string): Set<string> {
  return sameAs(input.identicalGroups, asset);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
