// The `run_lock` row (at most one): who is executing a rebalance now. Taken in one IMMEDIATE
// transaction, so two processes cannot both see it free. A row whose pid is dead on this host is
// a lock left by a crash (kill -9): it is recovered. One held on another host is never guessed at.
import type { Database } from 'better-sqlite3';
import type { RunLockHolder, RunLockResult, RunLockStore } from '../ports.js';
import { dateText, readDate } from './columns.js';
import { prepared } from './prepared.js';
import { immediate } from './transaction.js';

interface LockRow {
  holder: string;
  pid: number;
  host: string;
  started_at: string;
  run_id: string | null;
}

const toHolder = (row: LockRow): RunLockHolder => ({ holder: row.holder, pid: row.pid, host: row.host, startedAt: readDate(row.started_at), runId: row.run_id ?? undefined });

export function runLock(db: Database): RunLockHolder | undefined {
  const row = prepared<LockRow>(db, 'SELECT holder, pid, host, started_at, run_id FROM run_lock WHERE id = 1').get();
  return row && toHolder(row);
}

export function acquireRunLock(db: Database, holder: RunLockHolder, isAlive: (pid: number) => boolean): RunLockResult {
  return immediate(db, () => {
    const current = runLock(db);
    const sameProcess = current && current.pid === holder.pid && current.host === holder.host;
    if (current && !sameProcess && (current.host !== holder.host || isAlive(current.pid))) return { acquired: false, heldBy: current };
    prepared(
      db,
      `INSERT INTO run_lock (id, holder, pid, host, started_at, run_id) VALUES (1, @holder, @pid, @host, @startedAt, @runId)
       ON CONFLICT (id) DO UPDATE SET holder = excluded.holder, pid = excluded.pid, host = excluded.host, started_at = excluded.started_at, run_id = excluded.run_id`,
    ).run({ holder: holder.holder, pid: holder.pid, host: holder.host, startedAt: dateText(holder.startedAt), runId: holder.runId ?? null });
    return current && !sameProcess ? { acquired: true, recovered: current } : { acquired: true };
  });
}

export function releaseRunLock(db: Database, pid: number, host: string): void {
  prepared(db, 'DELETE FROM run_lock WHERE id = 1 AND pid = ? AND host = ?').run(pid, host);
}

export function runLockStore(db: Database): RunLockStore {
  return {
    acquireRunLock: (holder, isAlive) => acquireRunLock(db, holder, isAlive),
    releaseRunLock: (pid, host) => releaseRunLock(db, pid, host),
    runLock: () => runLock(db),
  };
}
