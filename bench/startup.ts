// CLI start-up against bare Node: every case runs once per round, round after round, so that load
// from other processes on the machine falls on all cases alike; the figure is each case's median.
// KIT_NOW is fixed and KIT_HOME is a fresh folder, so every run does the same work.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfigText } from '../src/config.js';

export interface StartupOptions {
  /** The built bin, dist/bin/kit.js. */
  bin: string;
  /** The repository root, for the demo config. */
  root: string;
  runs?: number;
  /** Assets in the generated large config. */
  assets?: number;
}

interface Case {
  label: string;
  args: string[];
  /** Exit codes that mean the command did its work (preview exits 3 when the plan cannot all run). */
  ok?: number[];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => `${value.toFixed(1)} ms`;

/** A seeded, valid config of `assets` assets over two paper venues, each asset with a market, a balance, a price and a lot. */
export function largeConfigYaml(assets: number): string {
  const names = Array.from({ length: assets - 1 }, (_, i) => `A${String(i).padStart(4, '0')}`);
  // Targets in basis points so that they sum to exactly 100%: the remainder goes to USDC.
  const each = Math.floor(10_000 / assets);
  const cash = 10_000 - each * names.length;
  const bp = (n: number) => `${(n / 100).toFixed(2)}%`;
  const lines = ['portfolio_rebalancer:', '  targets:', ...names.map((a) => `    ${a}: ${bp(each)}`), `    USDC: ${bp(cash)}`];
  lines.push('  cash_assets: [USDC]', '  drift_threshold: 1%', '  min_trade_value: $10', '  prices:', '    USDC: "1"');
  names.forEach((a, i) => lines.push(`    ${a}: "${(10 + ((i * 37) % 900)).toFixed(2)}"`));
  lines.push('  venues:');
  for (const [v, venue] of ['alpha', 'beta'].entries()) {
    const mine = names.filter((_, i) => i % 2 === v);
    lines.push(`    ${venue}:`, '      kind: cex', '      adapter: paper', '      quote: USDC', '      fee_rate: 0.1%', '      markets:');
    for (const a of mine) lines.push(`        ${a}: { amount_step: "0.0001", price_step: "0.01", min_notional: "1" }`);
    lines.push('      balances:', '        USDC: "5000"');
    mine.forEach((a, i) => lines.push(`        ${a}: "${(1 + ((i * 13) % 50)).toFixed(4)}"`));
    lines.push('      lots:');
    mine.forEach((a, i) => lines.push(`        - { asset: ${a}, quantity: "${(1 + ((i * 13) % 50)).toFixed(4)}", unit_cost: "${(5 + ((i * 41) % 900)).toFixed(2)}", acquired: 2025-0${1 + (i % 9)}-15 }`));
  }
  return `${lines.join('\n')}\n`;
}

function runOnce(args: string[], env: NodeJS.ProcessEnv, ok: number[]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const took = Number(process.hrtime.bigint() - start) / 1e6;
  if (!ok.includes(result.status ?? -1)) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr.toString().slice(0, 500)}`);
  return took;
}

/** Wall-clock medians of every case over `runs` interleaved rounds. */
function measure(cases: Case[], env: NodeJS.ProcessEnv, runs: number): number[] {
  const times = cases.map(() => [] as number[]);
  for (const c of cases) runOnce(c.args, env, c.ok ?? [0]); // warm the file cache
  for (let round = 0; round < runs; round++) cases.forEach((c, i) => times[i]!.push(runOnce(c.args, env, c.ok ?? [0])));
  return times.map(median);
}

export function startupBenchmark(options: StartupOptions): string {
  const runs = options.runs ?? 21;
  const assets = options.assets ?? 1_000;
  const home = mkdtempSync(join(tmpdir(), 'kit-startup-'));
  const env = { ...process.env, KIT_HOME: home, KIT_NOW: '2026-11-23T14:00:00Z' };
  const large = join(home, 'large.yaml');
  const largeText = largeConfigYaml(assets);
  writeFileSync(large, largeText);
  const { bin } = options;
  const cases: Case[] = [
    { label: 'node -e 0', args: ['-e', '0'] },
    { label: 'kit --help', args: [bin, '--help'] },
    { label: 'kit portfolio status (demo)', args: [bin, 'portfolio', 'status'] },
    { label: 'kit rebalance preview (demo)', args: [bin, 'rebalance', 'preview'], ok: [0, 3] },
  ];
  const small = measure(cases, env, runs);
  const node = small[0]!;
  const lines = [`CLI start-up, wall clock, median of ${runs} interleaved runs (ratio to node -e 0):`];
  cases.forEach((c, i) => lines.push(`  ${c.label.padEnd(30)} ${ms(small[i]!).padStart(9)}  ${(small[i]! / node).toFixed(2)}x`));

  const largeRuns = Math.max(3, Math.floor(runs / 3));
  const [largeNode, largePreview] = measure([cases[0]!, { label: 'large', args: [bin, '--config', large, 'rebalance', 'preview'], ok: [0, 3] }], env, largeRuns);
  lines.push(`  rebalance preview, ${assets.toLocaleString('en-US')}-asset config (${(largeText.length / 1024).toFixed(0)} kB): ${ms(largePreview!)} (${(largePreview! / largeNode!).toFixed(2)}x node -e 0), median of ${largeRuns}`);

  // In process, warm: what the config load alone costs, without Node's start-up.
  const demo = readFileSync(join(options.root, 'fixtures', 'demo', 'rebalancer.yaml'), 'utf8');
  const inProcess = (text: string, n: number) => {
    parseConfigText(text, 'bench');
    const t: number[] = [];
    for (let i = 0; i < n; i++) {
      const start = process.hrtime.bigint();
      parseConfigText(text, 'bench');
      t.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    return median(t);
  };
  lines.push(`  config parse + validate in process (warm): demo ${ms(inProcess(demo, 21))}, ${assets.toLocaleString('en-US')} assets ${ms(inProcess(largeText, 7))}`);
  return lines.join('\n');
}
