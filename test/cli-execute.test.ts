// `kit rebalance execute` and the rebalance_execute tool, end to end through the built CLI.
import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { executeJsonSchema } from '../src/cli/render-execute-json.js';
import { statusJsonSchema } from '../src/cli/status-json.js';
import { openLedger } from '../src/ledger/open-ledger.js';
import { demoConfig } from './helpers/config-yaml.js';
import { runKit, tempDir, writeConfig } from './helpers/run-kit.js';

const STATE = 'plugin-data/portfolio-rebalancer';
const demo = (edit: Parameters<typeof demoConfig>[0] = () => undefined) => demoConfig((c) => {
  c.delete('price_history_file');
  edit(c);
});

describe('kit rebalance execute on the demo', () => {
  it('--yes trades every leg, then status is inside the threshold, the tax report shows the sale, the history and the tax sink have it', async () => {
    const home = tempDir('kit-home-');
    const run = await runKit(['rebalance', 'execute', '--yes', '--json'], { env: { KIT_HOME: home } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = executeJsonSchema.parse(JSON.parse(run.stdout));
    expect(result).toMatchObject({ router: 'direct', kind: 'executed', status: 'completed', transfers_pending: [] });
    expect(result.orders.map((o) => `${o.side} ${o.quantity} ${o.market} on ${o.venue}: ${o.status}`)).toEqual([
      'sell 0.05257 BTC/USDC on binance: filled',
      'buy 1.142 ETH/USDC on binance: filled',
      'buy 24.944444444 SOL/USDC on jupiter: filled',
      'buy 0.86 SPY/USD on mt5: filled',
    ]);
    expect(result.before?.largest_drift).toEqual({ asset: 'BTC', drift: expect.stringMatching(/^0\.05/) });

    const status = statusJsonSchema.parse(JSON.parse((await runKit(['portfolio', 'status', '--json'], { env: { KIT_HOME: home } })).stdout));
    expect(status.breaches).toEqual([]);
    expect(status.assets.every((a) => a.status === 'within')).toBe(true);

    const tax = await runKit(['tax', 'report'], { env: { KIT_HOME: home } });
    expect(tax.stdout).toMatch(/│ 2026-11-23 │ BTC +│ +0\.05257 │/);

    const ledger = openLedger(join(home, STATE, 'demo-ledger.sqlite'));
    const record = ledger.rebalanceHistory(10).find((r) => r.id === result.run_id)!;
    ledger.close();
    expect(record.status).toBe('completed');
    expect(record.valueAfter?.toFixed()).toBe(result.after?.total_value);
    expect(record.plan).toMatchObject({ kind: 'execute', trigger: 'cli', router: 'direct', turnover: expect.any(String), outcome: { fees: result.fees, realised_gain: result.realised_gain } });

    // The history shows the event: its four filled orders, fees, turnover in money and the drift before and after.
    const history = JSON.parse((await runKit(['rebalance', 'history', '--json'], { env: { KIT_HOME: home } })).stdout);
    const event = history.events.find((e: { id: string }) => e.id === result.run_id);
    expect(event.orders.map((o: { asset: string; status: string }) => `${o.asset} ${o.status}`)).toEqual(['BTC filled', 'ETH filled', 'SOL filled', 'SPY filled']);
    expect(event.fees).toBe(result.fees);
    expect(Number(event.turnover)).toBeGreaterThan(1000);
    expect(event.turnover).toMatch(/^\d+(\.\d{1,2})?$/); // money, to the cent
    expect(event.largest_drift_before.asset).toBe('BTC');

    const lines = readFileSync(join(home, STATE, 'demo-tax-sink.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(1);
    expect(Object.keys(lines[0]!)).toEqual(['trade_id', 'asset', 'quantity', 'cost_basis', 'proceeds', 'gain_loss', 'holding_period_days', 'is_long_term', 'acquisition_date', 'disposal_date', 'lot_id']);
    expect(lines[0]).toMatchObject({ asset: 'BTC', quantity: '0.05257', lot_id: 'binance-BTC-2026-01-15-2', acquisition_date: '2026-01-15', disposal_date: '2026-11-23', is_long_term: false, holding_period_days: 312 });
  }, 60_000);

  it('without a terminal and without --yes it refuses (exit 2) and sends nothing', async () => {
    const home = tempDir('kit-home-');
    const run = await runKit(['rebalance', 'execute'], { env: { KIT_HOME: home } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no terminal to confirm on; pass --yes');
    expect(existsSync(join(home, STATE, 'demo-ledger.sqlite'))).toBe(false);
  });

  it('--dry-run shows the orders and the plan, and sends nothing', async () => {
    const home = tempDir('kit-home-');
    const run = await runKit(['rebalance', 'execute', '--dry-run'], { env: { KIT_HOME: home } });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/kit[0-9a-f]{29} binance BTC\/USDC sell 0\.05257 filled 0 fee 0: planned \(not sent\)/);
    expect(run.stdout).toContain('⚖️ Rebalance Preview');
    expect(run.stdout).toContain('Dry run: nothing was sent.');
    const ledger = openLedger(join(home, STATE, 'demo-ledger.sqlite'));
    expect(ledger.paperOrders('binance')).toEqual([]);
    ledger.close();
  });
});

describe('kit rebalance execute refuses', () => {
  it('a plan above execution.max_turnover_per_run, with the figure (exit 3)', async () => {
    const config = writeConfig(demo((c) => c.add('execution.max_turnover_per_run', '2%')));
    const run = await runKit(['--config', config, 'rebalance', 'execute', '--yes']);
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/Not executed: The plan would move 5\.\d% of the portfolio, above execution\.max_turnover_per_run 2\.0%/);
  });

  it('failed venue data (exit 3)', async () => {
    const config = writeConfig(demo((c) => c.add('venues.binance.faults', { fetch_balances: '100%' })));
    const run = await runKit(['--config', config, 'rebalance', 'execute', '--yes', '--json']);
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout).refusals[0].code).toBe('data_incomplete');
  });

  it('prices that moved beyond slippage_tolerance since the preview: shows the new plan; the next execute trades it', async () => {
    const home = tempDir('kit-home-');
    const before = writeConfig(demo());
    const moved = writeConfig(demo((c) => c.set('prices.BTC', '99500')));
    expect((await runKit(['--config', before, 'rebalance', 'preview'], { env: { KIT_HOME: home } })).code).toBe(0);
    const refused = await runKit(['--config', moved, 'rebalance', 'execute', '--yes'], { env: { KIT_HOME: home } });
    expect(refused.code).toBe(3);
    expect(refused.stdout).toContain('Prices moved beyond slippage_tolerance 0.5% since the last preview (BTC 98000 -> 99500)');
    expect(refused.stdout).toContain('⚖️ Rebalance Preview');
    const again = await runKit(['--config', moved, 'rebalance', 'execute', '--yes', '--json'], { env: { KIT_HOME: home } });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).kind).toBe('executed');
  }, 60_000);

  it('while another live process holds the run lock, naming it; a dead process\'s lock is recovered', async () => {
    const home = tempDir('kit-home-');
    const ledger = openLedger(join(home, STATE, 'demo-ledger.sqlite'));
    ledger.acquireRunLock({ holder: 'heartbeat', pid: process.pid, host: hostname(), startedAt: new Date('2026-11-23T13:59:00Z') }, () => true);
    const held = await runKit(['rebalance', 'execute', '--yes'], { env: { KIT_HOME: home } });
    expect(held.code).toBe(1);
    expect(held.stderr).toContain(`Another rebalance is running: heartbeat (pid ${process.pid} on ${hostname()}) since 2026-11-23T13:59:00.000Z`);
    ledger.releaseRunLock(process.pid, hostname());
    ledger.acquireRunLock({ holder: 'cli', pid: 2 ** 22 + 7, host: hostname(), startedAt: new Date('2026-11-23T13:00:00Z') }, () => true);
    ledger.close();
    const recovered = await runKit(['rebalance', 'execute', '--yes', '--json'], { env: { KIT_HOME: home } });
    expect(recovered.code).toBe(0);
  }, 60_000);
});

describe('the rebalance_execute tool', () => {
  it('refuses without confirm: true; with it, answers with the execute JSON', async () => {
    const home = tempDir('kit-home-');
    const refused = await runKit(['tools', 'call', 'rebalance_execute', '{}'], { env: { KIT_HOME: home } });
    expect(JSON.parse(refused.stdout).error).toContain('call it with confirm: true');
    const done = await runKit(['tools', 'call', 'rebalance_execute', '{"confirm": true}'], { env: { KIT_HOME: home } });
    expect(executeJsonSchema.parse(JSON.parse(done.stdout))).toMatchObject({ kind: 'executed', router: 'direct', status: 'completed' });
  }, 60_000);
});
