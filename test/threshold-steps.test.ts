// planToBands's steps on their own: where a drifted asset goes back to, what the drifted assets
// must sell and buy, the cash floor, funding the buys, reinvesting what is left.
import { describe, expect, it } from 'vitest';
import type { DriftRow } from '../src/drift-detector.js';
import { Decimal } from '../src/money.js';
import type { StrategyInput } from '../src/strategies/intent.js';
import { cashPosition, driftedMoves, fundBuys, goalValue, reinvest } from '../src/strategies/threshold.js';

const d = (value: string | number) => new Decimal(value);
const TOTAL = d(100_000);
function row(asset: string, value: number, target: string, cash = false): DriftRow {
  const weight = d(value).div(TOTAL);
  return { asset, cash, value: d(value), weight, target: d(target), drift: weight.minus(target), status: 'within', parts: [] };
}
const band = (target: string, width = '0.05') => ({ low: d(target).minus(width), high: d(target).plus(width) });

// BTC 60% against 40%, ETH 15% against 30%, SOL 15% against 10% (inside its ±10% band), USDC 10% against 20%.
const ROWS = [row('BTC', 60_000, '0.4'), row('ETH', 15_000, '0.3'), row('SOL', 15_000, '0.1'), row('USDC', 10_000, '0.2', true)];
const INPUT: StrategyInput = {
  rows: ROWS,
  totalValue: TOTAL,
  cashKey: 'USDC',
  bands: new Map([['BTC', band('0.4')], ['ETH', band('0.3')], ['SOL', band('0.1', '0.1')], ['USDC', band('0.2', '0.2')]]),
  rebalanceTo: 'target',
  reserve: d(0),
  minTradeValue: d(100),
  sellable: new Map([['BTC', d(60_000)], ['ETH', d(15_000)], ['SOL', d(15_000)]]),
  buyable: new Set(['BTC', 'ETH', 'SOL']),
  costRate: d(0),
  currency: 'EUR',
};
const drifted = (input: StrategyInput) => input.rows.filter((r) => r.asset === 'BTC' || r.asset === 'ETH');

describe('goalValue', () => {
  it('goes to target, to one basis point inside the band edge, or halfway', () => {
    const btc = ROWS[0]!;
    expect(goalValue(INPUT, btc).toFixed()).toBe('40000');
    expect(goalValue({ ...INPUT, rebalanceTo: 'band_edge' }, btc).toFixed()).toBe('44990');
    expect(goalValue({ ...INPUT, rebalanceTo: 'halfway' }, btc).toFixed()).toBe('45000');
    // Halfway never stops above the band's high edge (a band capped by max_single_asset).
    expect(goalValue({ ...INPUT, rebalanceTo: 'halfway', bands: new Map([['BTC', { low: d('0.35'), high: d('0.42') }]]) }, btc).toFixed()).toBe('42000');
  });
});

describe('driftedMoves', () => {
  it('sells the overweight and wants the underweight, each back to its goal', () => {
    const moves = driftedMoves(INPUT, drifted(INPUT));
    expect([...moves.sells].map(([asset, intent]) => `${asset} ${intent.delta.toFixed()}`)).toEqual(['BTC -20000']);
    expect([...moves.wanted].map(([asset, value]) => `${asset} ${value.toFixed()}`)).toEqual(['ETH 15000']);
    expect(moves.sells.get('BTC')!.reason).toBe('drifted +20.0% against 40.0% (band 35.0%-45.0%)');
  });

  it('sells no more than sits on venues that can trade, and says so in the portfolio currency', () => {
    const moves = driftedMoves({ ...INPUT, sellable: new Map([['BTC', d(5000)]]), buyable: new Set() }, drifted(INPUT));
    expect(moves.sells.get('BTC')!.delta.toFixed()).toBe('-5000');
    expect(moves.wanted.size).toBe(0);
    expect(moves.diagnostics.map((x) => x.message)).toEqual([
      'BTC should sell €20,000.00 but only €5,000.00 of it sits on venues that can trade it; the rest (wallets, cold storage) is never traded.',
      'ETH is underweight but no tradable venue lists a market for it; it cannot be bought.',
    ]);
  });
});

describe('cashPosition', () => {
  it('keeps the reserve and the cash band low edge as a floor, and warns when cash is below the reserve', () => {
    const cash = cashPosition({ ...INPUT, reserve: d('0.15') });
    expect(cash.floor.toFixed()).toBe('15000');
    expect(cash.spare.toFixed()).toBe('0');
    expect(cash.diagnostics.map((x) => x.message)).toEqual(['Cash €10,000.00 is below the min_cash_reserve €15,000.00; no cash is spent.']);
  });

  it('must gain what takes it back into its band, and above its band may spend down to its goal', () => {
    const tight = new Map([...INPUT.bands, ['USDC', band('0.2')]]);
    expect(cashPosition({ ...INPUT, bands: tight }).need.toFixed()).toBe('10000');
    const rich = [...ROWS.slice(0, 3), row('USDC', 40_000, '0.2', true)];
    const above = cashPosition({ ...INPUT, rows: rich, bands: tight });
    expect(above).toMatchObject({ aboveBand: true });
    expect([above.floor.toFixed(), above.spare.toFixed()]).toEqual(['20000', '20000']);
  });
});

describe('fundBuys', () => {
  it('pays for the buys with the drifted sells first', () => {
    const moves = driftedMoves(INPUT, drifted(INPUT));
    const funded = fundBuys(INPUT, ROWS, moves, cashPosition(INPUT));
    expect([...funded.intents].map(([asset, intent]) => `${asset} ${intent.delta.toFixed()}`)).toEqual(['ETH 15000']);
    expect([funded.sold.toFixed(), funded.placed.toFixed()]).toEqual(['20000', '15000']);
    expect(funded.diagnostics).toEqual([]);
  });

  it('then sells what is overweight inside its band, and only then scales the buys down', () => {
    const input = { ...INPUT, sellable: new Map([['BTC', d(2000)], ['SOL', d(3000)]]) };
    const moves = driftedMoves(input, drifted(input));
    const funded = fundBuys(input, ROWS, moves, cashPosition({ ...input, reserve: d('0.1') }));
    expect([...funded.intents].map(([asset, intent]) => `${asset} ${intent.delta.toFixed()}`)).toEqual(['SOL -3000', 'ETH 5000']);
    expect(funded.diagnostics.map((x) => x.message)).toEqual(['Not enough to fund every buy: €10,000.00 short after sales and cash above its floor €10,000.00; ETH stays below target.']);
  });
});

describe('reinvest', () => {
  it('places a surplus in the most underweight assets not yet trading, leaving out buys under min_trade_value', () => {
    const rows = [row('BTC', 50_000, '0.4'), row('ETH', 25_000, '0.3'), row('SOL', 9_950, '0.1'), row('USDC', 15_050, '0.2', true)];
    const placed = reinvest({ ...INPUT, rows }, rows, new Map([['BTC', { delta: d(-10_000), reason: 'test' }]]), d(6000));
    expect([...placed].map(([asset, intent]) => `${asset} ${intent.delta.toFixed()}`)).toEqual(['ETH 5000']);
    expect(placed.get('ETH')!.reason).toBe('underweight -5.0%; bought with proceeds');
  });

  it('does nothing with a surplus under min_trade_value', () => {
    expect(reinvest(INPUT, ROWS, new Map(), d(50)).size).toBe(0);
  });
});
