// A long trade history through the built `kit` as a user runs it: `portfolio import` of a CSV of
// COUNT trades, then `tax report --json` over the ledger for each jurisdiction (and the US lot
// methods), each a child process whose CPU time and peak RSS are its own. The config is the demo's
// with the jurisdiction and its currency set (a UK report in dollars is refused).
// Usage: node build-bench/bench/ledger-scale.js [COUNT] [path/to/kit.js] [CASE...]  (CASE: US:hifo, UK, ...)
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, tradesCsv, type Sample } from './preview-scale.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CASES = ['US:fifo', 'US:hifo', 'UK', 'DE:fifo', 'EU:fifo', 'FR'];
const CURRENCY: Record<string, string> = { US: 'USD', UK: 'GBP', DE: 'EUR', EU: 'EUR', FR: 'EUR' };

function configFor(home: string, jurisdiction: string): string {
  const demo = join(ROOT, 'fixtures', 'demo');
  const file = join(home, `${jurisdiction}.yaml`);
  const text = readFileSync(join(demo, 'rebalancer.yaml'), 'utf8')
    .replace('jurisdiction: US', `jurisdiction: ${jurisdiction}`)
    .replace('  enabled: true', `  enabled: true\n  currency: ${CURRENCY[jurisdiction]}`);
  writeFileSync(file, text);
  copyFileSync(join(demo, 'price-history.csv'), join(home, 'price-history.csv'));
  return file;
}

const line = (label: string, s: Sample) => `${label.padEnd(34)} cpu ${s.cpu.toFixed(2).padStart(6)} s   wall ${s.wall.toFixed(2).padStart(6)} s   peak ${s.rssMb.toFixed(0).padStart(5)} MB`;

export function ledgerScale(count = 1_000_000, bin = join(ROOT, 'dist', 'bin', 'kit.js'), cases = CASES, log: (line: string) => void = console.log): void {
  // LEDGER_SCALE_HOME: a home already imported into (the reports only).
  const reuse = process.env.LEDGER_SCALE_HOME;
  const home = reuse ?? mkdtempSync(join(tmpdir(), 'kit-bench-ledger-'));
  const env = { KIT_HOME: home, KIT_NOW: '2026-11-23T14:00:00Z' };
  const csv = join(home, 'trades.csv');
  log(`${count.toLocaleString('en-US')} trades, ${bin}, ${home}`);
  if (!reuse) {
    writeFileSync(csv, tradesCsv(count));
    const us = configFor(home, 'US');
    log(line('kit portfolio import', measure(bin, ['--config', us, 'portfolio', 'import', csv], env, 1)));
  }
  for (const which of cases) {
    const [jurisdiction = 'US', method] = which.split(':');
    const args = ['--config', configFor(home, jurisdiction), 'tax', 'report', '--json', '--year', '2025', ...(method ? ['--method', method] : [])];
    const label = `kit tax report ${jurisdiction}${method ? ` ${method}` : ''}`;
    try {
      log(line(label, measure(bin, args, env, 1)));
    } catch (error) {
      log(`${label.padEnd(34)} failed: ${(error as Error).message}`);
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [count, bin, ...cases] = process.argv.slice(2);
  ledgerScale(count ? Number(count) : undefined, bin || undefined, cases.length > 0 ? cases : undefined);
}
