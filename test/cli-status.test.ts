// `kit portfolio status`, end to end: the built bin is spawned as a user would run it.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { statusJsonSchema } from '../src/cli/status-json.js';
import { editYaml, replaceOnce } from './helpers/config-yaml.js';
import { oneVenueConfig, runKit, tempDir, writeConfig } from './helpers/run-kit.js';

const SEED_TABLE = `Current vs Target:
┌─────────┬─────────┬─────────┬─────────┐
│ Asset   │ Current │ Target  │ Drift   │
├─────────┼─────────┼─────────┼─────────┤
│ BTC     │ 45.2%   │ 40.0%   │ +5.2%   │ ← Overweight
│ ETH     │ 22.1%   │ 25.0%   │ -2.9%   │
│ SOL     │ 8.4%    │ 10.0%   │ -1.6%   │
│ USDC    │ 14.8%   │ 15.0%   │ -0.2%   │
│ SPY     │ 9.5%    │ 10.0%   │ -0.5%   │
└─────────┴─────────┴─────────┴─────────┘`;

const SMALL = oneVenueConfig;

describe('kit portfolio status on the embedded demo', () => {
  it("prints the seed's drift table, the total, the threshold warning and the recommended action", async () => {
    const run = await runKit(['portfolio', 'status']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('Showing the embedded demo portfolio');
    expect(run.stdout).toContain(SEED_TABLE);
    expect(run.stdout).toContain('Total value: $99,820.00 across 5 venues');
    expect(run.stdout).toContain('⚠️ BTC exceeds 5% drift threshold.');
    expect(run.stdout).toContain('- Reduce BTC by about $5,152 to reach its 40.0% target.');
    expect(run.stdout).toContain('As of 2026-11-23 14:00 UTC');
    expect(run.stdout).not.toMatch(/NaN|undefined/);
  });

  it('--by-venue lists every holding where it sits, cold storage as read-only', async () => {
    const run = await runKit(['portfolio', 'status', '--by-venue']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('By venue:');
    expect(run.stdout).toMatch(/│ cold +│ wallet, read-only │ BTC +│ +0\.11 │ \$98,000\.00 │ \$10,780\.00 │ +10\.8% │/);
    expect(run.stdout).toMatch(/│ mt5 +│ mt5 +│ USD +│ +2300 │ +\$1\.00 │ +\$2,300\.00 │ +2\.3% │/);
  });

  it('--json gives decimal strings in the documented shape', async () => {
    const run = await runKit(['portfolio', 'status', '--json']);
    expect(run.code).toBe(0);
    const json = statusJsonSchema.parse(JSON.parse(run.stdout));
    expect(json).toMatchObject({ demo: true, complete: true, fresh: true, total_value: '99820', breaches: ['BTC'], as_of: '2026-11-23T14:00:00.000Z' });
    expect(json.assets.map((a) => [a.asset, a.weight, a.target, a.status])).toEqual([
      ['BTC', '0.4516129', '0.4', 'overweight'],
      ['ETH', '0.22139852', '0.25', 'within'],
      ['SOL', '0.08425666', '0.1', 'within'],
      ['USDC', '0.14786616', '0.15', 'within'],
      ['SPY', '0.09486576', '0.1', 'within'],
    ]);
    expect(json.venues.map((v) => [v.id, v.value, v.tradable])).toEqual([
      ['binance', '47900', true],
      ['coinbase', '18500', true],
      ['jupiter', '10870.5', true],
      ['mt5', '11769.5', true],
      ['cold', '10780', false],
    ]);
  });

  it('keeps the demo ledger in the plugin storage folder of KIT_HOME, or in --state DIR', async () => {
    const home = tempDir('kit-home-');
    expect((await runKit(['portfolio', 'status'], { env: { KIT_HOME: home } })).code).toBe(0);
    expect(readdirSync(join(home, 'plugin-data', 'portfolio-rebalancer'))).toContain('demo-ledger.sqlite');
    const state = tempDir('kit-state-');
    expect((await runKit(['--state', state, 'portfolio', 'status'], { env: { KIT_HOME: home } })).code).toBe(0);
    expect(readdirSync(state)).toContain('demo-ledger.sqlite');
  });
});

describe('where the config comes from', () => {
  it('--config FILE, and the output names it', async () => {
    const file = writeConfig(SMALL());
    const run = await runKit(['--config', file, 'portfolio', 'status']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Config: ${file}`);
    expect(run.stdout).toMatch(/│ BTC +│ 60\.0% +│ 50\.0% +│ \+10\.0% +│ ← Overweight/);
    expect(run.stdout).toContain('Total value: $100,000.00 across 1 venue');
  });

  it('KIT_REBALANCER_CONFIG, then ./rebalancer.yaml', async () => {
    const file = writeConfig(SMALL());
    expect((await runKit(['portfolio', 'status'], { env: { KIT_REBALANCER_CONFIG: file } })).stdout).toContain(`Config: ${file}`);
    const cwd = tempDir('kit-cwd-');
    writeFileSync(join(cwd, 'rebalancer.yaml'), SMALL());
    expect((await runKit(['portfolio', 'status'], { cwd })).stdout).toContain(`Config: ${join(cwd, 'rebalancer.yaml')}`);
  });

  it("K.I.T.'s plugin config in $KIT_HOME/plugins.json, inline or as config_file", async () => {
    const home = tempDir('kit-home-');
    writeFileSync(join(home, 'plugins.json'), JSON.stringify({ plugins: { 'portfolio-rebalancer': { targets: { BTC: '50%', USDC: '50%' }, venues: {} } } }));
    const inline = await runKit(['portfolio', 'status'], { env: { KIT_HOME: home } });
    expect(inline.stdout).toContain('Config: ' + join(home, 'plugins.json') + ' (plugins.portfolio-rebalancer)');
    expect(inline.stdout).toContain('No venues are configured');
    writeFileSync(join(home, 'my.yaml'), SMALL());
    writeFileSync(join(home, 'plugins.json'), JSON.stringify({ plugins: { 'portfolio-rebalancer': { config_file: 'my.yaml' } } }));
    expect((await runKit(['portfolio', 'status'], { env: { KIT_HOME: home } })).stdout).toContain('Total value: $100,000.00');
  });

  it('a --config file that does not exist is a clear error', async () => {
    const run = await runKit(['--config', 'nope.yaml', 'portfolio', 'status']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: Config --config nope\.yaml: cannot read .*nope\.yaml: file not found\.\n$/);
  });
});

describe('a bad config', () => {
  it('exits 2, lists every problem, and writes nothing', async () => {
    const home = tempDir('kit-home-');
    const file = writeConfig('portfolio_rebalancer:\n  targets: {BTC: 40%, ETH: 25%}\n  strategy: yolo\n');
    const run = await runKit(['--config', file, 'portfolio', 'status'], { env: { KIT_HOME: home } });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `Invalid config (${file}): 2 problems\n` +
        '  - portfolio_rebalancer.strategy (line 3): unknown strategy "yolo"; expected one of threshold, calendar, cash-flow, band, tactical\n' +
        '  - portfolio_rebalancer.targets (line 2): sums to 65%, must be 100%\n',
    );
    expect(existsSync(join(home, 'plugin-data'))).toBe(false);
  });

  it('never echoes an inline secret', async () => {
    // Text, not data: the message's line number is the point.
    const file = writeConfig(replaceOnce(SMALL(), 'adapter: paper', 'adapter: paper\n      credentials: {secret: hunter2-secret}'));
    const run = await runKit(['--config', file, 'portfolio', 'status']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('portfolio_rebalancer.venues.ex.credentials.secret (line 9): credential written inline');
    expect(run.stderr + run.stdout).not.toContain('hunter2');
  });

  it('a bad KIT_NOW, an unknown command or option exit 2 with a message', async () => {
    const now = await runKit(['portfolio', 'status'], { env: { KIT_NOW: 'yesterday' } });
    expect([now.code, now.stderr]).toEqual([2, 'error: KIT_NOW: "yesterday" is not a date-time; expected ISO 8601 such as 2026-11-23T14:00:00Z.\n']);
    const unknown = await runKit(['portfolio', 'statos']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("error: unknown command 'statos'");
    const option = await runKit(['portfolio', 'status', '--by-venu']);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("error: unknown option '--by-venu'");
  });
});

describe('data that cannot be trusted is named', () => {
  it('a venue that does not answer: its holdings are missing, exit 3', async () => {
    const file = writeConfig(
      SMALL(`    cold:
      kind: wallet
      adapter: paper
      balances: {BTC: "0.1"}
      faults: {fetch_balances: 1}`),
    );
    const run = await runKit(['--config', file, 'portfolio', 'status', '--by-venue']);
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('✖ Venue cold did not answer (Venue "cold" failed to fetch balances: simulated fault (faults: in the config)); its holdings are missing from these figures, and nothing will be traded until it answers.');
    expect(run.stdout).toContain('Total value: $100,000.00 across 1 venue');
    expect(run.stdout).toMatch(/│ cold +│ wallet, read-only │ — +│ +— │ +— │ +no answer │ +— │/);
    const json = JSON.parse((await runKit(['--config', file, 'portfolio', 'status', '--json'])).stdout);
    expect(json.complete).toBe(false);
    expect(json.venues[1]).toMatchObject({ id: 'cold', ok: false, value: null });
  });

  it('a held asset without a price: no table, a clear error, exit 3', async () => {
    const file = writeConfig(editYaml(SMALL(), (c) => c.delete('prices.BTC')));
    const run = await runKit(['--config', file, 'portfolio', 'status']);
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('Drift cannot be computed:\n✖ No price for BTC (held: 0.6 BTC on ex). Add it under prices: or make sure a venue that lists BTC answers.');
    expect(run.stdout).not.toContain('┌');
    expect(run.stdout).not.toMatch(/NaN|undefined/);
  });

  it('a zero price is refused; a config price of 0 is already a config error', async () => {
    const file = writeConfig(editYaml(SMALL(), (c) => c.set('prices.BTC', '0')));
    const run = await runKit(['--config', file, 'portfolio', 'status']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('portfolio_rebalancer.prices.BTC (line 4): "0" is not positive; expected a price above 0');
  });

  it('a stale price is a warning: shown, marked not fresh', async () => {
    const file = writeConfig(editYaml(SMALL(), (c) => c.add('prices_at', '2026-11-23T10:00:00Z', { before: 'venues' })));
    const run = await runKit(['--config', file, 'portfolio', 'status']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('⚠️ The price of BTC (from ex, 2026-11-23T10:00:00.000Z) is 4h old, over the 15m limit (monitoring.max_price_age); nothing will be traded on it.');
    expect(JSON.parse((await runKit(['--config', file, 'portfolio', 'status', '--json'])).stdout).fresh).toBe(false);
  });

  it('an untargeted holding is listed as untargeted, never a breach', async () => {
    const file = writeConfig(
      editYaml(SMALL(), (c) => c.set('venues.ex.balances', { BTC: '0.5', USDC: '45000', DOGE: '25000' }).add('prices.DOGE', '0.2')),
    );
    const run = await runKit(['--config', file, 'portfolio', 'status']);
    expect(run.stdout).toMatch(/│ DOGE +│ 5\.0% +│ — +│ — +│ ← Untargeted \(never sold by default\)/);
    expect(run.stdout).toContain('✅ Every asset is within the 5% drift threshold.');
  });
});
