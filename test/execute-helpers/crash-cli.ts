// One crash trial against the built CLI: start `kit rebalance execute --yes` on a seeded paper
// portfolio with latency, SIGKILL it after a random delay, then `execute --resume` until nothing is
// unfinished, and compare the ledger with the paper venues' own books.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfigText } from '../../src/config.js';
import { openLedger } from '../../src/ledger/open-ledger.js';
import { checkBooks, executeRunIds, type BookCheck } from './books.js';
import { scenarioYaml } from './scenario.js';

export const CRASH_NOW = '2026-11-23T14:00:00Z';

export interface CrashTrial extends BookCheck {
  seed: number;
  killAfterMs: number;
  /** How the first process ended: "killed" or its exit code when it finished first. */
  first: string;
  resumes: number;
  resumedOrders: number;
  /** At the kill: orders in the journal, and those still unfinished (sent or about to be, no final answer). */
  atKill: { journaled: number; unfinished: number };
}

function journalAtKill(file: string): CrashTrial['atKill'] {
  if (!existsSync(file)) return { journaled: 0, unfinished: 0 };
  const ledger = openLedger(file);
  try {
    const runs = executeRunIds(ledger);
    return { journaled: countJournaled(ledger, runs), unfinished: ledger.unfinishedOrders().length };
  } finally {
    ledger.close();
  }
}

const countJournaled = (ledger: ReturnType<typeof openLedger>, runs: readonly string[]) =>
  runs.flatMap((id) => ((ledger.rebalanceHistory(1000).find((r) => r.id === id)?.plan as { orders?: { client_order_id: string }[] } | null)?.orders ?? []).filter((o) => ledger.order(o.client_order_id))).length;

function kit(bin: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env, encoding: 'utf8' }, (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }));
  });
}

export async function crashTrial(bin: string, seed: number, killAfterMs: number): Promise<CrashTrial> {
  const dir = mkdtempSync(join(tmpdir(), `kit-crash-${seed}-`));
  const yaml = scenarioYaml(seed, { latency: '[5ms, 60ms]', partialFills: '25%', faults: { timeout_after_accept: '8%' } });
  const configFile = join(dir, 'rebalancer.yaml');
  writeFileSync(configFile, yaml);
  const env = { PATH: process.env.PATH ?? '', KIT_HOME: dir, KIT_NOW: CRASH_NOW };
  const args = ['--config', configFile, '--state', join(dir, 'state'), 'rebalance', 'execute', '--yes', '--json'];
  const child = spawn(process.execPath, [bin, ...args], { env, stdio: 'ignore' });
  const first = await new Promise<string>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(signal === 'SIGKILL' ? 'killed' : String(code));
    });
  });
  const atKill = journalAtKill(join(dir, 'state', 'ledger.sqlite'));
  let resumes = 0;
  let resumedOrders = 0;
  for (; resumes < 5; resumes++) {
    const run = await kit(bin, [...args.slice(0, -2), '--resume', '--yes', '--json'], env);
    if (run.code !== 0 && run.code !== 5) return { seed, killAfterMs, first, resumes, resumedOrders, atKill, problems: [`resume exited ${run.code}: ${run.stderr.trim()}`], orders: 0, filled: 0, venueOrders: 0 };
    const result = JSON.parse(run.stdout) as { kind: string; orders: { resumed?: string }[] };
    resumedOrders += result.orders.filter((o) => o.resumed).length;
    if (result.kind !== 'resumed') break;
  }
  const config = parseConfigText(yaml, configFile);
  const ledger = openLedger(join(dir, 'state', 'ledger.sqlite'));
  try {
    return { seed, killAfterMs, first, resumes, resumedOrders, atKill, ...checkBooks(ledger, config, new Date(CRASH_NOW), executeRunIds(ledger)) };
  } finally {
    ledger.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
