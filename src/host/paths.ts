// Where things live: the package (for the embedded demo), K.I.T.'s home (KIT_HOME, default
// ~/.kit) and the plugin's storage folder, where the ledger is kept.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PLUGIN_ID = 'portfolio-rebalancer';

/** The package root: this file is src/host/paths.ts, or dist/host/paths.js once built. */
export const packageRoot = fileURLToPath(new URL('../..', import.meta.url));

export const demoConfigPath = join(packageRoot, 'fixtures', 'demo', 'rebalancer.yaml');

export function kitHome(env: Readonly<Record<string, string | undefined>>): string {
  return env.KIT_HOME ? resolve(env.KIT_HOME) : join(homedir(), '.kit');
}

/** K.I.T.'s getStoragePath() for this plugin: ~/.kit/plugin-data/portfolio-rebalancer. */
export function defaultStateDir(env: Readonly<Record<string, string | undefined>>): string {
  return join(kitHome(env), 'plugin-data', PLUGIN_ID);
}

/** The demo keeps its own ledger, so it never mixes with a real portfolio's. */
export function ledgerFile(stateDir: string, demo: boolean): string {
  return join(stateDir, demo ? 'demo-ledger.sqlite' : 'ledger.sqlite');
}
