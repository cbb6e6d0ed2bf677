// `kit rebalance harvest` and the preview's tax lines, end to end on the demo portfolio.
import { describe, expect, it } from 'vitest';
import { planJsonSchema } from '../src/cli/plan-json.js';
import { runKit } from './helpers/run-kit.js';

describe('kit rebalance harvest', () => {
  it('lists losses above tlh_min_loss with the rebuy date, and what a recent buy blocks', async () => {
    const run = await runKit(['rebalance', 'harvest']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/│ SOL +│ jupiter +│ +133\.5 │ +\$8,410\.50 │ \$22,757\.00 │ \$14,346\.50 │ mixed │ — +│/);
    expect(run.stdout).toMatch(/│ SPY +│ mt5 +│ +6\.05 │ +\$3,569\.50 │ +\$3,872\.00 │ +\$302\.50 │ short │ buy VOO; rebuy SPY from 2026-12-24 │/);
    expect(run.stdout).toContain('Loss harvested: $23,955.00');
    const json = JSON.parse((await runKit(['rebalance', 'harvest', '--json'])).stdout);
    expect(json.candidates.find((c: { asset: string }) => c.asset === 'SPY')).toMatchObject({ replacement: 'VOO', rebuy_safe_from: '2026-12-24T14:00:00.000Z', loss: '302.5', lot_ids: ['mt5-SPY-2026-02-03-2'] });
  });
});

describe('kit rebalance preview, tax lines', () => {
  it('shows each sale\'s lots, gain, term and the estimated tax, and harvesting the plan does not wash', async () => {
    const run = await runKit(['rebalance', 'preview']);
    expect(run.stdout).toContain('    lots: binance-BTC-2026-01-15-2 0.05257 (short, bought 2026-01-15); loss $347 (short); saves about $83');
    expect(run.stdout).toContain('Estimated tax on the sales (US rules, tax.rates): $83 saved');
    expect(run.stdout).toContain('ℹ️ SPY loss harvest blocked: this plan buys SPY, which would wash the loss; harvest in a plan that does not buy it.');
    const json = planJsonSchema.parse(JSON.parse((await runKit(['rebalance', 'preview', '--json'])).stdout));
    // 0.05257 BTC sold for $5,151.86 less a $5.15 fee, against $5,493.57 of basis: a $346.86 loss, 24% of it saved.
    expect(json.estimated_tax).toBe('-83.25');
    expect(json.trades[0]!.tax).toMatchObject({ gain: '-346.85686', estimated_tax: '-83.25', lots: [{ lot_id: 'binance-BTC-2026-01-15-2', quantity: '0.05257', term: 'short' }] });
  });
});

describe('kit rebalance preview, wash-sale windows', () => {
  it('does not buy back an asset sold at a loss within 30 days, and says until when', async () => {
    const { writeConfig, tempDir } = await import('./helpers/run-kit.js');
    const state = tempDir('kit-state-');
    const csv = writeConfig('date,side,asset,quantity,price,id,venue,asset_class\n2026-11-10,sell,SPY,1,580,spy-loss,mt5,security\n', 'loss.csv');
    expect((await runKit(['--state', state, 'portfolio', 'import', csv])).code).toBe(0);
    const json = planJsonSchema.parse(JSON.parse((await runKit(['--state', state, 'rebalance', 'preview', '--json'])).stdout));
    expect(json.trades.map((t) => t.asset)).not.toContain('SPY');
    expect(json.diagnostics.find((x) => x.code === 'tax.wash_sale_blocked')?.message).toBe('SPY buy blocked until 2026-12-11: SPY was sold at a loss on 2026-11-10, and a purchase within 30 days would wash it.');
  });
});

describe('kit rebalance preview, long-term preference', () => {
  const config = (preference: boolean) => `portfolio_rebalancer:
  targets: {BTC: 40%, USDC: 60%}
  cash_assets: [USDC]
  prices: {BTC: "100000", USDC: "1"}
  tax: {lot_selection: fifo, long_term_preference: ${preference}}
  venues:
    ex:
      kind: cex
      adapter: paper
      quote: USDC
      markets: {BTC: {amount_step: "0.0001"}}
      balances: {BTC: "0.46", USDC: "54000"}
      lots:
        - {asset: BTC, quantity: "0.46", unit_cost: "60000", acquired: 2025-12-10}
`;

  it('holds back a gain that turns long-term within tax.long_term_wait_days while the drift allows', async () => {
    const { writeConfig } = await import('./helpers/run-kit.js');
    const waiting = planJsonSchema.parse(JSON.parse((await runKit(['--config', writeConfig(config(true)), 'rebalance', 'preview', '--json'])).stdout));
    // 0.06 BTC sold at $100,000 on a $60,000 lot: a $2,394 gain (after fees) at 24% now or 15% from 2026-12-11.
    expect(waiting.trades).toEqual([]);
    expect(waiting.diagnostics.find((x) => x.code === 'tax.long_term_deferred')?.message).toBe(
      'BTC sale deferred until 2026-12-11: its lots turn long-term (or exempt) then, saving about $215 in tax; drift 6.0 points is under twice the band, so it can wait (tax.long_term_preference).',
    );
    const now = planJsonSchema.parse(JSON.parse((await runKit(['--config', writeConfig(config(false)), 'rebalance', 'preview', '--json'])).stdout));
    expect(now.trades.map((t) => `${t.side} ${t.asset}`)).toEqual(['sell BTC']);
  });
});
