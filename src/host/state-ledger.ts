// The ledger a command runs on: its folder (--state, K.I.T.'s storage path, or KIT_HOME's
// plugin-data), named in every message with where it came from and how to change it.
import { resolve } from 'node:path';
import { openLedgerFile, type LedgerAccess, type LedgerLocation } from '../ledger/ledger-file.js';
import type { Ledger, Logger } from '../ports.js';
import type { CommandContext } from './contract.js';
import { defaultStateDir, ledgerFile } from './paths.js';

export interface StateServices {
  /** api.getStoragePath() */
  storagePath?: () => string | undefined;
}

export function ledgerLocation(context: CommandContext, host: StateServices, demo: boolean): LedgerLocation {
  const { state } = context.global;
  if (state) return { file: ledgerFile(resolve(context.cwd, state), demo), origin: `--state ${state}`, fix: 'give --state a writable folder' };
  const storage = host.storagePath?.();
  if (storage) return { file: ledgerFile(storage, demo), origin: "K.I.T.'s storage path", fix: 'give --state a writable folder' };
  const home = context.env.KIT_HOME;
  return {
    file: ledgerFile(defaultStateDir(context.env), demo),
    origin: home ? `KIT_HOME=${home}` : 'the default KIT_HOME, ~/.kit',
    fix: home ? 'point KIT_HOME at a writable folder, or give --state a writable folder' : 'give --state a writable folder',
  };
}

export function openStateLedger(context: CommandContext, host: StateServices, demo: boolean, logger: Logger): Ledger {
  const location = ledgerLocation(context, host, demo);
  logger.debug({ ledger: location.file }, 'opening the ledger');
  return openLedgerFile(location, { access: context.ledgerAccess ?? 'write', warn: (message) => logger.warn(message) });
}

/** The context of a command that only reads: it still runs when the ledger cannot be written. */
export function forReading(context: CommandContext): CommandContext {
  return { ...context, ledgerAccess: 'read' satisfies LedgerAccess };
}
