// Where things live: the package (for the embedded demo), K.I.T.'s home (KIT_HOME, default
// ~/.kit) and the plugin's storage folder, where the ledger is kept.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PLUGIN_ID = 'portfolio-rebalancer';

/** The package root: the nearest folder above this module with kit.plugin.json (src/, dist/ or the bundled bin). */
export const packageRoot = findUp(dirname(fileURLToPath(import.meta.url)), 'kit.plugin.json');

function findUp(start: string, marker: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, marker))) return dir;
    if (dirname(dir) === dir) return start;
  }
}

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
