// Brings a ledger file up to the schema this code knows. Each migration runs in its own IMMEDIATE
// transaction and re-checks that it is still pending inside it, so two processes opening the same
// file at once apply it once. A file from a newer plugin is refused rather than guessed at.
import { basename } from 'node:path';
import type { Database } from 'better-sqlite3';
import { DataError } from '../errors.js';
import { type Migration, migrations as knownMigrations } from './migrations.js';
import { prepared } from './prepared.js';

export class SchemaTooNewError extends DataError {
  constructor(
    readonly file: string,
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `${basename(file)} was written by a newer version of portfolio-rebalancer (schema ${found}, this version knows ${known}); upgrade the plugin`,
      { details: `Ledger file: ${file}` },
    );
  }
}

/** The highest migration applied to this database; 0 for a new one. */
export function schemaVersion(db: Database): number {
  const row = prepared<{ version: number | null }>(db, 'SELECT max(version) AS version FROM schema_migrations').get();
  return row?.version ?? 0;
}

/** Applies the pending migrations in order; returns the versions it applied. */
export function migrate(db: Database, migrations: readonly Migration[] = knownMigrations, now: () => Date = () => new Date()): number[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const known = migrations.at(-1)?.version ?? 0;
  const found = schemaVersion(db);
  if (found > known) throw new SchemaTooNewError(db.name, found, known);

  const appliedVersions = db.prepare<[], number>('SELECT version FROM schema_migrations').pluck();
  const record = db.prepare<[number, string, string]>('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const apply = db.transaction((migration: Migration): boolean => {
    if (appliedVersions.all().includes(migration.version)) return false;
    db.exec(migration.sql);
    record.run(migration.version, migration.name, now().toISOString());
    return true;
  });

  const before = new Set(appliedVersions.all());
  const applied: number[] = [];
  for (const migration of migrations) {
    if (!before.has(migration.version) && apply.immediate(migration)) applied.push(migration.version);
  }
  return applied;
}
