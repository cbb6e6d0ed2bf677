// The target set saved by `set-target`, its pins, and its history. The current set is one row per
// asset; each save or clear appends a change with the set before and after, so `kit history` can
// show who moved what. A clear is a change whose `after` is empty, and unpins everything.
import type { Database } from 'better-sqlite3';
import type { Decimal } from '../money.js';
import type { TargetChange, TargetSave } from '../ports.js';
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

export function targetPins(db: Database): Set<string> {
  return new Set(prepared<{ asset: string }>(db, 'SELECT asset FROM target_pins ORDER BY rowid').all().map((row) => row.asset));
}

/** Replaces the whole override set with `change.after` (and the pins) and records the change. */
export function saveTargetOverrides(db: Database, change: TargetSave): void {
  immediate(db, () => {
    const pins = [...(change.pinned ?? targetPins(db))].filter((asset) => change.after.has(asset));
    prepared(db, 'DELETE FROM target_overrides').run();
    const insert = prepared(db, 'INSERT INTO target_overrides (asset, percent) VALUES (?, ?)');
    for (const [asset, fraction] of change.after) insert.run(asset, decimalText(fraction, `target for ${asset}`));
    prepared(db, 'DELETE FROM target_pins').run();
    const pin = prepared(db, 'INSERT INTO target_pins (asset, pinned_at) VALUES (?, ?)');
    for (const asset of pins) pin.run(asset, dateText(change.at));
    appendChange(db, change);
  });
}

export function clearTargetOverrides(db: Database, at: Date, reason: string): void {
  immediate(db, () => {
    const before = targetOverrides(db) ?? new Map<string, Decimal>();
    prepared(db, 'DELETE FROM target_overrides').run();
    prepared(db, 'DELETE FROM target_pins').run();
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
