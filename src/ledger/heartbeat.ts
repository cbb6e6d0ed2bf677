// The heartbeat's rows: checks, the alert state, calendar slots (claimed with a compare-and-set,
// so a slot runs once even when two processes wake for it), and the watch lock.
import type { Database } from 'better-sqlite3';
import type { HeartbeatCheck, HeartbeatStore, WatchHolder, WatchLockResult } from '../ports.js';
import { dateText, decimalText, optional, readDate, readDecimal } from './columns.js';
import { prepared } from './prepared.js';
import { immediate } from './transaction.js';

interface CheckRow {
  at: string;
  complete: number;
  largest_asset: string | null;
  largest_drift: string | null;
  breaches_json: string;
  conditions_json: string;
  alerts: number;
  error: string | null;
}

interface HolderRow {
  pid: number;
  host: string;
  started_at: string;
}

function recordCheck(db: Database, check: HeartbeatCheck): void {
  prepared(db, 'INSERT INTO heartbeat_checks (at, complete, largest_asset, largest_drift, breaches_json, conditions_json, alerts, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    dateText(check.at),
    check.complete ? 1 : 0,
    check.largestDrift?.asset ?? null,
    check.largestDrift ? decimalText(check.largestDrift.drift, 'largest drift') : null,
    JSON.stringify(check.breaches),
    JSON.stringify(check.conditions),
    check.alerts,
    check.error ?? null,
  );
}

function heartbeatChecks(db: Database, limit: number): HeartbeatCheck[] {
  const rows = prepared<CheckRow>(db, 'SELECT at, complete, largest_asset, largest_drift, breaches_json, conditions_json, alerts, error FROM heartbeat_checks ORDER BY id DESC LIMIT ?').all(limit);
  return rows.map((row) => ({
    at: readDate(row.at),
    complete: row.complete === 1,
    ...(row.largest_asset !== null && row.largest_drift !== null ? { largestDrift: { asset: row.largest_asset, drift: readDecimal(row.largest_drift) } } : {}),
    breaches: JSON.parse(row.breaches_json) as string[],
    conditions: JSON.parse(row.conditions_json) as string[],
    alerts: row.alerts,
    ...(row.error !== null ? { error: row.error } : {}),
  }));
}

function claimCalendarSlot(db: Database, name: string, slot: Date, at: Date): boolean {
  const result = prepared(
    db,
    `INSERT INTO calendar_slots (name, slot_at, ran_at) VALUES (?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET slot_at = excluded.slot_at, ran_at = excluded.ran_at WHERE excluded.slot_at > calendar_slots.slot_at`,
  ).run(name, dateText(slot), dateText(at));
  return result.changes === 1;
}

const readHolder = (row: HolderRow): WatchHolder => ({ pid: row.pid, host: row.host, startedAt: readDate(row.started_at) });

function acquireWatchLock(db: Database, holder: WatchHolder, isAlive: (holder: WatchHolder) => boolean): WatchLockResult {
  return immediate(db, () => {
    const row = prepared<HolderRow>(db, 'SELECT pid, host, started_at FROM watch_lock WHERE id = 1').get();
    const current = row ? readHolder(row) : undefined;
    if (current && isAlive(current)) return { acquired: false, holder: current };
    prepared(db, `INSERT INTO watch_lock (id, pid, host, started_at) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET pid = excluded.pid, host = excluded.host, started_at = excluded.started_at`).run(
      holder.pid,
      holder.host,
      dateText(holder.startedAt),
    );
    return { acquired: true, ...(current ? { replaced: current } : {}) };
  });
}

export function heartbeatStore(db: Database): HeartbeatStore {
  return {
    recordCheck: (check) => recordCheck(db, check),
    heartbeatChecks: (limit) => heartbeatChecks(db, limit),
    watchState: () => prepared<{ state_json: string }>(db, 'SELECT state_json FROM heartbeat_state WHERE id = 1').get()?.state_json,
    saveWatchState: (json, at) => {
      prepared(db, 'INSERT INTO heartbeat_state (id, state_json, updated_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET state_json = excluded.state_json, updated_at = excluded.updated_at').run(json, dateText(at));
    },
    lastCalendarSlot: (name) => optional(prepared<{ slot_at: string }>(db, 'SELECT slot_at FROM calendar_slots WHERE name = ?').get(name)?.slot_at ?? null, readDate),
    claimCalendarSlot: (name, slot, at) => claimCalendarSlot(db, name, slot, at),
    acquireWatchLock: (holder, isAlive) => acquireWatchLock(db, holder, isAlive),
    releaseWatchLock: ({ pid, host }) => {
      prepared(db, 'DELETE FROM watch_lock WHERE id = 1 AND pid = ? AND host = ?').run(pid, host);
    },
  };
}
