// Crash benchmark: for each seed, `kit rebalance execute --yes` on a seeded paper portfolio with
// latency, partial fills and timeouts-after-accept, SIGKILLed after a seeded random delay, then
// resumed; counts trials and every broken invariant (see test/execute-helpers/books.ts).
// Run: npm run build && npx tsc -p tsconfig.bench.json && node build-bench/bench/crash.js [seeds=200] [parallel=2]
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crashTrial, type CrashTrial } from '../test/execute-helpers/crash-cli.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'dist', 'bin', 'kit.js');
const seeds = Number(process.argv[2] ?? 200);
const parallel = Number(process.argv[3] ?? 2);

/** The kill delay for a seed: spread over the end of start-up and the whole run (about 0.4 s to 2.4 s). */
const killAfter = (seed: number) => 400 + ((seed * 7919) % 2000);

const started = Date.now();
const trials: CrashTrial[] = [];
let next = 1;
async function worker(): Promise<void> {
  while (next <= seeds) {
    const seed = next++;
    const trial = await crashTrial(bin, seed, killAfter(seed));
    trials.push(trial);
    if (trial.problems.length > 0) console.log(`seed ${seed}: ${trial.problems.join('; ')}`);
  }
}
await Promise.all(Array.from({ length: parallel }, worker));

const count = (f: (t: CrashTrial) => boolean) => trials.filter(f).length;
const sum = (f: (t: CrashTrial) => number) => trials.reduce((acc, t) => acc + f(t), 0);
console.log(`crash trials: ${trials.length} seeds in ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`  killed mid-run: ${count((t) => t.first === 'killed')}; finished before the kill: ${count((t) => t.first !== 'killed')}`);
console.log(`  killed with orders in the journal: ${count((t) => t.first === 'killed' && t.atKill.journaled > 0)} (of which with orders unfinished at the kill: ${count((t) => t.first === 'killed' && t.atKill.unfinished > 0)}); killed before any order was journaled: ${count((t) => t.first === 'killed' && t.atKill.journaled === 0)}`);
console.log(`  orders unfinished at the kill, resolved by the resume: ${sum((t) => t.atKill.unfinished)}`);
console.log(`  journaled orders: ${sum((t) => t.orders)}, at the venues: ${sum((t) => t.venueOrders)}, filled: ${sum((t) => t.filled)}; resume runs: ${sum((t) => t.resumes)}`);
console.log(`  trials with a broken invariant: ${count((t) => t.problems.length > 0)} (doubled ids, unaccounted orders, lots != balances)`);
process.exitCode = count((t) => t.problems.length > 0) > 0 ? 1 : 0;
