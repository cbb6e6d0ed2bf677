// The shared shapes of the tax engine: trades in, disposals and open lots out. Every
// jurisdiction (us.ts, uk.ts, de.ts, fr.ts, eu.ts) is a function from trades to a TaxResult, so
// reports, the tax-optimizer and the Tax Calculator hand-off read one shape (the beancount lesson:
// one result type for every method). Amounts are Decimal in the reporting currency.
import type { Decimal } from '../money.js';

export type AssetClass = 'crypto' | 'security' | 'forex';
export type Term = 'short' | 'long' | 'exempt';
export type LotMethod = 'fifo' | 'lifo' | 'hifo' | 'specific' | 'average';

/** One buy or sell, as imported or as executed. */
export interface TaxTrade {
  /** Unique id (the CSV's `id`, or one derived from the row); lots are named after the buy that made them. */
  id: string;
  /** Trade time (UTC instant). */
  date: Date;
  side: 'buy' | 'sell';
  asset: string;
  assetClass: AssetClass;
  quantity: Decimal;
  /** quantity x price in the reporting currency, fees excluded. */
  total: Decimal;
  /** In the reporting currency: added to a buy's cost, deducted from a sell's proceeds. */
  fee: Decimal;
  /** Wallet, account or depot: DE and the 2025 US crypto rules track lots per venue. */
  venue: string;
  /** For a sell under specific identification: the id of the buy (lot) it disposes of. */
  lotRef?: string | undefined;
}

/** How part of a disposal was matched to an acquisition (or to a pool). */
export interface LotMatch {
  /** 'fifo' | 'lifo' | 'hifo' | 'specific' | 'average' | 'same-day' | 'bed-and-breakfast' | 'section-104' | 'portfolio' */
  rule: string;
  /** The buy that created the lot, or 'pool' for a pooled cost. */
  lotId: string;
  acquiredAt?: Date | undefined;
  quantity: Decimal;
  /** Allowable cost of this part, wash-sale adjustments included. */
  cost: Decimal;
  /**
   * This part's share of the disposal's net proceeds; the parts of a disposal add up to it exactly.
   * Absent only on matches made outside the engines.
   */
  proceeds?: Decimal | undefined;
  /** US: the loss of this part disallowed by a wash sale (positive); a gain part never has one (Rev. Rul. 70-231). */
  disallowed?: Decimal | undefined;
  term: Term;
}

export interface WashSale {
  /** Loss disallowed (a positive amount), added to the replacement lots' basis. */
  disallowed: Decimal;
  replacements: { lotId: string; quantity: Decimal; basisAdded: Decimal }[];
}

export interface Disposal {
  tradeId: string;
  date: Date;
  asset: string;
  assetClass: AssetClass;
  venue: string;
  quantity: Decimal;
  /** Net of fees. */
  proceeds: Decimal;
  cost: Decimal;
  /** proceeds - cost, before any wash-sale disallowance. */
  gain: Decimal;
  /** The disposal's term; a disposal whose matches differ in term is split into one Disposal per term. */
  term: Term;
  /** Days held (from the holding start of the earliest matched lot). */
  holdingDays: number;
  matches: LotMatch[];
  washSale?: WashSale | undefined;
}

export interface OpenLot {
  /** The buy that created it. */
  lotId: string;
  asset: string;
  venue: string;
  acquiredAt: Date;
  /** Where the holding period starts (earlier than acquiredAt when carried over from a washed lot). */
  holdingStart: Date;
  quantity: Decimal;
  /** Adjusted basis of the remaining quantity (cost plus fees plus wash-sale additions). */
  cost: Decimal;
}

/** A UK Section 104 holding, or any average-cost pool. */
export interface Pool {
  asset: string;
  venue?: string | undefined;
  quantity: Decimal;
  cost: Decimal;
}

export interface TaxResult {
  disposals: Disposal[];
  openLots: OpenLot[];
  pools: Pool[];
  /** With `snapshotAt`: the open lots and pools just before the first trade at or after it. */
  snapshot?: { openLots: OpenLot[]; pools: Pool[] } | undefined;
  /** Notes and refusals: a sell of more than is held, an unknown lotRef, ... */
  problems: TaxProblem[];
  /** Sales (or parts) left out of the figures; each also has a problem saying why. A report with any is incomplete. */
  leftOut?: LeftOut[] | undefined;
}

/** A note about a trade. */
export interface TaxProblem {
  tradeId: string;
  message: string;
}

/** 'unmatched': more sold than the history holds; 'no-price': FR, no global portfolio value at the sale. */
export interface LeftOut {
  tradeId: string;
  reason: 'unmatched' | 'no-price';
}

export interface TaxOptions {
  method: LotMethod;
  /** US: days either side of a loss sale in which a purchase washes it (30). */
  washSaleDays: number;
  /** US: which asset classes wash sales apply to. */
  washSaleScope: 'securities' | 'all';
  /** EU profile: days after which a disposal is exempt (DE crypto: 365 with the anniversary rule). */
  exemptAfterYears?: number | undefined;
  /** Record the open lots as they stand at this instant (a report's period end) during the one replay. */
  snapshotAt?: Date | undefined;
  /** US: groups of substantially identical assets (tax.identical_groups): a buy of one washes a loss on another. */
  identicalGroups?: readonly (readonly string[])[] | undefined;
  /**
   * Which disposals the result keeps, by date (default all). The others are still computed (they
   * move lots and wash sales) but not held: one year's report over a long history holds one year's.
   */
  keepDisposal?: ((date: Date) => boolean) | undefined;
}
