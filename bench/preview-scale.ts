// A preview and a status over the demo portfolio with a long imported trade history, through the
// built `kit` as a user runs it. Status never reads the history; a preview replays it once for the
// tax state (wash windows, venue order, deferral, sell taxes, harvest), so the ratio between the
// two is what the replay costs. Usage: node build-bench/bench/preview-scale.js [path/to/kit.js] [trades]
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Seeded so every run (and the before/after comparison) imports the same file. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Buys and sells of the demo's crypto on its venues, never selling more than was bought there. */
export function tradesCsv(count: number, seed = 7): string {
  const random = lcg(seed);
  const books = [
    { asset: 'BTC', venue: 'binance', price: 9_000, step: 0.001 },
    { asset: 'BTC', venue: 'coinbase', price: 9_000, step: 0.001 },
    { asset: 'ETH', venue: 'binance', price: 300, step: 0.01 },
    { asset: 'ETH', venue: 'coinbase', price: 300, step: 0.01 },
    { asset: 'SOL', venue: 'jupiter', price: 20, step: 0.1 },
  ].map((book) => ({ ...book, held: 0 }));
  const from = Date.UTC(2019, 0, 1);
  const span = Date.UTC(2026, 10, 20) - from;
  const rows = ['date,side,asset,quantity,price,fee,venue,id'];
  for (let i = 0; i < count; i++) {
    const book = books[Math.floor(random() * books.length)]!;
    book.price = Math.max(book.step * 10, book.price * (1 + (random() - 0.5) * 0.04));
    const sell = book.held > book.step * 20 && random() < 0.45;
    const units = sell ? Math.max(1, Math.floor((book.held / book.step) * random() * 0.3)) : 1 + Math.floor(random() * 20);
    const quantity = units * book.step;
    book.held += sell ? -quantity : quantity;
    const date = new Date(from + Math.floor((span * i) / count)).toISOString().slice(0, 10);
    rows.push(`${date},${sell ? 'sell' : 'buy'},${book.asset},${quantity.toFixed(6)},${book.price.toFixed(2)},0.5,${book.venue},t${i}`);
  }
  return rows.join('\n');
}

// The machine running the bench may be shared, so besides wall time each run reports its own CPU
// time and peak memory, written by a preloaded hook when the process exits.
const USAGE_HOOK = `data:text/javascript,import{writeFileSync}from"node:fs";process.on("exit",()=>writeFileSync(process.env.KIT_BENCH_USAGE,JSON.stringify(process.resourceUsage())))`;

export interface Sample {
  wall: number;
  cpu: number;
  rssMb: number;
}

export function measure(bin: string, args: string[], env: Record<string, string>, runs: number): Sample {
  const samples: Sample[] = [];
  const usageFile = join(env.KIT_HOME!, 'usage.json');
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    // A preview that is not executable exits 3; the time is what counts here.
    // Output to a file: with --json a failure's message is on stdout.
    const out = openSync(join(env.KIT_HOME!, 'stdout.txt'), 'w');
    const run = spawnSync(process.execPath, ['--import', USAGE_HOOK, bin, ...args], { env: { ...process.env, ...env, KIT_BENCH_USAGE: usageFile }, stdio: ['ignore', out, 'pipe'], maxBuffer: 1 << 26 });
    closeSync(out);
    const wall = Number(process.hrtime.bigint() - start) / 1e9;
    if (run.status !== 0 && run.status !== 3) throw new Error(`kit ${args.join(' ')} exited with ${run.status}: ${String(run.stderr).slice(-500)} ${readFileSync(join(env.KIT_HOME!, 'stdout.txt'), 'utf8').slice(0, 500)}`);
    const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { userCPUTime: number; systemCPUTime: number; maxRSS: number };
    samples.push({ wall, cpu: (usage.userCPUTime + usage.systemCPUTime) / 1e6, rssMb: usage.maxRSS / 1024 });
  }
  const median = (pick: (s: Sample) => number) => samples.map(pick).sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
  return { wall: median((s) => s.wall), cpu: median((s) => s.cpu), rssMb: median((s) => s.rssMb) };
}

export function previewScale(bin = join(ROOT, 'dist', 'bin', 'kit.js'), count = 100_000, runs = 3): string {
  const home = mkdtempSync(join(tmpdir(), 'kit-bench-scale-'));
  const env = { KIT_HOME: home, KIT_NOW: '2026-11-23T14:00:00Z' };
  const csv = join(home, 'trades.csv');
  writeFileSync(csv, tradesCsv(count));
  execFileSync(process.execPath, [bin, 'portfolio', 'import', csv], { env: { ...process.env, ...env }, stdio: 'ignore' });
  const status = measure(bin, ['portfolio', 'status'], env, runs);
  const line = (label: string, sample: Sample) =>
    `${label.padEnd(30)} wall ${sample.wall.toFixed(2).padStart(6)} s (${(sample.wall / status.wall).toFixed(2)}x status)   cpu ${sample.cpu.toFixed(2).padStart(6)} s (${(sample.cpu / status.cpu).toFixed(2)}x)   peak ${sample.rssMb.toFixed(0)} MB`;
  return [
    `${count.toLocaleString('en-US')} imported trades, demo config, ${bin} (median of ${runs})`,
    line('kit portfolio status', status),
    // The first preview after the import replays the history and saves the tax checkpoint; the next ones read it.
    line('first preview (replays, saves)', measure(bin, ['rebalance', 'preview'], env, 1)),
    line('kit rebalance preview', measure(bin, ['rebalance', 'preview'], env, runs)),
    line('kit rebalance preview --json', measure(bin, ['rebalance', 'preview', '--json'], env, runs)),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(previewScale(process.argv[2] || undefined, process.argv[3] ? Number(process.argv[3]) : undefined, process.argv[4] ? Number(process.argv[4]) : undefined));
}
