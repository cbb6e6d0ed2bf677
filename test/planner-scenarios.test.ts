// The plans of issue #9, one scenario a rule: cash moves between the bucket's cash assets (USDC on
// exchanges, USD at a broker); no sale whose cash no buy can use; plans land strictly inside the
// band; status and preview judge the same bands; every plan that trades nothing says why; the
// messages say what is true.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';
import { detectDrift } from '../src/drift-detector.js';
import { conversionAmounts, planVenueTrades, transferAmount, type VenueInfo, type VenuePlanInput } from '../src/execution-planner.js';
import { formatPercent } from '../src/format.js';
import { Decimal } from '../src/money.js';
import { strategyBands } from '../src/planner.js';
import type { MarketRules } from '../src/ports.js';
import { planSettings } from '../src/settings.js';
import type { StrategyInput } from '../src/strategies/intent.js';
import { cashPosition, fundBuys } from '../src/strategies/threshold.js';
import { demoConfig } from './helpers/config-yaml.js';
import { preview, tradeLines } from './helpers/preview.js';

const d = (value: string | number) => new Decimal(value);
const weights = (rows: { asset: string; weight: Decimal }[]) => Object.fromEntries(rows.map((row) => [row.asset, formatPercent(row.weight)]));

// The issue's portfolio: crypto and USDC on an exchange, VTI and a little USD at IBKR. VTI sits at
// 10% against 25%; BTC and ETH are over. Before: BTC was sold into USDC, then "no venue holds spare
// USD for the VTI buy", ending USDC 29% (target 15%) and VTI 10.6%.
const BROKER_YAML = `
portfolio_rebalancer:
  targets: { BTC: 40%, ETH: 20%, VTI: 25%, USDC: 15% }
  strategy: threshold
  drift_threshold: 5%
  min_trade_value: $100
  cash_assets: [USDC, USD]
  risk: { max_single_asset: 50%, min_cash_reserve: 5% }
  prices: { BTC: "98000", ETH: "2500", VTI: "300", USDC: "1", USD: "1" }
  venues:
    binance:
      label: Binance
      kind: cex
      adapter: paper
      quote: USDC
      fee_rate: 0.1%
      markets:
        BTC: { amount_step: "0.00001", price_step: "0.01", min_notional: "5" }
        ETH: { amount_step: "0.0001", price_step: "0.01", min_notional: "5" }
      balances: { BTC: "0.8", ETH: "16", USDC: "15000" }
    ibkr:
      label: IBKR
      kind: ibkr
      adapter: paper
      quote: USD
      fee_rate: 0.05%
      markets:
        VTI: { amount_step: "1", price_step: "0.01", min_notional: "1" }
      balances: { VTI: "50", USD: "1000" }
`;

describe('cash moves between the cash assets of the bucket', () => {
  it('converts exchange USDC into broker USD for a buy, and the buy waits for the transfer', async () => {
    const { plan } = await preview(BROKER_YAML);
    expect(plan!.transfers.map((t) => `${t.id} ${t.from}->${t.to} ${t.amount.toFixed()} ${t.asset} as ${t.arrivesAs?.amount.toFixed()} ${t.arrivesAs?.asset}`)).toEqual([
      'x1 binance->ibkr 21568.03 USDC as 21568.03 USD',
    ]);
    expect(plan!.transfers[0]!.reason).toBe('convert USDC to USD on Binance (or withdraw it as fiat) and deposit the USD at IBKR; it funds the VTI buy on IBKR');
    expect(tradeLines(plan!)).toEqual(['Sell 0.1902 BTC on binance', 'Sell 4.048 ETH on binance', 'Buy 74 VTI on ibkr after x1']);
    expect(weights(plan!.after.rows)).toEqual({ BTC: '40.0%', ETH: '20.0%', VTI: '24.9%', USDC: '15.1%' });
    expect(plan!.after.breaches).toEqual([]);
    expect(plan!.diagnostics.map((x) => x.code)).not.toContain('constraint.unfunded_buy');
  });

  it("in the seed's demo, a larger SPY target is bought at MT5 with USDC from Binance", async () => {
    const { plan } = await preview(demoConfig((c) => c.set('targets', { BTC: '30%', ETH: '25%', SOL: '10%', USDC: '15%', SPY: '20%' })));
    expect(plan!.transfers.map((t) => `${t.from}->${t.to} ${t.asset}->${t.arrivesAs?.asset}`)).toEqual(['binance->mt5 USDC->USD']);
    expect(tradeLines(plan!).at(-1)).toMatch(/^Buy [\d.]+ SPY on mt5 after x1$/);
    expect(formatPercent(plan!.after.rows.find((row) => row.asset === 'SPY')!.weight)).toBe('20.0%');
    expect(plan!.after.breaches).toEqual([]);
  });

  it("a broker's USD leaves by bank withdrawal to fund a buy on an exchange", () => {
    const plan = planVenueTrades({ ...BASE, holdings: [h('binance', 'USDC', '100'), h('mt5', 'USD', '9000')], intents: intents({ BTC: '5000' }), convertCash: true });
    expect(plan.transfers.map((t) => `${t.from}->${t.to} ${t.amount.toFixed()} ${t.asset}`)).toEqual(['mt5->binance 5030.03 USD']);
    expect(plan.transfers[0]!.reason).toBe('withdraw the USD from Mt5 and deposit it at Binance, converting it to USDC there; it funds the BTC buy on Binance');
    expect(plan.trades.map((t) => `${t.side} ${t.asset} ${t.waitsFor}`)).toEqual(['buy BTC x1']);
  });
});

// ---- the execution planner on its own

function market(base: string, quote: string, extra: Partial<MarketRules> = {}): MarketRules {
  return { symbol: `${base}/${quote}`, base, quote, amountStep: d('0.0001'), priceStep: d('0.01'), minAmount: d(0), minNotional: d('5'), takerFee: d('0.001'), makerFee: d('0.001'), ...extra };
}
const venue = (id: string, kind: VenueInfo['kind'], markets: MarketRules[]): VenueInfo => ({ id, label: id[0]!.toUpperCase() + id.slice(1), kind, tradable: true, markets });
const h = (v: string, asset: string, quantity: string) => ({ venue: v, asset, quantity: d(quantity) });
const intents = (entries: Record<string, string>, funding: string[] = []) =>
  new Map(Object.entries(entries).map(([asset, delta]) => [asset, { delta: d(delta), reason: 'test', ...(funding.includes(asset) ? { funding: true as const } : {}) }]));
const BASE: VenuePlanInput = {
  intents: new Map(),
  holdings: [],
  prices: new Map([['BTC', d('100000')], ['ETH', d('2500')], ['SPY', d('500')], ['USDC', d('1')]]),
  venues: [venue('binance', 'cex', [market('BTC', 'USDC'), market('ETH', 'USDC', { minNotional: d('1000') })]), venue('mt5', 'mt5', [market('SPY', 'USD')])],
  cashAssets: ['USDC', 'USD'],
  reserveValue: d(0),
  minTradeValue: d(100),
  preferDex: false,
  slippage: d('0.005'),
  useLimitOrders: true,
  currency: 'USD',
};

describe('no pointless sale', () => {
  it('does not sell an in-band asset for cash when the buy it was for cannot be placed', () => {
    // The ETH buy is under Binance's 1,000 USDC minimum order: the SPY sale would raise cash for nothing.
    const input = { ...BASE, holdings: [h('mt5', 'SPY', '20')], intents: intents({ SPY: '-300', ETH: '300' }, ['SPY']), convertCash: true };
    const plan = planVenueTrades(input);
    expect(plan.trades).toEqual([]);
    expect(plan.diagnostics.map((x) => x.code)).toEqual(['constraint.unfunded_buy', 'plan.skipped', 'plan.funding_sale_dropped']);
    expect(plan.diagnostics[1]!.message).toMatch(/^skipped: [\d.]+ ETH \(\$[\d.]+\) below Binance's minimum order value 1000 USDC \(buy on Binance\)$/);
    // Needed for its own band (no funding flag), the same sale is made.
    expect(planVenueTrades({ ...input, intents: intents({ SPY: '-300', ETH: '300' }) }).trades.map((t) => t.asset)).toEqual(['SPY']);
  });

  it('a buy under the venue minimum where the cash is at hand is skipped for its size, not called unfunded', () => {
    // MT5 holds the USD; SPY's minimum lot is 6 units ($3,000), the buy is $2,600.
    const venues = [BASE.venues[0]!, venue('mt5', 'mt5', [market('SPY', 'USD', { minAmount: d(6), amountStep: d(2) })])];
    const plan = planVenueTrades({ ...BASE, venues, holdings: [h('mt5', 'USD', '8000')], intents: intents({ SPY: '2600' }), convertCash: true });
    expect(plan.trades).toEqual([]);
    expect(plan.transfers).toEqual([]);
    expect(plan.diagnostics.map((x) => x.code)).toEqual(['plan.skipped']);
    expect(plan.diagnostics[0]!.message).toMatch(/below Mt5's minimum amount 6 SPY/);
  });

  it("does not sell where the venue's cash cannot reach any buy", () => {
    // USD is not a cash asset here: the broker's proceeds could never pay for the BTC.
    const input = { ...BASE, cashAssets: ['USDC'], holdings: [h('binance', 'USDC', '600'), h('mt5', 'SPY', '20')], intents: intents({ BTC: '3000', SPY: '-3000' }, ['SPY']), convertCash: true };
    const plan = planVenueTrades(input);
    expect(plan.trades.map((t) => `${t.side} ${t.asset}`)).toEqual(['buy BTC']);
    // Where the cash can reach (USD converts), the sale funds the buy.
    const reachable = planVenueTrades({ ...input, cashAssets: ['USDC', 'USD'] });
    expect(reachable.trades.map((t) => `${t.side} ${t.asset}${t.waitsFor ? ` after ${t.waitsFor}` : ''}`)).toEqual(['sell SPY', 'buy BTC after x1']);
  });
});

describe('plans land strictly inside the band', () => {
  it('halfway against a max_single_asset cap stops inside the cap, not on it', async () => {
    const { plan } = await preview(demoConfig((c) => c.set('risk.max_single_asset', '42%').add('rebalance_to', 'halfway')));
    const btc = plan!.after.rows.find((row) => row.asset === 'BTC')!;
    expect(btc.weight.lt('0.42')).toBe(true);
    expect(formatPercent(btc.weight, 2)).toBe('41.99%');
    expect(plan!.after.breaches).toEqual([]);
    expect(plan!.diagnostics.map((x) => x.code)).not.toContain('risk.limit_breached');
  });

  it('a result on the edge of the band is outside it; a status on the edge is inside', () => {
    const input = { holdings: [h('a', 'BTC', '45'), h('a', 'USDC', '55')], prices: new Map([['BTC', d(1)], ['USDC', d(1)]]), targets: new Map([['BTC', d('0.4')], ['USDC', d('0.6')]]), cashAssets: ['USDC'], threshold: d('0.05') };
    expect(detectDrift(input).breaches).toEqual([]);
    expect(detectDrift({ ...input, edgeIsOutside: true }).breaches).toEqual(['BTC', 'USDC']);
  });
});

describe('status and preview judge the same bands', () => {
  it('BTC at 67% in a 50-70% band is inside it for both', () => {
    const config = parseConfig({ targets: { BTC: '60%', USDC: '40%' }, strategy: 'band', bands: { BTC: '50-70%' }, drift_threshold: '5%', risk: { max_single_asset: '80%', min_cash_reserve: '0%' } }, { name: 'test' });
    const targets = new Map(Object.entries(config.targets));
    const input = { holdings: [h('a', 'BTC', '67'), h('a', 'USDC', '33')], prices: new Map([['BTC', d(1)], ['USDC', d(1)]]), targets, cashAssets: config.cash_assets, threshold: config.drift_threshold };
    // Without the bands, status flagged BTC (7 points over a 5% threshold).
    expect(detectDrift(input).breaches).toEqual(['BTC', 'USDC']);
    const bands = strategyBands(planSettings(config), config.strategy, targets);
    expect(detectDrift({ ...input, bands }).rows.map((row) => `${row.asset} ${row.status}`)).toEqual(['BTC within', 'USDC underweight']);
  });

  it("the plan's before-report uses the band strategy's bands", async () => {
    const { plan } = await preview(demoConfig((c) => c.set('strategy', 'band').add('bands', { BTC: '35-46%' })));
    expect(plan!.before.breaches).toEqual([]);
    expect(plan!.diagnostics.map((x) => x.code)).toContain('plan.within_bands');
  });
});

describe('a plan with no trade says why', () => {
  it('every order below the minimum', async () => {
    const { plan } = await preview(demoConfig((c) => c.set('min_trade_value', '$6000')));
    expect(plan!.trades).toEqual([]);
    expect(plan!.diagnostics.at(-1)).toMatchObject({ code: 'plan.all_below_minimum', message: "No trade is planned: every order it needs is below min_trade_value or a venue's minimum order (listed above)." });
  });

  it('a venue that did not answer', async () => {
    const { plan } = await preview(demoConfig((c) => c.add('venues.coinbase.faults', { fetch_balances: 1 })));
    expect(plan!.diagnostics.map((x) => x.code)).toContain('plan.blocked');
  });

  it('no targets: not "within its band"', async () => {
    const { plan } = await preview(demoConfig((c) => c.set('targets', {})));
    const codes = plan!.diagnostics.map((x) => x.code);
    expect(codes).toContain('plan.no_targets');
    expect(codes).not.toContain('plan.within_bands');
  });

  it('an empty portfolio: nothing flagged, nothing to add', () => {
    const report = detectDrift({ holdings: [], prices: new Map(), targets: new Map([['BTC', d('0.4')], ['USDC', d('0.6')]]), cashAssets: ['USDC'], threshold: d('0.05') });
    expect([report.empty, report.breaches]).toEqual([true, []]);
  });
});

describe('messages say what is true', () => {
  it('a paper CEX without markets is named, not called a wallet', async () => {
    const { plan } = await preview(demoConfig((c) => c.delete('venues.binance.markets')));
    expect(plan!.diagnostics.find((x) => x.code === 'constraint.not_sellable')?.message).toBe(
      "BTC should sell $5,152.00 but only $4,900.00 of it sits on venues that can trade it; the rest sits in wallets or cold storage, which never trade, and on Binance, which lists no BTC market (add one under the venue's markets:).",
    );
  });

  it('a cash shortfall with no buy names the cash, not an empty list', () => {
    const row = (asset: string, value: number, target: string, cash = false) => ({ asset, cash, value: d(value), weight: d(value).div(100_000), target: d(target), drift: d(value).div(100_000).minus(target), status: 'within' as const, parts: [] });
    const input: StrategyInput = {
      rows: [row('BTC', 95_000, '0.8'), row('USDC', 5_000, '0.2', true)],
      totalValue: d(100_000),
      cashKey: 'USDC',
      bands: new Map([['BTC', { low: d('0.75'), high: d('0.85') }], ['USDC', { low: d('0.15'), high: d('0.25') }]]),
      rebalanceTo: 'target',
      reserve: d(0),
      minTradeValue: d(100),
      sellable: new Map(),
      buyable: new Set(),
      costRate: d(0),
      currency: 'USD',
    };
    const funded = fundBuys(input, input.rows, { sells: new Map(), wanted: new Map(), diagnostics: [] }, cashPosition(input));
    expect(funded.diagnostics.map((x) => x.message)).toEqual(['Not enough can be sold to bring cash back into its band: $15,000.00 short after sales and cash above its floor $15,000.00; cash USDC stays below its band.']);
  });

  it('transfer amounts are rounded to the asset: cents for fiat, 6 decimals for USDC, never past what is held', () => {
    expect(transferAmount('USDC', d('5403.842864982440606361829025844930417491'), d(10_000)).toFixed()).toBe('5403.842865');
    expect(transferAmount('USD', d('5403.841'), d(10_000)).toFixed()).toBe('5403.85');
    expect(transferAmount('USD', d('5403.841'), d('5403.846')).toFixed()).toBe('5403.84');
    expect(conversionAmounts('USDC', 'USD', d('0.9998'), d('100.001'), d(1000))).toEqual({ amount: d('100.01'), arrives: d('99.98') });
  });

  it('a proposed transfer in a plan has no more decimals than its asset', async () => {
    const { plan } = await preview(demoConfig((c) => c.set('venues.jupiter.balances.USDC', '60').set('venues.coinbase.balances.USDC', '6400')));
    for (const transfer of plan!.transfers) expect(transfer.amount.decimalPlaces()).toBeLessThanOrEqual(6);
  });
});
