// Tax lots. A new lot starts whole: remaining = quantity, no wash-sale adjustment, its holding
// period starting when it was acquired. "Open" (remaining > 0) is decided with Decimal in JS: in
// SQL a TEXT column compares as text ('0.000' > 0 is true) and CAST to REAL rounds.
import type { Database } from 'better-sqlite3';
import { UsageError } from '../errors.js';
import type { NewLot, TaxLot } from '../ports.js';
import { dateText, decimalText, readDate, readDecimal } from './columns.js';
import { prepared } from './prepared.js';
import { immediate } from './transaction.js';

export class DuplicateLotError extends UsageError {
  constructor(
    readonly lotId: string,
    readonly venue: string,
    readonly asset: string,
  ) {
    super(`Tax lot "${lotId}" (${asset} on "${venue}") is already in the ledger; give the new lot a different id.`);
  }
}

interface LotRow {
  id: string;
  venue: string;
  asset: string;
  asset_class: TaxLot['assetClass'];
  acquired_at: string;
  quantity: string;
  remaining: string;
  unit_cost: string;
  basis_adjustment: string;
  holding_start: string;
  source_trade_id: string | null;
  label: string | null;
}

/** Inserts the lots in one transaction; a lot id already present fails them all. */
export function addLots(db: Database, lots: readonly NewLot[]): void {
  immediate(db, () => insertLots(db, lots));
}

/** The insert itself, for callers already inside a transaction. */
export function insertLots(db: Database, lots: readonly NewLot[]): void {
  const exists = prepared(db, 'SELECT 1 FROM tax_lots WHERE id = ?');
  const insert = prepared(
    db,
    `INSERT INTO tax_lots (id, venue, asset, asset_class, acquired_at, quantity, remaining, unit_cost, holding_start, source_trade_id, label)
     VALUES (@id, @venue, @asset, @assetClass, @acquiredAt, @quantity, @quantity, @unitCost, @acquiredAt, @sourceTradeId, @label)`,
  );
  for (const lot of lots) {
    if (exists.get(lot.id)) throw new DuplicateLotError(lot.id, lot.venue, lot.asset);
    insert.run({
      id: lot.id,
      venue: lot.venue,
      asset: lot.asset,
      assetClass: lot.assetClass,
      acquiredAt: dateText(lot.acquiredAt),
      quantity: decimalText(lot.quantity, `quantity of lot ${lot.id}`),
      unitCost: decimalText(lot.unitCost, `unit cost of lot ${lot.id}`),
      sourceTradeId: lot.sourceTradeId ?? null,
      label: lot.label ?? null,
    });
  }
}

/** Lots with something left, oldest first (ties by id), optionally of one asset and/or venue. */
export function openLots(db: Database, filter: { asset?: string; venue?: string } = {}): TaxLot[] {
  const where: string[] = [];
  if (filter.asset !== undefined) where.push('asset = @asset');
  if (filter.venue !== undefined) where.push('venue = @venue');
  const sql = `SELECT * FROM tax_lots ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY acquired_at, id`;
  const rows = prepared<LotRow>(db, sql).all({ asset: filter.asset, venue: filter.venue });
  return rows.map(toLot).filter((lot) => lot.remaining.gt(0));
}

/** Removes the lots a previous seed of this paper venue created (source `seed:<venue>:n`). */
export function deleteSeedLots(db: Database, venue: string): void {
  const prefix = `seed:${venue}:`;
  prepared(db, 'DELETE FROM tax_lots WHERE venue = ? AND substr(source_trade_id, 1, length(?)) = ?').run(venue, prefix, prefix);
}

function toLot(row: LotRow): TaxLot {
  return {
    id: row.id,
    venue: row.venue,
    asset: row.asset,
    assetClass: row.asset_class,
    acquiredAt: readDate(row.acquired_at),
    quantity: readDecimal(row.quantity),
    unitCost: readDecimal(row.unit_cost),
    sourceTradeId: row.source_trade_id ?? undefined,
    label: row.label ?? undefined,
    remaining: readDecimal(row.remaining),
    basisAdjustment: readDecimal(row.basis_adjustment),
    holdingStart: readDate(row.holding_start),
  };
}
