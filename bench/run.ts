// Benchmarks (npm run bench [cli|startup|scale|quality|tax|preview-scale|ledger-scale [COUNT]|tax-scale [SIZE...]]): figures to
// report in issue notes, never assertions. preview-scale (a 100,000-trade ledger, minutes) and tax-scale
// (a million trades per case) run only when asked for.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfigText } from '../src/config.js';
import { detectDrift } from '../src/drift-detector.js';
import { Decimal } from '../src/money.js';
import { buildPlan } from '../src/planner.js';
import { randomPlanInput } from '../test/helpers/random-portfolio.js';
import { plannerQuality } from './planner-quality.js';
import { ledgerScale } from './ledger-scale.js';
import { previewScale } from './preview-scale.js';
import { startupBenchmark } from './startup.js';
import { dexSizing } from './dex-sizing.js';
import { venueLatency } from './venue-latency.js';
import { taxBenchmarks, taxScaleBenchmarks } from './tax.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'dist', 'bin', 'kit.js');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => `${value.toFixed(1)} ms`;

function wall(args: string[], env: Record<string, string>, runs = 15): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    execFileSync(process.execPath, args, { env: { ...process.env, ...env }, stdio: 'ignore' });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

function time(fn: () => unknown, runs = 20): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

const section = (title: string) => console.log(`\n## ${title}`);
const only = process.argv[2];

if (!only || only === 'cli') {
  const home = mkdtempSync(join(tmpdir(), 'kit-bench-'));
  const env = { KIT_HOME: home, KIT_NOW: '2026-11-23T14:00:00Z' };
  execFileSync(process.execPath, [bin, 'portfolio', 'status'], { env: { ...process.env, ...env }, stdio: 'ignore' });
  section('CLI start-up (median of 15 runs, wall clock)');
  const node = wall(['-e', '0'], env);
  for (const [label, args] of [
    ['kit --help', ['--help']],
    ['kit portfolio status (demo)', ['portfolio', 'status']],
    ['kit rebalance preview (demo)', ['rebalance', 'preview']],
  ] as const) {
    const t = wall([bin, ...args], env);
    console.log(`${label.padEnd(32)} ${ms(t)}  (+${ms(t - node)} over node -e 0 at ${ms(node)})`);
  }
  section('Config');
  const demoYaml = readFileSync(join(root, 'fixtures', 'demo', 'rebalancer.yaml'), 'utf8');
  console.log(`parse + validate the demo config  ${ms(time(() => parseConfigText(demoYaml, 'demo')))}`);
}

if (!only || only === 'startup') {
  section('Start-up against node -e 0');
  console.log(startupBenchmark({ bin, root, runs: Number(process.env.BENCH_RUNS ?? 21) }));
}

if (!only || only === 'scale') {
  section('Planning time (pure; seeded random portfolios over 20 venues), median');
  for (const strategy of ['threshold', 'calendar'] as const) {
    for (const assets of [100, 1_000, 10_000]) {
      const input = randomPlanInput(7, { assets, venues: 20, threshold: '2%', minTradeValue: '10', strategy });
      const runs = assets >= 10_000 ? 3 : 10;
      const plan = buildPlan(input);
      const took = time(() => buildPlan(input), runs);
      const drift = time(() => detectDrift({ holdings: input.holdings, prices: input.prices, targets: input.targets, cashAssets: ['USDC'], threshold: new Decimal('0.02') }), runs);
      const perTrade = plan.trades.length > 0 ? `, ${((took * 1000) / (plan.trades.length + input.holdings.length)).toFixed(1)} µs per holding+trade` : '';
      console.log(`${strategy.padEnd(9)} ${String(assets).padStart(6)} assets, ${String(input.holdings.length).padStart(6)} holdings: plan ${ms(took).padStart(10)} (drift alone ${ms(drift)}), ${plan.trades.length} trades${perTrade}`);
    }
  }
}

if (!only || only === 'quality') {
  section('Threshold plan quality on 3,000 seeded random portfolios, every venue liquid');
  console.log(plannerQuality(3_000, { liquid: true }));
  section('... and on 3,000 with wallets, unlisted assets, coarse steps and scarce cash');
  console.log(plannerQuality(3_000, { liquid: false }));
  section('... and on 3,000 with brokers in USD beside the exchanges in USDC, every venue liquid');
  console.log(plannerQuality(3_000, { liquid: true, brokers: true }));
  section('... and on 3,000 with brokers in USD, wallets, coarse steps and scarce cash');
  console.log(plannerQuality(3_000, { liquid: false, brokers: true }));
}

if (!only || only === 'tax') {
  section('Tax engine (median)');
  console.log(taxBenchmarks());
}

if (only === 'preview-scale') {
  section('Preview against status with a long trade history (wall and CPU time, peak memory)');
  console.log(previewScale());
}

// Long (a million trades): `npm run bench ledger-scale [COUNT]`: import and a report per jurisdiction through the built kit.
if (only === 'ledger-scale') {
  section('Import and tax reports over a long ledger, through the built kit (CPU time, peak memory)');
  ledgerScale(Number(process.argv[3] ?? 1_000_000));
}

// Long (a million trades per case): only when asked for, `npm run bench tax-scale [100000 1000000]`.
if (only === 'tax-scale') {
  section('Tax reports at scale: every method of every jurisdiction (one child process per case)');
  // Arguments: sizes, and optionally cases as JURISDICTION:METHOD[:SELL_SHARE] (US:hifo, US:hifo:0.1).
  const args = process.argv.slice(3);
  const sizes = args.map(Number).filter((n) => n > 0);
  const cases = args.filter((arg) => arg.includes(':'));
  taxScaleBenchmarks(sizes.length > 0 ? sizes : [100_000, 1_000_000], console.log, cases.length > 0 ? cases : undefined);
}

if (!only || only === 'venues') {
  section('Status against slow venues (in process, fake latency)');
  console.log(await venueLatency());
  section('Preview with DEX venues: swaps priced at their planned size (in process, fake latency)');
  console.log(await dexSizing());
}
