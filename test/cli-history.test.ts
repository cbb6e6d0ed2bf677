// `kit rebalance history` and `kit paper book` through the CLI (in process): records written
// straight through the ledger API, then what a user sees: the table, the chart, the JSON, the SVG.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createVenues } from '../src/adapters/index.js';
import { parseConfigText } from '../src/config.js';
import { fixedClock } from '../src/host/clock.js';
import { runCli } from '../src/host/standalone.js';
import { openLedger } from '../src/ledger/open-ledger.js';
import { Decimal } from '../src/money.js';
import type { Ledger } from '../src/ports.js';
import { HISTORY_RECORDS } from './helpers/history-records.js';
import { rebalanceHistoryTool } from '../src/cli/tools/rebalance-history.js';
import { tempDir } from './helpers/run-kit.js';
import { wellFormedXml } from './helpers/well-formed-xml.js';

const CONFIG = `portfolio_rebalancer:
  targets: {BTC: 50%, USDC: 50%}
  cash_assets: [USDC]
  prices: {BTC: "50000", USDC: "1"}
  venues:
    ex: {kind: cex, adapter: paper, quote: USDC, markets: {BTC: {}}, balances: {BTC: "1", USDC: "50000"}}
    sim: {kind: cex, adapter: paper, quote: USDC, markets: {BTC: {}}, balances: {USDC: "1000"}}
    ibkr: {kind: ibkr, adapter: manual, balances: {SPY: "1"}}
`;

/** A config and a state folder; `prepare` writes to the ledger before any command runs. */
async function kitWith(prepare: (ledger: Ledger) => void | Promise<void> = () => undefined) {
  const dir = tempDir('kit-history-');
  const config = join(dir, 'rebalancer.yaml');
  writeFileSync(config, CONFIG);
  const ledger = openLedger(join(dir, 'ledger.sqlite'));
  await prepare(ledger);
  ledger.close();
  const run = async (...args: string[]) => {
    let stdout = '';
    let stderr = '';
    const [out, err] = [new PassThrough(), new PassThrough()];
    out.on('data', (chunk) => (stdout += String(chunk)));
    err.on('data', (chunk) => (stderr += String(chunk)));
    const code = await runCli(['--config', config, '--state', dir, ...args], { env: { KIT_NOW: '2026-03-12T00:00:00Z' }, cwd: dir, stdout: out, stderr: err });
    return { code, stdout, stderr };
  };
  return { dir, run };
}

const withHistory = () =>
  kitWith((ledger) => HISTORY_RECORDS.forEach((record) => ledger.saveRebalance(record)));

describe('kit rebalance history', () => {
  it('lists each event with its trigger, strategy, orders, turnover, fees, drift and realised gain', async () => {
    const { run } = await withHistory();
    const result = await run('rebalance', 'history');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('📜 Rebalance history: 3 events, times in UTC');
    expect(result.stdout).toMatch(/│ 2026-03-10 09:00 │ manual +│ band +│ partial +│ +2 \(1 filled\) │ +\$2,500\.00 │ +\$3\.00 │ BTC \+5\.6% → BTC \+3\.1% +│ +\$500\.00 │/);
    expect(result.stdout).toMatch(/│ 2026-01-10 09:00 │ drift +│ threshold │ completed │ +1 \(1 filled\) │ +\$10,000\.00 │ +\$10\.00 │ BTC \+10\.0% → BTC 0\.0% +│ +\$2,000\.00 │/);
    expect(result.stdout).toContain('  sell 0.01 BTC on ex: filled 0, fee 0 (failed)');
    expect(result.stdout).toContain('  buy 0.125 BTC on ex: filled 0.125 at 40000, fee 5 (filled)');
    expect(result.stdout).toContain('Cumulative fees: $18.00.');
    expect(result.stdout).toContain(
      'Rebalancing bonus against holding the 2026-01-10 snapshot unchanged: +$1,235.00 (+1.24%) at 2026-03-10 ($101,235.00 actual, $100,000.00 held).',
    );
  });
});

const svgShapes = (svg: string, series: string) => [...svg.matchAll(new RegExp(`<polyline data-series="${series}" points="([^"]*)"`, 'g'))].map((match) => match[1]!.split(' ').length);

describe('kit rebalance history: chart, JSON, SVG, limits', () => {
  it('draws the value over time as a plain-text chart with the held-unchanged line', async () => {
    const { run } = await withHistory();
    const lines = (await run('rebalance', 'history')).stdout.split('\n');
    const top = lines.findIndex((line) => line.startsWith('$101,235 ┤'));
    expect(top).toBeGreaterThan(0);
    // Ten rows from the highest value to the lowest (the held value at the February low).
    expect(lines[top + 9]).toMatch(/^ \$88,000 ┤ +-○- +$/);
    expect(lines[top + 1]).toMatch(/^ +│●/);
    expect(lines[top + 10]).toMatch(/^ +└─+$/);
    expect(lines[top + 11]).toMatch(/^ +2026-01-10 +2026-03-10$/);
    expect(lines[top + 12]).toContain('● portfolio value   ○ first snapshot held unchanged');
    expect(lines.join('\n')).not.toMatch(/\u001b\[/);
  });

  it('--json: events newest first with their orders, and the performance figures', async () => {
    const { run } = await withHistory();
    const result = await run('rebalance', 'history', '--json', '--limit', '2');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({ currency: 'USD', demo: false, total_events: 3, shown: 2 });
    expect(json.events.map((event: { id: string }) => event.id)).toEqual(['run-3', 'run-2']);
    expect(json.events[1]).toEqual({
      id: 'run-2', date: '2026-02-10T09:00:00.000Z', completed_at: '2026-02-10T09:02:00.000Z', status: 'completed', strategy: 'threshold', trigger: 'schedule',
      orders: [{ venue: 'ex', side: 'buy', asset: 'BTC', quantity: '0.125', filled: '0.125', average_price: '40000', fee: '5', status: 'filled' }],
      turnover: '5000', fees: '5', realised_gain: '0', largest_drift_before: { asset: 'BTC', drift: '-0.0555' }, largest_drift_after: { asset: 'BTC', drift: '0.0001' },
      value_before: '89990', value_after: '89985', swaps: [], swaps_to_sign: 0, figures_partial: false,
    });
    expect(json.performance.total_fees).toBe('18');
    expect(json.performance.bonus).toEqual({ at: '2026-03-10T09:00:00.000Z', actual: '101235', held: '100000', bonus: '1235', fraction: '0.01235' });
    expect(json.performance.bonus_series.map((point: { bonus: string }) => point.bonus)).toEqual(['0', '1990', '1235']);
    expect(json.performance.baseline.holdings).toEqual({ BTC: '1.2', USDC: '40000' });
    expect(json.weights[0].points[0]).toEqual({ at: '2026-01-10T09:00:00.000Z', weight: '0.6', target: '0.5', low: '0.45', high: '0.55' });
  });

  it('--limit must be a positive whole number: exit 2 with a message', async () => {
    const { run } = await withHistory();
    for (const bad of ['0', '-1', '1.5', 'ten']) {
      const result = await run('rebalance', 'history', '--limit', bad);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`--limit: "${bad}" is not a number of events; expected a positive whole number such as --limit 10.`);
      expect(result.stdout).toBe('');
    }
    const one = await run('rebalance', 'history', '--limit', '1');
    expect(one.stdout).toContain('📜 Rebalance history: 3 events (the latest 1; --limit N for more), times in UTC');
    expect(one.stdout).not.toContain('2026-02-10 09:00 │');
  });

  it('with no rebalance recorded: says so and exits 0, in text, JSON and SVG', async () => {
    const { run, dir } = await kitWith((ledger) => ledger.saveRebalance({ id: 'p', createdAt: new Date('2026-03-01T00:00:00Z'), strategy: 'threshold', status: 'previewed', valueBefore: new Decimal(1), plan: {} }));
    const text = await run('rebalance', 'history', '--svg', 'out.svg');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('No rebalances recorded yet. Each `kit rebalance execute` run is recorded here');
    expect(text.stdout).toContain(`No rebalances recorded yet: nothing to chart, ${join(dir, 'out.svg')} not written.`);
    const json = await run('rebalance', 'history', '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ total_events: 0, events: [], performance: { bonus: null, total_fees: '0', values: [] } });
  });

  it('--svg writes one well-formed, self-contained SVG with the value and each weight against its band', async () => {
    const { run, dir } = await withHistory();
    const result = await run('rebalance', 'history', '--json', '--svg', 'charts/../history.svg');
    expect(result.code).toBe(0);
    expect(() => JSON.parse(result.stdout)).not.toThrow();
    expect(result.stderr).toContain(`Wrote the charts to ${join(dir, 'history.svg')}.`);
    const svg = readFileSync(join(dir, 'history.svg'), 'utf8');
    expect(wellFormedXml(svg)).toBe(true);
    expect(svg).not.toMatch(/href|url\(|<script|@import|<image/i);
    // Six value points (before and after each event), three held points, two weight points an event.
    expect(svgShapes(svg, 'value')).toEqual([6]);
    expect(svgShapes(svg, 'held')).toEqual([3]);
    expect(svgShapes(svg, 'weight:BTC')).toEqual([6]);
    expect(svgShapes(svg, 'weight:USDC')).toEqual([6]);
    expect(svgShapes(svg, 'target')).toEqual([6, 6]);
    expect(svg).toContain('BTC weight; band 45.0% to 55.0% around 50.0%');
    expect(svg).toContain('Portfolio value (USD); dashed: the first snapshot held unchanged');
  });

  it('the rebalance_history tool answers with the --json shape', async () => {
    const { dir } = await withHistory();
    const context = () => ({ env: { KIT_NOW: '2026-03-12T00:00:00Z' }, cwd: dir, stderr: new PassThrough(), global: { config: join(dir, 'rebalancer.yaml'), state: dir } });
    const tool = rebalanceHistoryTool({}, context);
    expect(tool.definition.parameters).toMatchObject({ type: 'object', properties: { limit: { type: 'integer' } } });
    const json = (await tool.handler({ limit: 1 })) as { events: { id: string }[]; performance: { bonus: { bonus: string } } };
    expect(json.events.map((event: { id: string }) => event.id)).toEqual(['run-3']);
    expect(json.performance.bonus.bonus).toBe('1235');
  });
});

describe('kit paper book', () => {
  const withOrder = () =>
    kitWith(async (ledger) => {
      const config = parseConfigText(CONFIG, 'test');
      const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
      const venues = await createVenues(config, { clock: fixedClock(new Date('2026-03-12T00:00:00Z')), ledger, env: {}, logger: quiet, prices: config.prices, pricesAt: config.prices_at, priceHistory: config.price_history });
      const ex = venues.find((venue) => venue.id === 'ex')!;
      await ex.placeOrder!({ clientOrderId: 'run1-ex-1', symbol: 'BTC/USDC', side: 'sell', type: 'market', quantity: new Decimal('0.1') });
    });

  it("shows every paper venue's balances and orders as the venue sees them", async () => {
    const { run } = await withOrder();
    const json = JSON.parse((await run('paper', 'book', '--json')).stdout);
    expect(json.venues.map((book: { venue: string }) => book.venue)).toEqual(['ex', 'sim']);
    expect(json.venues[0].orders).toEqual([{ client_order_id: 'run1-ex-1', side: 'sell', asset: 'BTC', quantity: '0.1', filled: '0.1', status: 'filled' }]);
    expect(json.venues[0].balances.BTC).toBe('0.9');
    // A venue never traded shows the balances it starts with.
    expect(json.venues[1]).toEqual({ venue: 'sim', balances: { USDC: '1000' }, orders: [] });
    const text = await run('paper', 'book', 'ex');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('📒 Paper venue ex');
    expect(text.stdout).toMatch(/│ BTC +│ +0\.9 │/);
    expect(text.stdout).toMatch(/│ run1-ex-1 +│ sell │ BTC +│ +0\.1 │ +0\.1 │ filled │/);
    expect(text.stdout).not.toContain('sim');
  });

  it('a venue that is not a paper venue: exit 2, naming the paper venues', async () => {
    const { run } = await kitWith();
    const unknown = await run('paper', 'book', 'kraken');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No paper venue named "kraken"; the paper venues are ex, sim.');
    const manual = await run('paper', 'book', 'ibkr');
    expect(manual.code).toBe(2);
    expect(manual.stderr).toContain('Venue "ibkr" uses adapter manual, not paper; the paper venues are ex, sim.');
  });
});
