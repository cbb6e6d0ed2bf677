// A paper venue's state: the seed it started from and its balances since. Balances never go below
// zero: a change set that would overdraw any asset is refused whole, like a venue rejecting the
// order, so a fill's +base, -quote and -fee land together or not at all.
import type { Database } from 'better-sqlite3';
import { InvariantError, RebalancerError } from '../errors.js';
import { type Decimal, ZERO } from '../money.js';
import type { NewLot, PaperVenueState } from '../ports.js';
import { dateText, decimalText, readDate, readDecimal } from './columns.js';
import { deleteSeedLots, insertLots } from './lots.js';
import { prepared } from './prepared.js';
import { immediate } from './transaction.js';

export class PaperOverdraftError extends RebalancerError {
  constructor(
    readonly venue: string,
    readonly asset: string,
    readonly held: Decimal,
    readonly requested: Decimal,
  ) {
    super(`Paper venue "${venue}" holds ${held.toFixed()} ${asset}; cannot remove ${requested.toFixed()} ${asset}.`);
  }
}

interface VenueRow {
  seed_hash: string;
  seeded_at: string;
}

interface BalanceRow {
  asset: string;
  quantity: string;
}

export function paperVenue(db: Database, venue: string): PaperVenueState | undefined {
  const row = prepared<VenueRow>(db, 'SELECT seed_hash, seeded_at FROM paper_venues WHERE venue = ?').get(venue);
  if (!row) return undefined;
  const balances = prepared<BalanceRow>(db, 'SELECT asset, quantity FROM paper_balances WHERE venue = ? ORDER BY asset').all(venue);
  return {
    seedHash: row.seed_hash,
    seededAt: readDate(row.seeded_at),
    balances: new Map(balances.map((balance) => [balance.asset, readDecimal(balance.quantity)])),
  };
}

/** Replaces the venue's seed, balances and seed lots; lots from its trades are kept. */
export function seedPaperVenue(db: Database, venue: string, state: PaperVenueState, lots: readonly NewLot[]): void {
  immediate(db, () => {
    const seededAt = dateText(state.seededAt);
    prepared(
      db,
      `INSERT INTO paper_venues (venue, seed_hash, seeded_at) VALUES (?, ?, ?)
       ON CONFLICT (venue) DO UPDATE SET seed_hash = excluded.seed_hash, seeded_at = excluded.seeded_at`,
    ).run(venue, state.seedHash, seededAt);
    prepared(db, 'DELETE FROM paper_balances WHERE venue = ?').run(venue);
    const insert = prepared(db, 'INSERT INTO paper_balances (venue, asset, quantity, updated_at) VALUES (?, ?, ?, ?)');
    for (const [asset, quantity] of state.balances) {
      if (quantity.lt(0)) throw new InvariantError(`Cannot seed paper venue "${venue}" with ${quantity.toFixed()} ${asset}; balances must not be negative.`);
      insert.run(venue, asset, decimalText(quantity, `${asset} balance`), seededAt);
    }
    deleteSeedLots(db, venue);
    insertLots(db, lots);
  });
}

/** Adds the signed deltas to the venue's balances, all or none. */
export function adjustPaperBalances(db: Database, venue: string, deltas: ReadonlyMap<string, Decimal>, at: Date): void {
  immediate(db, () => {
    if (!prepared(db, 'SELECT 1 FROM paper_venues WHERE venue = ?').get(venue)) {
      throw new InvariantError(`Paper venue "${venue}" has no balances in the ledger; it must be seeded before trading on it.`);
    }
    const current = prepared<{ quantity: string }>(db, 'SELECT quantity FROM paper_balances WHERE venue = ? AND asset = ?');
    const upsert = prepared(
      db,
      `INSERT INTO paper_balances (venue, asset, quantity, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (venue, asset) DO UPDATE SET quantity = excluded.quantity, updated_at = excluded.updated_at`,
    );
    for (const [asset, delta] of deltas) {
      const row = current.get(venue, asset);
      const held = row ? readDecimal(row.quantity) : ZERO;
      const next = held.plus(delta);
      if (next.lt(0)) throw new PaperOverdraftError(venue, asset, held, delta.neg());
      upsert.run(venue, asset, decimalText(next, `${asset} balance`), dateText(at));
    }
  });
}
