// The one rulebook for every per-lot decision, read by the report's engines (us.ts, de.ts, eu.ts)
// and by the plan's estimate (src/tax-optimizer/), so the two cannot disagree (issue #8): which lot
// method an asset class is matched by, whether a sale's named lot is honoured, which term a lot
// sold on a date has and when it turns long-term or exempt, and what is substantially identical.
import type { Jurisdiction } from '../config.js';
import { addDays, isMoreThanYears, yearsAfter } from './holding-period.js';
import type { AssetClass, LotMethod, Term } from './types.js';

export interface RuleContext {
  jurisdiction: Jurisdiction;
  /** The configured tax.lot_selection. */
  method: LotMethod;
  /** The EU profile: parts held more than this many whole years are exempt. */
  exemptAfterYears?: number | undefined;
}

/** UK and FR match against pools, not lots. */
export type EffectiveMethod = LotMethod | 'pool';

/** Shares and fund units bought before this instant are DE Altbestand (Bestandsschutz, §52 Abs.28 S.11 EStG). */
export const ALTBESTAND_BEFORE = new Date(Date.UTC(2009, 0, 1));

/** The method a sale of `assetClass` is matched by, after the jurisdiction's overrides. */
export function lotMethodFor(context: RuleContext, assetClass: AssetClass): EffectiveMethod {
  const { jurisdiction, method } = context;
  switch (jurisdiction) {
    case 'UK':
    case 'FR':
      return 'pool';
    case 'US':
      // Average basis is for mutual-fund and DRIP shares only (Treas. Reg. §1.1012-1(e)).
      return method === 'average' ? 'fifo' : method;
    case 'DE':
      // §20 Abs.4 S.7 EStG (depot FIFO) and §23 Abs.1 S.1 Nr.2 S.3 (foreign currency FIFO); BMF
      // 6.3.2025 and FG Nürnberg accept identification, FIFO, average or LIFO for crypto, not HIFO.
      if (assetClass !== 'crypto') return 'fifo';
      return method === 'hifo' ? 'fifo' : method;
    case 'EU':
      return method;
  }
}

/**
 * Whether a sale that names its lot is matched to that lot first, whatever the default method:
 * US Treas. Reg. §1.1012-1(c) (FIFO applies only when the lot is not adequately identified), DE
 * crypto BMF 6.3.2025 (individual identification comes first). DE securities and forex keep their
 * statutory FIFO; an average-cost wallet has no individual lot values to identify.
 */
export function honoursLotRef(context: RuleContext, assetClass: AssetClass): boolean {
  const method = lotMethodFor(context, assetClass);
  if (method === 'pool' || method === 'average') return false;
  return context.jurisdiction !== 'DE' || assetClass === 'crypto';
}

/** What is known of a lot for its term. */
export interface LotDates {
  acquiredAt: Date;
  /** Earlier than acquiredAt when a washed lot's holding period was tacked on (US). */
  holdingStart: Date;
}

/** The term of a lot disposed of at `disposedAt`. Anniversary sales are neither long nor exempt (tax-rules.md §6.2). */
export function termOf(context: RuleContext, assetClass: AssetClass, lot: LotDates, disposedAt: Date): Term {
  switch (context.jurisdiction) {
    case 'US':
      return isMoreThanYears(lot.holdingStart, disposedAt) ? 'long' : 'short';
    case 'UK':
    case 'FR':
      return 'short';
    case 'DE':
      if (assetClass === 'security') return lot.acquiredAt < ALTBESTAND_BEFORE && isMoreThanYears(lot.acquiredAt, disposedAt, 1, 'same-date') ? 'exempt' : 'short';
      return isMoreThanYears(lot.acquiredAt, disposedAt, 1, 'same-date') ? 'exempt' : 'short';
    case 'EU': {
      const years = context.exemptAfterYears;
      return years !== undefined && isMoreThanYears(lot.acquiredAt, disposedAt, years, 'same-date') ? 'exempt' : 'short';
    }
  }
}

/** The first instant at which a sale of the lot is long-term or exempt, or undefined when none comes. */
export function turnsAt(context: RuleContext, assetClass: AssetClass, lot: LotDates): Date | undefined {
  switch (context.jurisdiction) {
    case 'US':
      return addDays(yearsAfter(lot.holdingStart, 1), 1);
    case 'UK':
    case 'FR':
      return undefined;
    case 'DE':
      if (assetClass === 'security' && !(lot.acquiredAt < ALTBESTAND_BEFORE)) return undefined;
      return addDays(yearsAfter(lot.acquiredAt, 1, 'same-date'), 1);
    case 'EU':
      return context.exemptAfterYears === undefined ? undefined : addDays(yearsAfter(lot.acquiredAt, context.exemptAfterYears, 'same-date'), 1);
  }
}

/** US §1091 covers stock and securities; native crypto only with wash_sale_scope 'all' (tax-rules.md 1.1). */
export function washSalesApply(jurisdiction: Jurisdiction, scope: 'securities' | 'all', assetClass: AssetClass): boolean {
  return jurisdiction === 'US' && (scope === 'all' || assetClass === 'security');
}

/** The asset and every asset sharing a configured identical_groups group with it (groups are not chained). */
export function identicalTo(groups: readonly (readonly string[])[] | undefined, asset: string): Set<string> {
  return new Set([asset, ...(groups ?? []).filter((group) => group.includes(asset)).flat()]);
}

/**
 * Whether holdings are kept per venue (wallet, depot): DE and EU always; the US when
 * tax.per_venue_lots (the per-wallet rule for crypto from 2025); UK Section 104 pools and the FR
 * whole-portfolio pool span every venue.
 */
export function lotsPerVenue(jurisdiction: Jurisdiction, perVenueLots: boolean): boolean {
  return jurisdiction === 'DE' || jurisdiction === 'EU' || (jurisdiction === 'US' && perVenueLots);
}
