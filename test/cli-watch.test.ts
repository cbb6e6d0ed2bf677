// `kit rebalance watch` as cron, systemd and a user meet it: --once prints the alert once and then
// stays quiet within the cooldown; the long-running watch stops cleanly on SIGTERM (exit 0, the
// check finished); a second watch on the same ledger is refused naming the holder; a holder that
// died is replaced.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLedger } from '../src/ledger/open-ledger.js';
import { BIN, oneVenueConfig, runKit, tempDir, writeConfig } from './helpers/run-kit.js';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function environment(home: string, config: string): Record<string, string> {
  return { PATH: process.env.PATH ?? '', KIT_HOME: home, KIT_NOW: '2026-11-23T14:00:00Z', KIT_REBALANCER_CONFIG: config };
}

/** Starts a long-running watch; resolves its output so far once `ready` matches stdout. */
function startWatch(env: Record<string, string>) {
  const child = spawn(process.execPath, [BIN, 'rebalance', 'watch'], { env, cwd: tempDir('kit-cwd-') });
  children.push(child);
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const until = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (pattern.test(output.stdout + output.stderr)) {
          clearInterval(timer);
          resolve();
        } else if (child.exitCode !== null) {
          clearInterval(timer);
          reject(new Error(`watch exited ${child.exitCode} before ${pattern}: ${output.stderr}`));
        }
      }, 25);
    });
  return { child, output, exited, until };
}

const ledgerIn = (home: string) => join(home, 'plugin-data', 'portfolio-rebalancer', 'ledger.sqlite');

describe('kit rebalance watch --once (for cron)', () => {
  it('prints the drift table and the recommended trades on crossing, then nothing new within the cooldown', async () => {
    const home = tempDir('kit-home-');
    const env = environment(home, writeConfig(oneVenueConfig()));

    const first = await runKit(['rebalance', 'watch', '--once'], { env });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('⚖️ Portfolio alert: BTC, USDC');
    expect(first.stdout).toContain('| Asset | Current | Target | Drift | |');
    expect(first.stdout).toContain('| BTC | 60.0% | 50.0% | +10.0% | ← Overweight |');
    expect(first.stdout).toContain('⚠️ BTC and USDC exceed 5% drift threshold.');
    expect(first.stdout).toContain('Recommended trades:\n- Sell 0.1 BTC ($10,000) on ex');

    const second = await runKit(['rebalance', 'watch', '--once'], { env });
    expect(second.code).toBe(0);
    expect(second.stdout.trim()).toBe('Checked 2026-11-23 14:00 UTC: still open, already alerted (drift:BTC, drift:USDC); largest drift BTC +10.0%.');

    const ledger = openLedger(ledgerIn(home));
    try {
      const checks = ledger.heartbeatChecks(10);
      expect(checks.map((check) => [check.alerts, check.complete, check.breaches, check.largestDrift?.asset, check.largestDrift?.drift.toFixed()])).toEqual([
        [0, true, ['BTC', 'USDC'], 'BTC', '0.1'],
        [1, true, ['BTC', 'USDC'], 'BTC', '0.1'],
      ]);
    } finally {
      ledger.close();
    }
  });

  it('says so, and exits 3, when a venue does not answer: nothing is recommended on such figures', async () => {
    const config = writeConfig(oneVenueConfig('      faults: {fetch_balances: 100%}\n'));
    const run = await runKit(['rebalance', 'watch', '--once'], { env: { KIT_REBALANCER_CONFIG: config } });
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^Checked 2026-11-23 14:00 UTC: the figures are incomplete \(Venue ex did not answer/);
  });
});

describe('kit rebalance watch (long-running)', () => {
  it('stops on SIGTERM after finishing its check, exits 0, and frees the ledger for the next watch', async () => {
    const home = tempDir('kit-home-');
    const config = writeConfig(oneVenueConfig());
    const env = environment(home, config);
    const watch = startWatch(env);
    await watch.until(/Portfolio alert/);
    await watch.until(/watch: started/);
    watch.child.kill('SIGTERM');
    expect(await watch.exited).toBe(0);
    expect(watch.output.stderr).toContain('watch: SIGTERM received; finishing the current check.');
    expect(watch.output.stdout).toContain('Recommended trades:\n- Sell 0.1 BTC ($10,000) on ex');
    expect(watch.output.stdout.trim().split('\n').at(-1)).toBe('Watch stopped on SIGTERM after 1 check.');

    const ledger = openLedger(ledgerIn(home));
    try {
      expect(ledger.heartbeatChecks(5)).toHaveLength(1);
      // The lock went with it: a new watch may start.
      expect(ledger.acquireWatchLock({ pid: 1, host: 'elsewhere', startedAt: new Date() }, () => true)).toEqual({ acquired: true });
    } finally {
      ledger.close();
    }
  });

  it('refuses a second watch on the same ledger, naming the process that holds it', async () => {
    const home = tempDir('kit-home-');
    const config = writeConfig(oneVenueConfig());
    const env = environment(home, config);
    const watch = startWatch(env);
    await watch.until(/watch: started/);

    const second = await runKit(['rebalance', 'watch'], { env });
    expect(second.code).toBe(5);
    expect(second.stderr.trim()).toMatch(new RegExp(`^error: Another kit rebalance watch is already watching this ledger: pid ${watch.child.pid} on .+, since 2026-11-23T14:00:00.000Z\\. Stop it first \\(kill ${watch.child.pid}\\), or use --once for a single check\\.$`));
    // --once still works beside it.
    expect((await runKit(['rebalance', 'watch', '--once'], { env })).code).toBe(0);

    watch.child.kill('SIGINT');
    expect(await watch.exited).toBe(0);
  });

  it('replaces the lock of a watch that died without releasing it (stale pid)', async () => {
    const home = tempDir('kit-home-');
    const config = writeConfig(oneVenueConfig());
    const env = environment(home, config);
    const dead = startWatch(env);
    await dead.until(/watch: started/);
    dead.child.kill('SIGKILL');
    await dead.exited;

    const watch = startWatch(env);
    await watch.until(/watch: started/);
    watch.child.kill('SIGTERM');
    expect(await watch.exited).toBe(0);
  });
});
