// The target set saved by `set-target`, and its history. The current set is one row per asset;
// each save or clear appends a change with the set before and after, so `kit history` can show
// who moved what. A clear is a change whose `after` is empty.
import type { Database } from 'better-sqlite3';
import type { Decimal } from '../money.js';
import type { TargetChange } from '../ports.js';
import { assetMapJson, dateText, decimalText, readAssetMapJson, readDate, readDecimal } from './columns.js';
import { prepared } from './prepared.js';
import { immediate } from './transaction.js';

interface OverrideRow {
  asset: string;
  percent: string;
}

interface ChangeRow {
  at: string;
  reason: string;
  before_json: string;
  after_json: string;
}

export function targetOverrides(db: Database): Map<string, Decimal> | undefined {
  // rowid order is the order the set was saved in, i.e. as the user listed it.
  const rows = prepared<OverrideRow>(db, 'SELECT asset, percent FROM target_overrides ORDER BY rowid').all();
  if (rows.length === 0) return undefined;
  return new Map(rows.map((row) => [row.asset, readDecimal(row.percent)]));
}

/** Replaces the whole override set with `change.after` and records the change. */
export function saveTargetOverrides(db: Database, change: TargetChange): void {
  immediate(db, () => {
    prepared(db, 'DELETE FROM target_overrides').run();
    const insert = prepared(db, 'INSERT INTO target_overrides (asset, percent) VALUES (?, ?)');
    for (const [asset, fraction] of change.after) insert.run(asset, decimalText(fraction, `target for ${asset}`));
    appendChange(db, change);
  });
}

export function clearTargetOverrides(db: Database, at: Date, reason: string): void {
  immediate(db, () => {
    const before = targetOverrides(db) ?? new Map<string, Decimal>();
    prepared(db, 'DELETE FROM target_overrides').run();
    appendChange(db, { at, reason, before, after: new Map() });
  });
}

/** The latest `limit` changes, newest first. */
export function targetHistory(db: Database, limit: number): TargetChange[] {
  const rows = prepared<ChangeRow>(db, 'SELECT at, reason, before_json, after_json FROM target_changes ORDER BY id DESC LIMIT ?').all(limit);
  return rows.map((row) => ({
    at: readDate(row.at),
    reason: row.reason,
    before: readAssetMapJson(row.before_json),
    after: readAssetMapJson(row.after_json),
  }));
}

function appendChange(db: Database, change: TargetChange): void {
  prepared(db, 'INSERT INTO target_changes (at, reason, before_json, after_json) VALUES (?, ?, ?, ?)').run(
    dateText(change.at),
    change.reason,
    assetMapJson(change.before, 'previous target for'),
    assetMapJson(change.after, 'target for'),
  );
}
