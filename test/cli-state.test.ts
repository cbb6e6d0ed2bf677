// State the user can see and undo, end to end on the built `kit`: which targets are in force and
// where from, pins, reset-targets, the high-water mark and reset-drawdown, and parallel writers.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { statusJsonSchema } from '../src/cli/status-json.js';
import { parseConfigText } from '../src/config.js';
import { openLedger } from '../src/ledger/open-ledger.js';
import { parsePercent, type Decimal } from '../src/money.js';
import { setTarget } from '../src/targets/set-target.js';
import { runKit, tempDir, writeConfig } from './helpers/run-kit.js';

const SEED_PATH = fileURLToPath(new URL('../fixtures/seed-config.yaml', import.meta.url));
const shown = (map: ReadonlyMap<string, Decimal>) => Object.fromEntries([...map].map(([asset, value]) => [asset, value.toFixed()]));

describe('which targets are in force, and where from', () => {
  it('after set-target, status marks the pins, names every difference from the config, and reset-targets goes back', async () => {
    const state = tempDir('kit-state-');
    expect((await runKit(['--state', state, 'rebalance', 'set-target', 'BTC', '45%'])).code).toBe(0);
    const sol = await runKit(['--state', state, 'rebalance', 'set-target', 'SOL', '8%']);
    expect(sol.stdout).toContain('Target for SOL set to 8.00%; the unpinned ETH, USDC and SPY rescaled in proportion; the pinned BTC kept.');
    expect(sol.stdout).toContain('Pinned (kept when other targets change): BTC, SOL. kit rebalance reset-targets goes back to the config\'s targets.');

    const human = await runKit(['--state', state, 'portfolio', 'status']);
    expect(human.stdout).toContain('As of 2026-11-23 14:00 UTC; targets set with kit rebalance set-target');
    expect(human.stdout).toMatch(/│ BTC +│ 45\.2% +│ 45\.0%\* +│ \+0\.2% +│/);
    expect(human.stdout).toMatch(/│ ETH +│ 22\.1% +│ 23\.5% +│ -1\.4% +│/);
    expect(human.stdout).toContain('* pinned: set with kit rebalance set-target, kept when other targets change (kit rebalance reset-targets unpins).');
    expect(human.stdout).toContain(
      "⚠️ The targets saved with kit rebalance set-target are in force; the config's targets: differ from them: BTC 40% in the config, 45% saved; ETH 25% in the config, 23.500001% saved; " +
        "SOL 10% in the config, 8% saved; USDC 15% in the config, 14.1% saved; SPY 10% in the config, 9.399999% saved. Run kit rebalance reset-targets to use the config's targets.",
    );

    const json = statusJsonSchema.parse(JSON.parse((await runKit(['--state', state, 'portfolio', 'status', '--json'])).stdout));
    expect(json).toMatchObject({ targets_source: 'ledger', targets_pinned: ['BTC', 'SOL'] });
    expect(json.config_target_differences[0]).toEqual({ asset: 'BTC', config: '0.4', saved: '0.45' });

    const reset = await runKit(['--state', state, 'rebalance', 'reset-targets']);
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain("Saved targets cleared and unpinned; the config's targets are in force again.");
    expect(reset.stdout).toContain('│ BTC     │ 45.00%  │ 40.00%  │');
    const back = statusJsonSchema.parse(JSON.parse((await runKit(['--state', state, 'portfolio', 'status', '--json'])).stdout));
    expect(back).toMatchObject({ targets_source: 'config', targets_pinned: [], config_target_differences: [] });
    expect(back.diagnostics.map((d) => d.code)).not.toContain('targets.config_differs');
    expect((await runKit(['--state', state, 'rebalance', 'reset-targets'])).stdout).toBe("No targets were saved with set-target; the config's targets are in force.\n");
  });

  it("the seed's sequence keeps BTC at 45%, and a change nothing unpinned can absorb is refused with the way out", async () => {
    const state = tempDir('kit-state-');
    const kit = (...args: string[]) => runKit(['--config', SEED_PATH, '--state', state, 'rebalance', ...args]);
    await kit('set-target', 'BTC', '45%');
    expect((await kit('set-target', 'ETH', '30%')).stdout).toContain('│ BTC     │ 45.00%  │ 45.00%  │');
    await kit('set-target', 'USDC', '15%');
    await kit('set-target', 'SPY', '5%');
    const refused = await kit('set-target', 'SOL', '3%');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('every other target is pinned, so nothing is left to rescale: SOL 3% + the pinned BTC 45% + ETH 30% + USDC 15% + SPY 5% = 98%, not 100%.');
    expect(refused.stderr).toContain('add --rescale-all');
    const all = await kit('set-target', 'SOL', '3%', '--rescale-all');
    expect(all.code).toBe(0);
    expect(all.stdout).toContain('Pinned (kept when other targets change): SOL.');
  });

  it('set-target refuses a name the config would refuse, and warns about an asset nothing prices or holds', async () => {
    expect(await runKit(['rebalance', 'set-target', '🚀', '5%'])).toMatchObject({ code: 2, stderr: 'error: Refused: "🚀" is not an asset symbol; expected letters and digits such as BTC or SPY\n' });
    expect((await runKit(['rebalance', 'set-target', '', '5%'])).code).toBe(2);
    const state = tempDir('kit-state-');
    const doge = await runKit(['--state', state, 'rebalance', 'set-target', 'DOGE', '2%']);
    expect(doge.code).toBe(0);
    expect(doge.stdout).toContain(
      "⚠️ DOGE has no price from any venue or the config's prices: and no venue holds it, so it cannot be bought until a venue quotes it. Check the symbol; kit rebalance remove-target DOGE undoes this.",
    );
    // A priced asset draws no warning.
    expect((await runKit(['--state', tempDir('kit-state-'), 'rebalance', 'set-target', 'SPY', '12%'])).stdout).not.toContain('⚠️');
  });

  it('the rebalance_set_target tool takes rescale_all and answers with the pins', async () => {
    // One KIT_HOME for every call: the tools keep their ledger in its plugin storage folder.
    const env = { KIT_HOME: tempDir('kit-home-') };
    const call = async (args: object) => JSON.parse((await runKit(['tools', 'call', 'rebalance_set_target', JSON.stringify(args)], { env })).stdout);
    expect(await call({ asset: 'BTC', percent: '45%' })).toMatchObject({ pinned: ['BTC'], warnings: [] });
    expect((await call({ asset: 'SOL', percent: '8%' })).after.BTC).toBe('0.45');
    const all = await call({ asset: 'SPY', percent: '9%', rescale_all: true });
    expect(all.pinned).toEqual(['SPY']);
    expect(all.after.BTC).not.toBe('0.45');
  });
});

describe('the high-water mark, shown and reset', () => {
  it('status shows the mark when drawdown protection is configured; reset-drawdown clears it', async () => {
    const state = tempDir('kit-state-');
    const first = await runKit(['--state', state, 'portfolio', 'status']);
    expect(first.stdout).toContain('Total value: $99,820.00 across 5 venues\nHigh-water mark: $99,820.00 of 2026-11-23; the portfolio is 0.0% below it (drawdown protection acts from 20%).');
    const json = statusJsonSchema.parse(JSON.parse((await runKit(['--state', state, 'portfolio', 'status', '--json'])).stdout));
    expect(json.high_water_mark).toEqual({ value: '99820', at: '2026-11-23T14:00:00.000Z', reduce_at: '0.2' });

    const reset = await runKit(['--state', state, 'rebalance', 'reset-drawdown', '--reason', 'new money policy']);
    expect(reset).toMatchObject({ code: 0, stdout: 'High-water mark $99,820.00 of 2026-11-23 cleared; the next complete, fresh kit portfolio status takes a new one from the value then.\n' });
    const ledger = openLedger(join(state, 'demo-ledger.sqlite'));
    expect(ledger.highWater()).toBeUndefined();
    expect(ledger.highWaterResets(1)[0]).toMatchObject({ reason: 'reset-drawdown: new money policy', at: new Date('2026-11-23T14:00:00Z') });
    ledger.close();
    expect((await runKit(['--state', state, 'rebalance', 'reset-drawdown'])).stdout).toContain('There was no high-water mark to clear;');
  });

  it('a config without drawdown protection shows no mark line', async () => {
    const file = writeConfig(`portfolio_rebalancer:
  targets: {BTC: 50%, USDC: 50%}
  cash_assets: [USDC]
  prices: {BTC: "100000", USDC: "1"}
  venues:
    ex: {kind: cex, adapter: paper, quote: USDC, markets: {BTC: {amount_step: "0.0001"}}, balances: {BTC: "0.5", USDC: "50000"}}
`);
    const run = await runKit(['--config', file, 'portfolio', 'status']);
    expect(run.stdout).toContain('Total value: $100,000.00 across 1 venue\n\n✅');
    expect(run.stdout).not.toContain('High-water mark');
  });
});

describe('concurrent writers', () => {
  it('8 set-target processes at once: every change takes effect, in one serial order the history shows', async () => {
    const state = tempDir('kit-state-');
    const changes = Array.from({ length: 8 }, (_, i) => [`X${i + 1}`, `${1 + i * 0.25}%`] as const);
    const runs = await Promise.all(changes.map(([asset, percent]) => runKit(['--config', SEED_PATH, '--state', state, 'rebalance', 'set-target', asset, percent])));
    expect(runs.map((run) => [run.code, run.stderr])).toEqual(changes.map(() => [0, '']));

    const ledger = openLedger(join(state, 'ledger.sqlite'));
    const history = ledger.targetHistory(100).reverse();
    const final = ledger.targetOverrides()!;
    const pins = ledger.targetPins();
    ledger.close();
    expect(history.map((change) => change.reason).sort()).toEqual(changes.map(([asset, percent]) => `set-target ${asset} ${percent}`).sort());
    for (const [asset, percent] of changes) expect(final.get(asset)?.toFixed()).toBe(parsePercent(percent).toFixed());
    expect([...pins].sort()).toEqual(changes.map(([asset]) => asset).sort());

    // Replaying the changes in the order the ledger recorded them gives every recorded step and the final set.
    const config = parseConfigText(await import('node:fs').then((fs) => fs.readFileSync(SEED_PATH, 'utf8')), 'seed');
    let current = new Map(Object.entries(config.targets));
    let pinned = new Set<string>();
    for (const change of history) {
      expect(shown(change.before)).toEqual(shown(current));
      const [, asset = '', percent = ''] = change.reason.split(' ');
      ({ after: current, pinned } = setTarget(current, asset, parsePercent(percent), { config }, { pinned }));
      expect(shown(change.after)).toEqual(shown(current));
    }
    expect(shown(final)).toEqual(shown(current));
  });
});
