import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = join(ROOT, 'dist', 'bin', 'kit.js');

export interface KitRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built `kit` bin as a user would, with its own KIT_HOME unless one is given. */
export function runKit(args: readonly string[], options: { env?: Record<string, string>; cwd?: string } = {}): Promise<KitRun> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    KIT_HOME: tempDir('kit-home-'),
    KIT_NOW: '2026-11-23T14:00:00Z',
    ...options.env,
  };
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env, cwd: options.cwd ?? tempDir('kit-cwd-'), encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes a config file into a fresh folder and returns its path. */
export function writeConfig(yaml: string, name = 'rebalancer.yaml'): string {
  const file = join(tempDir('kit-config-'), name);
  writeFileSync(file, yaml);
  return file;
}

/** A one-venue portfolio: 0.6 BTC at $100,000 and 40,000 USDC against 50/50 targets. `extra` is appended (more venue lines or venues). */
export const oneVenueConfig = (extra = '') => `portfolio_rebalancer:
  targets: {BTC: 50%, USDC: 50%}
  cash_assets: [USDC]
  prices: {BTC: "100000", USDC: "1"}
  venues:
    ex:
      kind: cex
      adapter: paper
      quote: USDC
      markets: {BTC: {amount_step: "0.0001"}}
      balances: {BTC: "0.6", USDC: "40000"}
${extra}`;
