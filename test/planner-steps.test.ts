// The planner's parts on their own: the target overlays and their order, what can trade, the
// strategy input, the state after the trades, the correlation findings.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';
import { detectDrift } from '../src/drift-detector.js';
import { indexMarkets, type PlannedTrade, type VenueInfo } from '../src/execution-planner.js';
import { Decimal } from '../src/money.js';
import { afterState, applyOverlays, correlationFindings, drawdownOverlay, exposureLimits, feesOf, riskLimitsOverlay, strategyInput, tacticalOverlay, tradableAssets, turnoverOf } from '../src/planner.js';
import type { MarketRules, PricePoint } from '../src/ports.js';
import { planSettings } from '../src/settings.js';

const d = (value: string | number) => new Decimal(value);
const shown = (targets: ReadonlyMap<string, Decimal>) => Object.fromEntries([...targets].map(([asset, target]) => [asset, target.toFixed()]));
const SETTINGS = planSettings(
  parseConfig(
    { currency: 'EUR', cash_assets: ['USDC'], targets: { BTC: '50%', ETH: '40%', USDC: '10%' }, bands: { BTC: '±3%' }, risk: { max_single_asset: '50%', drawdown_shift: '50%' }, tactical: { max_tilt: '5%' } },
    { name: 'test' },
  ),
);
const TARGETS = new Map([['BTC', d('0.6')], ['ETH', d('0.3')], ['USDC', d('0.1')]]);
const LIMITS = exposureLimits(SETTINGS, 'USDC');
const market = (base: string, fee = '0.001'): MarketRules => ({ symbol: `${base}/USDC`, base, quote: 'USDC', amountStep: d('0.0001'), priceStep: d('0.01'), minAmount: d(0), minNotional: d(0), takerFee: d(fee), makerFee: d(fee) });
const VENUES: VenueInfo[] = [
  { id: 'binance', label: 'Binance', kind: 'cex', tradable: true, markets: [market('BTC'), market('ETH', '0.002')] },
  { id: 'cold', label: 'Cold', kind: 'wallet', tradable: false, markets: [] },
];
const MARKETS = indexMarkets(VENUES);
const PRICES = new Map([['BTC', d(100_000)], ['ETH', d(2500)], ['USDC', d(1)]]);
const HOLDINGS = [
  { venue: 'binance', asset: 'BTC', quantity: d('0.5') },
  { venue: 'cold', asset: 'BTC', quantity: d('0.5') },
  { venue: 'binance', asset: 'ETH', quantity: d(4) },
  { venue: 'binance', asset: 'USDC', quantity: d(10_000) },
];

describe('target overlays', () => {
  it('shifts toward cash before the limits: a target the shift brings under the cap is not clamped', () => {
    const step = applyOverlays(TARGETS, [drawdownOverlay(true, 'USDC', d('0.5')), riskLimitsOverlay(LIMITS)]);
    expect(shown(step.targets)).toEqual({ BTC: '0.3', ETH: '0.15', USDC: '0.55' });
    expect(step.diagnostics).toEqual([]);
  });

  it('without a drawdown, the limits cap the target and say so', () => {
    const step = applyOverlays(TARGETS, [drawdownOverlay(false, 'USDC', d('0.5')), riskLimitsOverlay(LIMITS)]);
    expect(shown(step.targets)).toEqual({ BTC: '0.5', ETH: '0.4', USDC: '0.1' });
    expect(step.diagnostics.map((x) => x.code)).toEqual(['risk.target_clamped']);
  });

  it('tilts toward momentum over the lookback in days, within max_tilt', () => {
    const now = new Date('2026-11-23T00:00:00Z');
    const histories = new Map<string, PricePoint[]>([
      ['BTC', [{ at: new Date('2026-10-24T00:00:00Z'), price: d(80_000) }]],
      ['ETH', [{ at: new Date('2026-10-24T00:00:00Z'), price: d(3200) }]],
    ]);
    const open = { ...LIMITS, maxSingleAsset: d(1) };
    const overlay = tacticalOverlay({ settings: SETTINGS.tactical, limits: open, now, prices: PRICES, histories, isCash: (asset) => asset === 'USDC' });
    expect(shown(overlay(TARGETS).targets)).toEqual({ BTC: '0.65', ETH: '0.25', USDC: '0.1' });
    expect(overlay(new Map()).targets.size).toBe(0);
  });
});

describe('tradableAssets', () => {
  it('counts as sellable only what sits on a venue listing it, and reports a block only where the asset could trade', () => {
    const blocked = { buys: new Map([['ETH', { code: 'tax.wash_sale', message: 'ETH was sold at a loss' }], ['DOGE', { code: 'tax.wash_sale', message: 'never listed' }]]), sells: new Map() };
    const tradable = tradableAssets(MARKETS, HOLDINGS, PRICES, blocked);
    expect(shown(tradable.sellable)).toEqual({ BTC: '50000', ETH: '10000' });
    expect([...tradable.buyable]).toEqual(['BTC']);
    expect(tradable.diagnostics).toEqual([{ severity: 'warning', asset: 'ETH', code: 'tax.wash_sale', message: 'ETH was sold at a loss' }]);
  });
});

describe('strategyInput', () => {
  const before = detectDrift({ holdings: HOLDINGS, prices: PRICES, targets: TARGETS, cashAssets: SETTINGS.cashAssets, threshold: SETTINGS.driftThreshold });
  const context = { settings: SETTINGS, targets: TARGETS, before, cashKey: 'USDC', isCash: (asset: string) => asset === 'USDC', tradable: tradableAssets(MARKETS, HOLDINGS, PRICES, undefined), markets: MARKETS };

  it('carries the currency and the highest venue fee; the bands: specs apply to the band strategy only', () => {
    const band = strategyInput({ ...context, strategy: 'band' });
    expect(band.currency).toBe('EUR');
    expect(band.costRate.toFixed()).toBe('0.002');
    expect([band.bands.get('BTC')!.low.toFixed(), band.bands.get('BTC')!.high.toFixed()]).toEqual(['0.57', '0.5']);
    const threshold = strategyInput({ ...context, strategy: 'threshold' });
    expect([threshold.bands.get('BTC')!.low.toFixed(), threshold.bands.get('BTC')!.high.toFixed()]).toEqual(['0.55', '0.5']);
  });
});

describe('after the trades', () => {
  const trade = (venue: string, feeValue: string) => ({ venue, feeValue: d(feeValue) }) as PlannedTrade;

  it('adds the fees per venue and in all', () => {
    const fees = feesOf([trade('binance', '1.5'), trade('kraken', '2'), trade('binance', '0.5')]);
    expect(fees.total.toFixed()).toBe('4');
    expect(shown(fees.byVenue)).toEqual({ binance: '2', kraken: '2' });
  });

  it('measures turnover as half the weight moved, and notes drift the trades leave', () => {
    const report = (holdings: typeof HOLDINGS) => detectDrift({ holdings, prices: PRICES, targets: TARGETS, cashAssets: ['USDC'], threshold: d('0.05') });
    const moved = [HOLDINGS[0]!, HOLDINGS[1]!, HOLDINGS[2]!, { venue: 'binance', asset: 'USDC', quantity: d(0) }, { venue: 'binance', asset: 'ETH', quantity: d(4) }];
    expect(turnoverOf(report(HOLDINGS), report(moved)).toFixed(4)).toBe('0.0833');
    const input = { holdingsAfter: moved, prices: PRICES, targets: TARGETS, cashAssets: ['USDC'], threshold: d('0.05'), limits: LIMITS, trades: [trade('binance', '1')] };
    expect(afterState({ ...input, explainDrift: true }).diagnostics.map((x) => x.code)).toEqual(['risk.limit_breached', 'plan.drift_remains']);
    expect(afterState({ ...input, explainDrift: false }).diagnostics.map((x) => x.code)).toEqual(['risk.limit_breached']);
  });
});

describe('correlationFindings', () => {
  const before = detectDrift({ holdings: HOLDINGS, prices: PRICES, targets: TARGETS, cashAssets: ['USDC'], threshold: d('0.05') });
  it('says correlation is not monitored when no daily closes exist for what is held', () => {
    expect(correlationFindings(before, new Map(), new Date('2026-11-23T00:00:00Z'), SETTINGS.risk).map((x) => x.code)).toEqual(['risk.correlation_no_history']);
  });
});
