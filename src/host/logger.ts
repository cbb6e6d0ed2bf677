// Logs go to stderr (one readable line each) or, with --log-file, to a file as pino JSON.
// Secrets are redacted by key wherever they appear. pino is loaded only when something is
// actually logged at an enabled level, so a quiet run does not pay for it.
import { closeSync, mkdirSync, openSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { Writable } from 'node:stream';
import { StorageError } from '../errors.js';
import type { Logger } from '../ports.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const RANK: Record<LogLevel, number> = { debug: 20, info: 30, warn: 40, error: 50, silent: 100 };

export const REDACT_PATHS = [
  'apiKey', 'secret', 'password', 'passphrase', 'privateKey', 'token', 'credentials',
  '*.apiKey', '*.api_key', '*.secret', '*.password', '*.passphrase', '*.privateKey', '*.private_key', '*.token', '*.credentials',
  'config.venues.*.credentials', 'venues.*.credentials',
];

export interface LoggerOptions {
  level: LogLevel;
  /** JSON lines to this file instead of readable lines on `stderr`. */
  file?: string | undefined;
  stderr: Writable;
}

export function createLogger(options: LoggerOptions): Logger {
  if (options.file) checkLogFile(options.file);
  let instance: import('pino').Logger | undefined;
  const pino = () => {
    if (!instance) {
      const require = createRequire(import.meta.url);
      const { pino: create } = require('pino') as typeof import('pino');
      const destination = options.file
        ? create.destination({ dest: options.file, mkdir: true, sync: true })
        : { write: (line: string) => options.stderr.write(readable(line)) };
      instance = create({ level: options.level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: undefined }, destination);
    }
    return instance;
  };
  const at = (level: Exclude<LogLevel, 'silent'>) => (data: object | string, message?: string) => {
    if (RANK[level] < RANK[options.level]) return;
    if (typeof data === 'string') pino()[level](data);
    else pino()[level](data, message);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

const NAMES: Record<number, string> = { 20: 'debug', 30: 'info', 40: 'warning', 50: 'error', 60: 'fatal' };

function readable(line: string): string {
  try {
    const { level, msg, time: _time, ...rest } = JSON.parse(line) as { level: number; msg?: string; time?: number } & Record<string, unknown>;
    const extra = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
    return `${NAMES[level] ?? 'log'}: ${msg ?? ''}${extra}\n`;
  } catch {
    return line;
  }
}

/** The log file is opened (created) now, so that a bad --log-file is a message before any work, not a crash at the first line. */
function checkLogFile(file: string): void {
  const refuse = (why: string) => new StorageError(`--log-file ${file}: ${why}; give a file path in a writable folder, or leave --log-file out to log to stderr.`);
  try {
    if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) throw refuse('is a folder, not a file');
    mkdirSync(dirname(file), { recursive: true });
    closeSync(openSync(file, 'a'));
  } catch (error) {
    if (error instanceof StorageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw refuse(code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'cannot be written (permission denied)' : code === 'ENOTDIR' || code === 'EEXIST' ? 'a file is in the way of its folder' : (error as Error).message);
  }
}
