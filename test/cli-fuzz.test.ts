// Careless hands, simulated: seeded mutations of the demo config and of a trade CSV, run through
// `kit` (in-process, and a sample through the built bin). For every input: exit 0, 2, 3 or 4; a
// message when it is not 0; no stack trace, `undefined`, `NaN` or `[object Object]`; and nothing
// half-written: a run that fails leaves the ledger as it was, an import that succeeds adds all its rows.
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LEAKS, runInProcess } from './helpers/run-cli.js';
import { DEMO_PATH, DEMO_YAML } from './helpers/preview.js';
import { ROOT, runKit, tempDir, type KitRun } from './helpers/run-kit.js';

const CASES = 200;
const SPAWNED = 8;
const CSV = `date,side,asset,quantity,price,fee,id,venue,asset_class
2025-01-05,buy,BTC,0.5,60000,10,b1,binance,crypto
2025-03-02,buy,ETH,4,3000,5,e1,coinbase,crypto
2026-03-20,sell,BTC,0.1,90000,9,s1,binance,crypto
2026-05-10,sell,ETH,1,3800,2,s2,coinbase,crypto
`;

/** mulberry32: a small seeded generator, so a failing case can be run again by its number. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = ['', '~', '-1', '0', 'NaN', 'Infinity', '1e400', '-0', '[]', '{}', '[1, [2]]', '&a x', '*a', '!!binary AA==', 'undefined', 'null', 'true', '"\\u0000"', '💥', '10%%', '-5%', '101%', '$-3', '0x1F', "'", '"', '#', ': :', '? x', 'x'.repeat(5000), '2026-02-30', '25:61', 'Mars/Base', '\t'];
const SEPARATORS = [',', '\n', ' ', ':', '"', '%', '-', '.'];

/** One to three edits of `text`: a token swapped for a hostile one, a line dropped, doubled, moved, re-indented, cut, or bytes spliced in. */
function mutate(text: string, next: () => number): string {
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  let out = text;
  for (let edits = 1 + Math.floor(next() * 3); edits > 0; edits--) {
    const lines = out.split('\n');
    const at = Math.floor(next() * lines.length);
    switch (Math.floor(next() * 7)) {
      case 0: {
        const words = lines[at]!.split(/(\s+|,|:\s)/);
        const word = Math.floor(next() * words.length);
        words[word] = pick(TOKENS);
        lines[at] = words.join('');
        break;
      }
      case 1:
        lines.splice(at, 1);
        break;
      case 2:
        lines.splice(at, 0, lines[at]!);
        break;
      case 3:
        lines.splice(Math.floor(next() * lines.length), 0, ...lines.splice(at, 1));
        break;
      case 4:
        lines[at] = `${' '.repeat(Math.floor(next() * 5))}${lines[at]!.trimStart()}`;
        break;
      case 5:
        return lines.join('\n').slice(0, Math.floor(next() * out.length));
      default: {
        const position = Math.floor(next() * out.length);
        return `${out.slice(0, position)}${next() < 0.5 ? pick(SEPARATORS) : String.fromCharCode(Math.floor(next() * 0x3000))}${out.slice(position)}`;
      }
    }
    out = lines.join('\n');
  }
  return out;
}

/** Every row of every table, in order: equal dumps mean an unchanged ledger. */
function dump(file: string): string {
  if (!existsSync(file)) return 'no ledger';
  const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
    return JSON.stringify(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()]));
  } finally {
    db.close();
  }
}

function tradeCount(file: string): number {
  const rows = JSON.parse(dump(file)) as [string, unknown[]][];
  return rows.find(([name]) => name === 'trades')?.[1].length ?? 0;
}

type Case = { args: string[]; ledger: string; imports: boolean };

/** A ledger seeded by one run of the demo config, copied into every case: each run has data to protect. */
async function templateLedger(): Promise<string> {
  const dir = tempDir('kit-fuzz-template-');
  copyFileSync(join(DEMO_PATH, '..', 'price-history.csv'), join(dir, 'price-history.csv'));
  writeFileSync(join(dir, 'rebalancer.yaml'), DEMO_YAML);
  const run = await runInProcess(['--config', join(dir, 'rebalancer.yaml'), '--state', join(dir, 'state'), 'portfolio', 'status']);
  expect(run.code).toBe(0);
  return join(dir, 'state', 'ledger.sqlite');
}

function buildCase(index: number, template: string): Case {
  const next = random(index + 1);
  const dir = tempDir('kit-fuzz-');
  copyFileSync(join(DEMO_PATH, '..', 'price-history.csv'), join(dir, 'price-history.csv'));
  const state = join(dir, 'state');
  const ledger = join(state, 'ledger.sqlite');
  mkdirSync(state);
  copyFileSync(template, ledger);
  const config = join(dir, 'rebalancer.yaml');
  const kind = index % 10;
  // Imports get a good config and a mutated CSV; everything else a mutated config.
  writeFileSync(config, kind < 2 ? DEMO_YAML : mutate(DEMO_YAML, next));
  const base = ['--config', config, '--state', state];
  if (kind < 2) {
    writeFileSync(join(dir, 'trades.csv'), mutate(CSV, next));
    return { args: [...base, 'portfolio', 'import', join(dir, 'trades.csv')], ledger, imports: true };
  }
  const commands = [['portfolio', 'status'], ['portfolio', 'status', '--json'], ['rebalance', 'preview'], ['rebalance', 'preview', '--json'], ['tax', 'report', '--year', '2026'], ['rebalance', 'set-target', 'BTC', '45%']];
  return { args: [...base, ...commands[kind % commands.length]!], ledger, imports: false };
}

function check(index: number, run: KitRun, before: string, after: string, beforeTrades: number, afterTrades: number, imports: boolean) {
  const where = `case ${index}: exit ${run.code}\n${run.stderr}${run.stdout.slice(0, 2000)}`;
  expect([0, 2, 3, 4], where).toContain(run.code);
  expect(`${run.stdout}\n${run.stderr}`, where).not.toMatch(LEAKS);
  if (run.code !== 0) expect(`${run.stdout}${run.stderr}`.trim(), where).not.toBe('');
  if (run.code === 2) expect(after, `${where}\nthe ledger changed on a refused run`).toBe(before);
  if (imports && run.code !== 0) expect(after, `${where}\na failed import changed the ledger`).toBe(before);
  if (imports && run.code === 0) expect(afterTrades - beforeTrades, where).toBe(Number(/(\d+) trades? recorded|imported (\d+)/.exec(run.stdout)?.slice(1).find(Boolean) ?? afterTrades - beforeTrades));
}

describe('fuzzed configs and trade CSVs', () => {
  it(`${CASES} seeded mutations: exit 0/2/3/4, a message, no leak, nothing half-written`, { timeout: 180_000 }, async () => {
    const template = await templateLedger();
    for (let index = 0; index < CASES; index++) {
      const { args, ledger, imports } = buildCase(index, template);
      const before = dump(ledger);
      const beforeTrades = before === 'no ledger' ? 0 : tradeCount(ledger);
      const run = index < SPAWNED ? await runKit(args, { cwd: ROOT }) : await runInProcess(args);
      const after = dump(ledger);
      check(index, run, before, after, beforeTrades, after === 'no ledger' ? 0 : tradeCount(ledger), imports);
    }
  });
});
