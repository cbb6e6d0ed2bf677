// A preview and a status over the demo portfolio with a long imported trade history, through the
// built `kit` as a user runs it. Status never reads the history; a preview replays it once for the
// tax state (wash windows, venue order, deferral, sell taxes, harvest), so the ratio between the
// two is what the replay costs. Usage: node build-bench/bench/preview-scale.js [path/to/kit.js] [trades]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
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

function wall(bin: string, args: string[], env: Record<string, string>, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    // A preview that is not executable exits 3; the time is what counts here.
    const run = spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, stdio: 'ignore' });
    if (run.status !== 0 && run.status !== 3) throw new Error(`kit ${args.join(' ')} exited with ${run.status}`);
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  return [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

export function previewScale(bin = join(ROOT, 'dist', 'bin', 'kit.js'), count = 100_000, runs = 3): string {
  const home = mkdtempSync(join(tmpdir(), 'kit-bench-scale-'));
  const env = { KIT_HOME: home, KIT_NOW: '2026-11-23T14:00:00Z' };
  const csv = join(home, 'trades.csv');
  writeFileSync(csv, tradesCsv(count));
  execFileSync(process.execPath, [bin, 'portfolio', 'import', csv], { env: { ...process.env, ...env }, stdio: 'ignore' });
  const status = wall(bin, ['portfolio', 'status'], env, runs);
  const preview = wall(bin, ['rebalance', 'preview'], env, runs);
  const json = wall(bin, ['rebalance', 'preview', '--json'], env, runs);
  const s = (value: number) => `${value.toFixed(2)} s`;
  return [
    `${count.toLocaleString('en-US')} imported trades, demo config, ${bin} (median of ${runs})`,
    `kit portfolio status           ${s(status)}`,
    `kit rebalance preview          ${s(preview)}  (${(preview / status).toFixed(2)}x status)`,
    `kit rebalance preview --json   ${s(json)}  (${(json / status).toFixed(2)}x status)`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(previewScale(process.argv[2] || undefined, process.argv[3] ? Number(process.argv[3]) : undefined, process.argv[4] ? Number(process.argv[4]) : undefined));
}
