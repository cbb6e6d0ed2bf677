// A paper venue's state between runs: the seed it started from and its balances since.
import type { Decimal } from '../money.js';
import type { NewLot } from './lot-store.js';

export interface PaperVenueState {
  seedHash: string;
  seededAt: Date;
  balances: Map<string, Decimal>;
}

export interface PaperStore {
  paperVenue(venue: string): PaperVenueState | undefined;
  /** Replaces the venue's paper state and adds its seed lots, in one transaction. */
  seedPaperVenue(venue: string, state: PaperVenueState, lots: readonly NewLot[]): void;
  /** Applies signed balance changes (a fill: +base, -quote, -fee), refusing to go below zero. */
  adjustPaperBalances(venue: string, deltas: ReadonlyMap<string, Decimal>, at: Date): void;
}
