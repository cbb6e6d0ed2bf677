// The config mapped once into typed settings, and the currency they carry into every finding.
import { describe, expect, it } from 'vitest';
import { parseConfig, type Strategy } from '../src/config.js';
import type { VenueInfo } from '../src/execution-planner.js';
import { formatMoney } from '../src/format.js';
import { Decimal } from '../src/money.js';
import { buildPlan, type PlanInput } from '../src/planner.js';
import type { MarketRules } from '../src/ports.js';
import { planSettings, wholeDays } from '../src/settings.js';

const d = (value: string | number) => new Decimal(value);

describe('planSettings', () => {
  it('gives durations in whole days, percentages as fractions, and carries the currency', () => {
    const settings = planSettings(
      parseConfig(
        {
          currency: 'EUR',
          cash_assets: ['EUR'],
          targets: { BTC: '60%', EUR: '40%' },
          drift_threshold: '4%',
          sectors: { crypto: { assets: ['BTC'], max: '70%' } },
          risk: { correlation_lookback: '60d', min_cash_reserve: '5%', drawdown_reduce_at: '20%' },
          tactical: { momentum: { lookback: '36h' }, sentiment: { scores: { BTC: 0.5 } } },
          execution: { slippage_tolerance: '0.3%', prefer_dex: true },
        },
        { name: 'test' },
      ),
    );
    expect(settings.currency).toBe('EUR');
    expect(settings.risk.correlationLookbackDays).toBe(60);
    expect(settings.tactical.momentum.lookbackDays).toBe(2);
    expect(settings.driftThreshold.toFixed()).toBe('0.04');
    expect(settings.risk.minCashReserve.toFixed()).toBe('0.05');
    expect(settings.risk.drawdownReduceAt?.toFixed()).toBe('0.2');
    expect(settings.execution).toMatchObject({ preferDex: true, useLimitOrders: true });
    expect(settings.execution.slippage.toFixed()).toBe('0.003');
    expect(settings.sectors).toEqual([{ name: 'crypto', assets: ['BTC'], max: d('0.7') }]);
    expect(settings.tactical.sentiment.scores.get('BTC')?.toFixed()).toBe('0.5');
  });

  it('rounds a duration to the nearest whole day', () => {
    expect([wholeDays(0), wholeDays(11 * 3_600_000), wholeDays(13 * 3_600_000), wholeDays(90 * 86_400_000)]).toEqual([0, 0, 1, 90]);
  });
});

describe('formatMoney', () => {
  it('shows the currency it is given', () => {
    expect([formatMoney(d('1234.5'), 'USD'), formatMoney(d('1234.5'), 'EUR'), formatMoney(d('-1234.5'), 'GBP'), formatMoney(d('1234.6'), 'CHF', 0)]).toEqual(['$1,234.50', '€1,234.50', '-£1,234.50', '1,235 CHF']);
  });
});

// A euro portfolio in trouble: most of its BTC in cold storage, cash below the reserve, well
// below its high-water mark, a buy no venue can fund. Every finding that names an amount names it in euros.
function euroInput(strategy: Strategy): PlanInput {
  const config = parseConfig(
    {
      currency: 'EUR',
      cash_assets: ['EUR'],
      strategy,
      targets: { BTC: '40%', ETH: '40%', EUR: '20%' },
      min_trade_value: '100',
      risk: { min_cash_reserve: '15%', drawdown_reduce_at: '10%' },
    },
    { name: 'euro portfolio' },
  );
  const market = (base: string): MarketRules => ({ symbol: `${base}/EUR`, base, quote: 'EUR', amountStep: d('0.0001'), priceStep: d('0.01'), minAmount: d(0), minNotional: d(5), takerFee: d('0.001'), makerFee: d('0.001') });
  const venues: VenueInfo[] = [
    { id: 'kraken', label: 'Kraken', kind: 'cex', tradable: true, markets: [market('BTC'), market('ETH')] },
    { id: 'bitstamp', label: 'Bitstamp', kind: 'cex', tradable: true, markets: [] },
    { id: 'cold', label: 'Cold', kind: 'wallet', tradable: false, markets: [] },
  ];
  return {
    config,
    strategy,
    now: new Date('2026-11-23T14:00:00Z'),
    holdings: [
      { venue: 'cold', asset: 'BTC', quantity: d(2) },
      { venue: 'kraken', asset: 'BTC', quantity: d('0.2') },
      { venue: 'kraken', asset: 'EUR', quantity: d(1000) },
      { venue: 'bitstamp', asset: 'EUR', quantity: d(5000) },
    ],
    prices: new Map([['BTC', d(50000)], ['ETH', d(2000)], ['EUR', d(1)]]),
    venues,
    targets: new Map(Object.entries(config.targets)),
    histories: new Map(),
    highWater: { value: d(200000), at: new Date('2026-06-01T00:00:00Z') },
    snapshotDiagnostics: [],
  };
}

describe('a EUR portfolio', () => {
  it('prints every amount in its findings in €, never $', () => {
    const plans = (['threshold', 'cash-flow'] as const).map((strategy) => buildPlan(euroInput(strategy)));
    const messages = plans.flatMap((plan) => plan.diagnostics.map((x) => `${x.code}: ${x.message}`));
    const withMoney = messages.filter((message) => message.includes('€'));
    expect(messages.filter((message) => message.includes('$'))).toEqual([]);
    expect(withMoney.map((message) => message.split(':')[0])).toEqual(expect.arrayContaining(['risk.drawdown_active', 'constraint.not_sellable', 'risk.reserve_short', 'constraint.insufficient_cash', 'plan.no_cash_to_deploy']));
  });
});
