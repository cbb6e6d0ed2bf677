// Rebalance runs, saved at each step of a run's life (previewed, executing, completed...) under
// the same id; the last save wins. The plan is kept as the JSON the preview printed: Decimals in
// it serialize as decimal strings (decimal.js's toJSON) and read back as strings.
import type { Database } from 'better-sqlite3';
import type { RebalanceRecord } from '../ports.js';
import { dateText, decimalText, nullable, optional, readDate, readDecimal } from './columns.js';
import { prepared } from './prepared.js';

interface RunRow {
  id: string;
  created_at: string;
  strategy: string;
  status: RebalanceRecord['status'];
  value_before: string;
  value_after: string | null;
  plan_json: string;
  completed_at: string | null;
}

export function saveRebalance(db: Database, record: RebalanceRecord): void {
  prepared(
    db,
    `INSERT INTO rebalance_runs (id, created_at, strategy, status, value_before, value_after, plan_json, completed_at)
     VALUES (@id, @createdAt, @strategy, @status, @valueBefore, @valueAfter, @plan, @completedAt)
     ON CONFLICT (id) DO UPDATE SET
       created_at = excluded.created_at, strategy = excluded.strategy, status = excluded.status,
       value_before = excluded.value_before, value_after = excluded.value_after,
       plan_json = excluded.plan_json, completed_at = excluded.completed_at`,
  ).run({
    id: record.id,
    createdAt: dateText(record.createdAt),
    strategy: record.strategy,
    status: record.status,
    valueBefore: decimalText(record.valueBefore, `value before rebalance ${record.id}`),
    valueAfter: nullable(record.valueAfter, (value) => decimalText(value, `value after rebalance ${record.id}`)),
    plan: JSON.stringify(record.plan ?? null),
    completedAt: nullable(record.completedAt, dateText),
  });
}

/** The latest `limit` runs, newest first. */
export function rebalanceHistory(db: Database, limit: number): RebalanceRecord[] {
  const rows = prepared<RunRow>(db, 'SELECT * FROM rebalance_runs ORDER BY created_at DESC, rowid DESC LIMIT ?').all(limit);
  return rows.map((row) => ({
    id: row.id,
    createdAt: readDate(row.created_at),
    strategy: row.strategy,
    status: row.status,
    valueBefore: readDecimal(row.value_before),
    valueAfter: optional(row.value_after, readDecimal),
    plan: JSON.parse(row.plan_json) as unknown,
    completedAt: optional(row.completed_at, readDate),
  }));
}
