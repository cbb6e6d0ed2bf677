// Plan-side rules from issue #8: unknown is not zero (a planned sale with no recorded lots has an
// unknown gain and tax, and the plan's total says "at least" or "unknown"), the long-term date
// comes from the rulebook, and harvest labels each lot's term.
import { describe, expect, it } from 'vitest';
import { planTaxTotal } from '../src/cli/plan-tax-total.js';
import { Decimal } from '../src/money.js';
import { defaultRates, estimateSellTaxes, salesToDefer, type SellTaxInput } from '../src/tax-optimizer.js';
import { findHarvests } from '../src/tax/harvest.js';
import type { OpenLot } from '../src/tax/types.js';

const d = (value: string | number) => new Decimal(value);
const NOW = new Date('2026-11-23T14:00:00Z');
const lot = (lotId: string, acquired: string, quantity: string, cost: string, extra: Partial<OpenLot> = {}): OpenLot => {
  const at = new Date(`${acquired}T00:00:00Z`);
  return { lotId, asset: 'BTC', venue: 'binance', acquiredAt: at, holdingStart: at, quantity: d(quantity), cost: d(cost), ...extra };
};
const input = (lots: OpenLot[], extra: Partial<SellTaxInput> = {}): SellTaxInput => ({ jurisdiction: 'US', method: 'fifo', now: NOW, lots, assetClass: () => 'crypto', rates: (c) => defaultRates('US', c), ...extra });
const sell = (id: string, asset: string, quantity: string) => ({ id, venue: 'binance', asset, quantity: d(quantity), value: d(quantity).times(100_000), feeValue: d(0) });

describe('unknown is not zero', () => {
  const lots = [lot('b1', '2026-01-10', '0.1', '9000')];
  const bySell = estimateSellTaxes([sell('known', 'BTC', '0.1'), sell('none', 'ETH', '1')], input(lots));

  it('a planned sale with no recorded lots: gain and tax unknown (typed), not $0', () => {
    expect(bySell.get('none')).toMatchObject({ unknown: true, uncovered: true, lots: [] });
    expect(bySell.get('known')).toMatchObject({ unknown: false, uncovered: false });
  });

  it('the plan total is "at least" the known part when some sale is unknown, and "unknown" when all are', () => {
    expect(planTaxTotal({ bySell, total: d(0), jurisdiction: 'US' })).toEqual({ known: d('240'), bound: 'at_least', unknownSales: 1 });
    const none = new Map([...bySell].filter(([id]) => id === 'none'));
    expect(planTaxTotal({ bySell: none, total: d(0), jurisdiction: 'US' }).bound).toBe('unknown');
    const known = new Map([...bySell].filter(([id]) => id === 'known'));
    expect(planTaxTotal({ bySell: known, total: d(0), jurisdiction: 'US' }).bound).toBe('exact');
  });

  it('FR without a portfolio value: unknown, not a gain equal to the proceeds', () => {
    const pool = lot('pool', '2026-01-01', '0', '16000', { asset: '*', venue: 'pool' });
    const tax = estimateSellTaxes([sell('s', 'BTC', '0.02')], input([pool], { jurisdiction: 'FR' })).get('s')!;
    expect(tax.unknown).toBe(true);
  });
});

describe('the long-term (or exempt) date is the rulebook\'s', () => {
  const drift = new Map([['BTC', { drift: d('0.01'), width: d('0.05'), aboveLimit: false }]]);
  const defer = (extra: Partial<SellTaxInput>, lots: OpenLot[]) =>
    salesToDefer({ now: NOW, waitDays: 30, currency: 'USD', sales: [{ asset: 'BTC', tax: estimateSellTaxes([sell('s', 'BTC', '0.1')], input(lots, extra)).get('s')! }], drift, rates: () => defaultRates('US', 'crypto') }).get('BTC');

  it('US: a washed lot turns long-term a year after its tacked holding start (Pub 550), not its purchase', () => {
    const washed = lot('r', '2026-06-01', '0.1', '5000', { holdingStart: new Date('2025-12-10T00:00:00Z') });
    expect(defer({}, [washed])).toContain('deferred until 2026-12-11');
  });

  it('DE (§188(2) BGB): bought 28 Feb 2026 (not a leap year), exempt from 1 March 2027; too far to wait for here', () => {
    const tax = estimateSellTaxes([sell('s', 'BTC', '0.1')], input([lot('x', '2026-02-28', '0.1', '5000')], { jurisdiction: 'DE' })).get('s')!;
    expect(tax.lots[0]!.turnsAt!.toISOString().slice(0, 10)).toBe('2027-03-01');
  });
});

describe('harvest labels each lot\'s term (issue #8)', () => {
  it('a candidate spanning a long-term and a short-term lot is "mixed", each lot labelled with its own loss', () => {
    const lots = [lot('old', '2024-01-10', '1', '150000'), lot('young', '2026-10-01', '0.1', '10500')];
    const result = findHarvests({ now: NOW, jurisdiction: 'US', openLots: lots, prices: new Map([['BTC', d(100_000)]]), assetClass: () => 'crypto', trades: [], minLoss: d(100), washSaleDays: 30, washSaleScope: 'securities', substitutes: new Map() });
    const [candidate] = result.candidates;
    expect(candidate!.term).toBe('mixed');
    expect(candidate!.lots.map((l) => [l.lotId, l.term, l.loss.toFixed()])).toEqual([
      ['old', 'long', '50000'],
      ['young', 'short', '500'],
    ]);
  });
});
