// Tax lots: what was acquired, when, at what cost, and how much of it is left.
import type { Decimal } from '../money.js';

export type AssetClass = 'crypto' | 'security' | 'forex';

export interface NewLot {
  id: string;
  venue: string;
  asset: string;
  assetClass: AssetClass;
  acquiredAt: Date;
  quantity: Decimal;
  unitCost: Decimal;
  /** The trade (import row or fill) that created the lot. */
  sourceTradeId?: string | undefined;
  label?: string | undefined;
}

export interface TaxLot extends NewLot {
  remaining: Decimal;
  /** Wash-sale loss added to the basis of this lot (US), per unit. */
  basisAdjustment: Decimal;
  /** Where the holding period starts when it was carried over from a washed lot. */
  holdingStart: Date;
}

export interface LotStore {
  /** Inserts the lots in one transaction; a lot id already present fails them all. */
  addLots(lots: readonly NewLot[]): void;
  /** Lots with something left, oldest first (ties by id). */
  openLots(filter?: { asset?: string; venue?: string }): TaxLot[];
}
