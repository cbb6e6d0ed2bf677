// `kit tax report`, end to end: imported trades and config lots through each jurisdiction.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { replaceOnce } from './helpers/config-yaml.js';
import { runKit, tempDir, writeConfig } from './helpers/run-kit.js';

const CSV = fileURLToPath(new URL('../fixtures/examples/us-wash-sale.csv', import.meta.url));
const CONFIG = `portfolio_rebalancer:
  tax: {jurisdiction: US, lot_selection: fifo}
  venues:
    ibkr: {kind: ibkr, adapter: manual, balances: {SPY: "6"}}
    coinbase: {kind: cex, adapter: manual, balances: {USDC: "1"}}
`;

// The same history recorded in pounds or euros: UK and DE figures are never taken from dollars.
const GBP_CONFIG = replaceOnce(CONFIG, 'portfolio_rebalancer:\n', 'portfolio_rebalancer:\n  currency: GBP\n  cash_assets: [USDC, GBP]\n');
const EUR_CONFIG = replaceOnce(CONFIG, 'portfolio_rebalancer:\n', 'portfolio_rebalancer:\n  currency: EUR\n  cash_assets: [USDC, EUR]\n');

async function setUp(config = CONFIG) {
  const state = tempDir('kit-state-');
  const file = writeConfig(config);
  const imported = await runKit(['--config', file, '--state', state, 'portfolio', 'import', CSV]);
  expect(imported.code).toBe(0);
  return (...args: string[]) => runKit(['--config', file, '--state', state, 'tax', 'report', '--year', '2026', ...args]);
}

describe('kit tax report', () => {
  it('US: every disposal with its lots, the wash sale and where the loss went, totals and open lots', async () => {
    const report = await setUp();
    const run = await report();
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('🧾 Tax report: US, FIFO, calendar year 2026');
    expect(run.stdout).toMatch(/│ 2026-03-02 │ SPY +│ +10 │ \$5,499\.00 │ \$6,001\.00 │ +-\$200\.80 │ short │ fifo spy-b1 \(2026-01-05\) 10 @ \$6,001\.00/);
    expect(run.stdout).toContain('⚠️ Wash sale: $301.20 of the 2026-03-02 SPY loss is disallowed and added to the basis of spy-b2 (+$301.20 on 6).');
    expect(run.stdout).toMatch(/│ 2026-05-10 │ ETH +│ +2 │ \$7,598\.00 │ \$3,600\.00 │ +\$3,998\.00 │ long +│/);
    expect(run.stdout).toContain('Totals: short-term -$200.80, long-term $3,998.00, exempt $0.00, disallowed $301.20; taxable $3,797.20');
    expect(run.stdout).toMatch(/│ SPY +│ ibkr +│ 2026-03-20 │ 2026-01-23 │ +6 │ +\$3,662\.20 │ spy-b2 │/);
  });

  it('--csv gives the Tax Calculator record, one row per lot', async () => {
    const report = await setUp();
    expect((await report('--csv')).stdout).toBe(
      [
        'trade_id,asset,quantity,cost_basis,proceeds,gain_loss,holding_period_days,is_long_term,acquisition_date,disposal_date,lot_id',
        'spy-s1,SPY,10,6001,5499,-200.8,56,false,2026-01-05,2026-03-02,spy-b1',
        'eth-s1,ETH,2,3600,7598,3998,374,true,2025-05-01,2026-05-10,eth-b1',
        '',
      ].join('\n'),
    );
  });

  it('--json has disposals with matches and wash sales, totals, open lots', async () => {
    const report = await setUp();
    const json = JSON.parse((await report('--json')).stdout);
    // A $502 loss, 6 of the 10 shares replaced within 30 days: $301.20 disallowed, -$200.80 recognised.
    expect(json.totals).toMatchObject({ short: '-200.8', long: '3998', disallowed: '301.2', taxable: '3797.2' });
    expect(json.disposals[0].wash_sale).toEqual({ disallowed: '301.2', replacements: [{ lot_id: 'spy-b2', quantity: '6', basis_added: '301.2' }] });
    expect(json.open_lots).toEqual([{ lot_id: 'spy-b2', asset: 'SPY', venue: 'ibkr', acquired_at: '2026-03-20T00:00:00.000Z', holding_start: '2026-01-23T00:00:00.000Z', quantity: '6', adjusted_basis: '3662.2' }]);
  });

  it('UK: the repurchase within 30 days is matched first (bed and breakfast), the rest from the pool', async () => {
    const report = await setUp(GBP_CONFIG);
    const json = JSON.parse((await report('--jurisdiction', 'UK', '--json')).stdout);
    expect(json.period.label).toBe('UK tax year 2026/27 (6 April 2026 to 5 April 2027)');
    const state = tempDir('kit-state-');
    const file = writeConfig(GBP_CONFIG);
    await runKit(['--config', file, '--state', state, 'portfolio', 'import', CSV]);
    const previous = JSON.parse((await runKit(['--config', file, '--state', state, 'tax', 'report', '--year', '2025', '--jurisdiction', 'UK', '--json'])).stdout);
    expect(previous.period.label).toBe('UK tax year 2025/26 (6 April 2025 to 5 April 2026)');
    expect(previous.disposals.map((d: { matches: { rule: string; lot_id: string; quantity: string; cost: string }[] }) => d.matches.map((m) => `${m.rule} ${m.lot_id} ${m.quantity} @ ${m.cost}`))).toEqual([
      ['bed-and-breakfast spy-b2 6 @ 3361', 'section-104 pool 4 @ 2400.4'],
    ]);
    expect(previous.disposals[0].gain).toBe('-262.4');
  });

  it('DE: crypto held over a year is exempt; shares are FIFO per depot at 26.375%', async () => {
    const report = await setUp(EUR_CONFIG);
    const json = JSON.parse((await report('--jurisdiction', 'DE', '--json')).stdout);
    expect(json.disposals.map((d: { asset: string; term: string; recognised_gain: string }) => [d.asset, d.term, d.recognised_gain])).toEqual([
      ['SPY', 'short', '-502'],
      ['ETH', 'exempt', '3998'],
    ]);
    expect(json.totals.taxable).toBe('0');
  });

  // Issue #8: a report that cannot match a sale to lots says so and exits 3, not a note and exit 0.
  it('exits 3 and names the sale when one cannot be matched to lots (lots made per venue after a pooled import)', async () => {
    const state = tempDir('kit-state-');
    const pooled = writeConfig(replaceOnce(CONFIG, 'lot_selection: fifo}', 'lot_selection: fifo, per_venue_lots: false}'));
    const trades = writeConfig('date,side,asset,quantity,price,venue,id\n2026-01-05,buy,ETH,2,2000,coinbase,e1\n2026-06-01,sell,ETH,2,2500,ibkr,e2\n', 'moved.csv');
    expect((await runKit(['--config', pooled, '--state', state, 'portfolio', 'import', trades])).code).toBe(0);
    const report = (config: string, ...args: string[]) => runKit(['--config', config, '--state', state, 'tax', 'report', '--year', '2026', ...args]);
    expect((await report(pooled)).code).toBe(0);
    const perVenue = await report(writeConfig(CONFIG));
    expect(perVenue.code).toBe(3);
    expect(perVenue.stdout).toContain('⛔ Incomplete: 1 sale (e2) could not be put in the figures');
    expect(perVenue.stdout).toContain('Sell of 2 ETH on "ibkr": only 0 held');
    expect((await report(writeConfig(CONFIG), '--json')).code).toBe(3);
  });

  it('refuses bad options with exit 2', async () => {
    expect(await runKit(['tax', 'report', '--year', '20x5'])).toMatchObject({ code: 2, stderr: 'error: --year: "20x5" is not a year; expected a year from 1 to 9999, such as 2025.\n' });
    expect(await runKit(['tax', 'report', '--jurisdiction', 'CH'])).toMatchObject({ code: 2, stderr: 'error: --jurisdiction: unknown jurisdiction "CH"; expected one of US, UK, DE, FR, EU.\n' });
    expect(await runKit(['tax', 'report', '--method', 'lofo'])).toMatchObject({ code: 2, stderr: 'error: --method: unknown lot method "lofo"; expected one of fifo, lifo, hifo, specific, average.\n' });
  });
});
