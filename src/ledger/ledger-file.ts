// Opening the user's ledger file, with a message for every way the file system can refuse it. A
// command that only reads (status, preview, tax report) still runs from a ledger it cannot write:
// it works on a copy in memory, so the incidental writes of a read (the paper venues' first seed,
// the high-water mark) succeed and are dropped. A command that must write is refused up front.
import { accessSync, constants, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { StorageError } from '../errors.js';
import type { Ledger } from '../ports.js';
import { openLedger } from './open-ledger.js';

/** 'read': the command can run without saving anything; 'write': it exists to change the ledger. */
export type LedgerAccess = 'read' | 'write';

export interface LedgerLocation {
  file: string;
  /** Where the folder came from and how to change it, for messages: "--state st", "KIT_HOME=/x". */
  origin: string;
  /** What to do about a folder that cannot be used: "give --state a writable folder". */
  fix: string;
}

export interface LedgerFileOptions {
  access: LedgerAccess;
  /** Told once when a read runs on an in-memory copy. */
  warn: (message: string) => void;
}

export function openLedgerFile(location: LedgerLocation, options: LedgerFileOptions): Ledger {
  const { file } = location;
  const folderMade = ensureFolder(location);
  if (existsSync(file) && statSync(file).isDirectory()) {
    throw new StorageError(`The ledger ${file} is a folder, not a ledger file; move it away, or ${location.fix}.`);
  }
  const refusal = folderMade ? writeRefusal(file) : 'the folder cannot be created';
  if (!refusal) {
    try {
      return guardLedger(openLedger(file), file);
    } catch (error) {
      const code = sqliteCode(error);
      if (!code?.startsWith('SQLITE_READONLY') && code !== 'SQLITE_CANTOPEN') throw translate(error, file);
      return readOnly(location, options, 'the file system refused to write it');
    }
  }
  return readOnly(location, options, refusal);
}

function readOnly(location: LedgerLocation, options: LedgerFileOptions, reason: string): Ledger {
  const { file } = location;
  if (options.access === 'write') {
    throw new StorageError(`The ledger ${file} cannot be written (${reason}) and this command changes it; make ${dirname(file)} and the file writable, or ${location.fix}.`);
  }
  if (!existsSync(file)) {
    options.warn(`there is no ledger at ${file} and it cannot be created (${reason}); running on an empty one, and nothing this run changes is saved`);
    return guardLedger(openLedger(':memory:'), file);
  }
  options.warn(`the ledger ${file} cannot be written (${reason}); showing it as it is, and nothing this run changes is saved`);
  try {
    return guardLedger(openLedger(snapshot(file)), file);
  } catch (error) {
    throw translate(error, file);
  }
}

/** Creates the ledger's folder; false when permissions forbid it, a message when a file is in the way. */
function ensureFolder(location: LedgerLocation): boolean {
  const folder = dirname(location.file);
  try {
    mkdirSync(folder, { recursive: true });
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return false;
    const blocker = fileInTheWay(folder);
    if (blocker) throw new StorageError(`Cannot use the ledger folder ${folder} (from ${location.origin}): ${blocker} is a file, not a folder; ${location.fix}.`);
    throw new StorageError(`Cannot create the ledger folder ${folder} (from ${location.origin}): ${(error as Error).message}; ${location.fix}.`);
  }
}

/** The nearest existing path at or above `path` when it is not a folder. */
function fileInTheWay(path: string): string | undefined {
  for (let at = path; ; at = dirname(at)) {
    if (existsSync(at)) return statSync(at).isDirectory() ? undefined : at;
    if (dirname(at) === at) return undefined;
  }
}

/** Why the ledger cannot be written, or undefined when it can (SQLite also needs the folder, for its journal). */
function writeRefusal(file: string): string | undefined {
  const check = (path: string, what: string) => {
    try {
      accessSync(path, constants.W_OK);
      return undefined;
    } catch (error) {
      return `${what} is ${(error as NodeJS.ErrnoException).code === 'EROFS' ? 'on a read-only file system' : 'not writable'}`;
    }
  };
  return check(dirname(file), 'its folder') ?? (existsSync(file) ? check(file, 'the file') : undefined);
}

/** The ledger's bytes, as of its last commit, marked as a plain (non-WAL) file so they open in memory. */
function snapshot(file: string): Buffer {
  let bytes: Buffer;
  try {
    const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      bytes = db.serialize();
    } finally {
      db.close();
    }
  } catch {
    // No -shm file and no right to create one: the file alone is the last checkpoint.
    bytes = readFileSync(file);
  }
  if (bytes.length >= 100 && bytes[18] === 2 && bytes[19] === 2) {
    bytes[18] = 1;
    bytes[19] = 1;
  }
  return bytes;
}

/** Every ledger call, with SQLite's failures (a corrupt page found late, a lock held too long) named by file. */
function guardLedger(ledger: Ledger, file: string): Ledger {
  const guarded = {} as Record<string, unknown>;
  for (const [name, value] of Object.entries(ledger)) {
    guarded[name] =
      typeof value === 'function'
        ? (...args: unknown[]) => {
            try {
              return (value as (...a: unknown[]) => unknown)(...args);
            } catch (error) {
              throw translate(error, file);
            }
          }
        : value;
  }
  return guarded as unknown as Ledger;
}

function sqliteCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

/** SQLite's error as a StorageError naming the file and what to do; anything else unchanged. */
export function translate(error: unknown, file: string): unknown {
  const code = sqliteCode(error);
  if (!code) return error;
  const reason = (error as Error).message;
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new StorageError(`The ledger ${file} is not a readable SQLite database (${reason}); move it aside (for example to ${file}.broken) to start a new ledger, or restore it from a backup.`, { cause: error });
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new StorageError(`The ledger ${file} is locked by another kit process (${reason}); try again when it has finished.`, { cause: error });
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return new StorageError(`The ledger ${file} cannot be written (${reason}); make it and its folder writable, or use --state DIR with a writable folder.`, { cause: error });
  }
  if (code === 'SQLITE_FULL') return new StorageError(`The ledger ${file} cannot grow: the disk is full (${reason}); free some space and try again.`, { cause: error });
  return new StorageError(`The ledger ${file} failed: ${reason} (${code}).`, { cause: error });
}
