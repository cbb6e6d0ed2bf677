// Benchmarks (npm run bench): figures to report, never assertions. Runs on the built dist/.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfigText } from '../dist/config.js';
import { detectDrift } from '../dist/drift-detector.js';
import { Decimal } from '../dist/money.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'dist', 'bin', 'kit.js');
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value) => `${value.toFixed(1)} ms`;

function wall(args, env, runs = 15) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    execFileSync(process.execPath, args, { env: { ...process.env, ...env }, stdio: 'ignore' });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

function time(fn, runs = 20) {
  fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

const home = mkdtempSync(join(tmpdir(), 'kit-bench-'));
const env = { KIT_HOME: home, KIT_NOW: '2026-11-23T14:00:00Z' };
execFileSync(process.execPath, [bin, 'portfolio', 'status'], { env: { ...process.env, ...env }, stdio: 'ignore' });

console.log('## CLI start-up (median of 15 runs, wall clock)');
const node = wall(['-e', '0'], env);
const status = wall([bin, 'portfolio', 'status'], env);
const help = wall([bin, '--help'], env);
console.log(`node -e 0                      ${ms(node)}`);
console.log(`kit --help                     ${ms(help)}  (+${ms(help - node)})`);
console.log(`kit portfolio status (demo)    ${ms(status)}  (+${ms(status - node)} over node)`);

console.log('\n## Config');
const demoYaml = readFileSync(join(root, 'fixtures', 'demo', 'rebalancer.yaml'), 'utf8');
console.log(`parse + validate the demo config  ${ms(time(() => parseConfigText(demoYaml, 'demo')))}`);

console.log('\n## Drift detection (pure), median of 20');
for (const [assets, venues] of [[100, 20], [1000, 20], [10000, 20]]) {
  const holdings = [];
  const prices = new Map();
  const targets = new Map();
  for (let a = 0; a < assets; a++) {
    const asset = `A${a}`;
    prices.set(asset, new Decimal(1 + (a % 97)));
    targets.set(asset, new Decimal(1).div(assets));
    for (let v = 0; v < venues; v += 4) holdings.push({ venue: `v${(a + v) % venues}`, asset, quantity: new Decimal((a * 7 + v) % 1000).plus('0.123456789') });
  }
  const input = { holdings, prices, targets, cashAssets: ['USDC'], threshold: new Decimal('0.05') };
  console.log(`${String(assets).padStart(6)} assets, ${holdings.length} holdings over ${venues} venues  ${ms(time(() => detectDrift(input), assets >= 10000 ? 5 : 20))}`);
}
