// `kit rebalance preview | set-target | remove-target` and the rebalance tools, end to end.
import { describe, expect, it } from 'vitest';
import { planJsonSchema } from '../src/cli/plan-json.js';
import { statusJsonSchema } from '../src/cli/status-json.js';
import { runKit, tempDir } from './helpers/run-kit.js';

describe('kit rebalance preview', () => {
  it('shows the drift table, the trades in the seed\'s words, the portfolio after, fees and how to execute', async () => {
    const run = await runKit(['rebalance', 'preview']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('│ BTC     │ 45.2%   │ 40.0%   │ +5.2%   │ ← Overweight');
    expect(run.stdout).toContain(
      [
        'Recommended trades:',
        '- Sell 0.05257 BTC ($5,152) on Binance [BTC/USDC, limit 97510 USDC]',
        '    lots: binance-BTC-2026-01-15-2 0.05257 (short, bought 2026-01-15); loss $347 (short); saves about $83',
        '- Buy 1.142 ETH ($2,855) on Binance [ETH/USDC, limit 2512.5 USDC]',
        '- Buy 24.944444444 SOL ($1,571) on Jupiter (Solana) [SOL/USDC, limit 63.315 USDC]',
        '- Buy 0.86 SPY ($507) on MT5 (SPY CFD) [SPY/USD, limit 592.95 USD]',
      ].join('\n'),
    );
    expect(run.stdout).toMatch(/│ BTC +│ 45\.2% +│ 40\.0% +│ 40\.0% +│ 0\.0% +│/);
    expect(run.stdout).toContain('Estimated fees: $12.04 (binance $8.01, jupiter $3.93, mt5 $0.10)');
    expect(run.stdout).toContain('⚠️ BTC and ETH moved together at 0.87 over 90 days, above max_correlation 0.8.');
    expect(run.stdout).toContain('Nothing has been traded.');
    expect(run.stdout).not.toMatch(/NaN|undefined/);
  });

  it('--json lists trades, transfers, weights after and diagnostics as decimal strings', async () => {
    const run = await runKit(['rebalance', 'preview', '--json']);
    const plan = planJsonSchema.parse(JSON.parse(run.stdout));
    expect(plan.trades[0]).toMatchObject({
      id: 't1',
      venue: 'binance',
      market: 'BTC/USDC',
      side: 'sell',
      asset: 'BTC',
      quote: 'USDC',
      quantity: '0.05257',
      price: '98000',
      limit_price: '97510',
      notional: '5151.86',
      value: '5151.86',
      fee: '5.15186',
      fee_value: '5.15186',
      reason: 'drifted +5.2% against 40.0% (band 35.0%-45.0%)',
      waits_for: null,
    });
    expect(plan.after.map((row) => row.status)).toEqual(['within', 'within', 'within', 'within', 'within']);
    expect(plan).toMatchObject({ strategy: 'threshold', executable: true, transfers: [], next_run: null });
  });

  it('--strategy calendar says when the next run is; cash-flow with --deposit only buys', async () => {
    expect((await runKit(['rebalance', 'preview', '--strategy', 'calendar'])).stdout).toContain('Next scheduled run: 2026-11-30 14:00 UTC, weekly on Monday at 09:00 (America/New_York)');
    const deposit = JSON.parse((await runKit(['rebalance', 'preview', '--strategy', 'cash-flow', '--deposit', '5000', 'USDC', '--json'])).stdout);
    expect(deposit.trades.map((t: { side: string; asset: string }) => `${t.side} ${t.asset}`)).toEqual(['buy ETH', 'buy SOL']);
  });

  it('--strategy tactical shows base and tilted targets side by side', async () => {
    const run = await runKit(['rebalance', 'preview', '--strategy', 'tactical']);
    expect(run.stdout).toContain('Targets (base → tilted):');
    expect(run.stdout).toMatch(/│ BTC +│ 40\.0% │ 42\.0% +│ \+2\.0% │/);
  });

  it('refuses bad arguments with exit 2', async () => {
    expect(await runKit(['rebalance', 'preview', '--strategy', 'nope'])).toMatchObject({ code: 2, stderr: 'error: --strategy: unknown strategy "nope"; expected one of threshold, calendar, cash-flow, band, tactical.\n' });
    expect(await runKit(['rebalance', 'preview', '--deposit', '5000', 'BTC'])).toMatchObject({ code: 2, stderr: 'error: --deposit: BTC is not a cash asset; expected one of USDC, USD.\n' });
    expect(await runKit(['rebalance', 'preview', '--deposit', 'lots', 'USDC'])).toMatchObject({ code: 2, stderr: 'error: --deposit: "lots USDC" is not a deposit; expected an amount and a cash asset, such as --deposit 5000 USDC.\n' });
  });
});

describe('kit rebalance set-target / remove-target', () => {
  it('saves targets in the ledger, rescales the others, and status follows', async () => {
    const state = tempDir('kit-state-');
    const set = await runKit(['--state', state, 'rebalance', 'set-target', 'BTC', '45%']);
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('Target for BTC set to 45.00%; the others rescaled in proportion.');
    expect(set.stdout).toContain('│ ETH     │ 25.00%  │ 22.92%  │');
    const status = statusJsonSchema.parse(JSON.parse((await runKit(['--state', state, 'portfolio', 'status', '--json'])).stdout));
    expect(status.targets_source).toBe('ledger');
    expect(status.assets.map((a) => [a.asset, a.target])).toEqual([
      ['BTC', '0.45'],
      ['ETH', '0.22916667'],
      ['SOL', '0.09166667'],
      ['USDC', '0.1375'],
      ['SPY', '0.09166666'],
    ]);

    const removed = await runKit(['--state', state, 'rebalance', 'remove-target', 'SOL']);
    expect(removed.stdout).toContain('│ SOL     │ 9.17%   │ removed │');
    const after = JSON.parse((await runKit(['--state', state, 'portfolio', 'status', '--json'])).stdout);
    expect(after.assets.find((a: { asset: string }) => a.asset === 'SOL').status).toBe('untargeted');
  });

  it('refuses a target that breaks a risk limit, with the reason, and saves nothing', async () => {
    const state = tempDir('kit-state-');
    const run = await runKit(['--state', state, 'rebalance', 'set-target', 'BTC', '60%']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'error: Refused: BTC 60% would break 2 risk limits:\n' +
        '  - targets.BTC: 60% is above risk.max_single_asset 50%\n' +
        "  - sectors.crypto.max: the targets of BTC, ETH, SOL add up to 83.333334%, above this sector's limit 80%\n",
    );
    expect(JSON.parse((await runKit(['--state', state, 'portfolio', 'status', '--json'])).stdout).targets_source).toBe('config');
  });

  it('wants a % sign', async () => {
    expect(await runKit(['rebalance', 'set-target', 'BTC', '45'])).toMatchObject({ code: 2, stderr: 'error: set-target: "45" has no % sign; expected a percent such as 5% or 0.5%\n' });
  });
});

describe('tools', () => {
  it('rebalance_preview and rebalance_set_target answer as the agent calls them', async () => {
    const state = tempDir('kit-state-');
    const list = JSON.parse((await runKit(['tools', 'list'])).stdout) as { name: string }[];
    expect(list.map((tool) => tool.name)).toEqual(['portfolio_status', 'rebalance_preview', 'rebalance_execute', 'rebalance_set_target', 'tax_report', 'rebalance_history', 'rebalance_harvest', 'rebalance_swaps', 'rebalance_record_swap']);
    const plan = planJsonSchema.parse(JSON.parse((await runKit(['--state', state, 'tools', 'call', 'rebalance_preview', '{"strategy":"calendar"}'])).stdout));
    expect(plan.next_run?.at).toBe('2026-11-30T14:00:00.000Z');
    const set = JSON.parse((await runKit(['--state', state, 'tools', 'call', 'rebalance_set_target', '{"asset":"eth","percent":"30%"}'])).stdout);
    expect(set.after.ETH).toBe('0.3');
  });
});
