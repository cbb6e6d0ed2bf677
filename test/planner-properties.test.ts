// Laws every plan obeys, on seeded random portfolios (several venues, cash in several places,
// a read-only wallet, random targets, thresholds, minimums and reserves).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STRATEGIES } from '../src/config.js';
import { Decimal, sum, ZERO } from '../src/money.js';
import { buildPlan, type RebalancePlan } from '../src/planner.js';
import { planJson } from '../src/cli/plan-json.js';
import { randomPlanInput } from './helpers/random-portfolio.js';

const seed = fc.integer({ min: 1, max: 2 ** 31 - 1 });
const strategy = fc.constantFrom(...STRATEGIES.filter((s) => s !== 'tactical'));
const RUNS = { numRuns: 150, seed: 424242 };

function cashValue(holdings: RebalancePlan['after']['rows']): Decimal {
  return sum(holdings.filter((row) => row.cash).map((row) => row.value));
}

describe('every plan', () => {
  it('never sells more than a venue holds, and never trades on a read-only venue', () => {
    fc.assert(
      fc.property(seed, strategy, (s, strat) => {
        const input = randomPlanInput(s, { strategy: strat });
        const plan = buildPlan(input);
        const held = new Map<string, Decimal>();
        for (const h of input.holdings) held.set(`${h.venue}:${h.asset}`, (held.get(`${h.venue}:${h.asset}`) ?? ZERO).plus(h.quantity));
        const sold = new Map<string, Decimal>();
        for (const trade of plan.trades) {
          expect(input.venues.find((v) => v.id === trade.venue)?.tradable).toBe(true);
          if (trade.side === 'sell') sold.set(`${trade.venue}:${trade.asset}`, (sold.get(`${trade.venue}:${trade.asset}`) ?? ZERO).plus(trade.quantity));
        }
        for (const [where, quantity] of sold) expect(quantity.lte(held.get(where) ?? ZERO)).toBe(true);
      }),
      RUNS,
    );
  });

  it('never buys what its venue cannot fund: no balance goes below zero, even at limit prices', () => {
    fc.assert(
      fc.property(seed, strategy, (s, strat) => {
        const input = randomPlanInput(s, { strategy: strat });
        const plan = buildPlan(input);
        const cash = new Map<string, Decimal>();
        for (const h of input.holdings) if (h.asset === 'USDC') cash.set(h.venue, (cash.get(h.venue) ?? ZERO).plus(h.quantity));
        for (const t of plan.transfers) {
          cash.set(t.from, (cash.get(t.from) ?? ZERO).minus(t.amount));
          cash.set(t.to, (cash.get(t.to) ?? ZERO).plus(t.amount));
        }
        for (const trade of plan.trades) {
          const price = trade.limitPrice ?? trade.price;
          const rate = trade.notional.isZero() ? ZERO : trade.fee.div(trade.notional);
          const change = trade.side === 'sell' ? trade.quantity.times(price).times(new Decimal(1).minus(rate)) : trade.quantity.times(price).times(rate.plus(1)).neg();
          cash.set(trade.venue, (cash.get(trade.venue) ?? ZERO).plus(change));
        }
        for (const [venue, amount] of cash) expect(amount.gte(0), `USDC on ${venue} ends at ${amount.toFixed()}`).toBe(true);
        for (const holding of plan.after.rows.flatMap((row) => row.parts)) expect(holding.quantity.gte(0)).toBe(true);
      }),
      RUNS,
    );
  });

  it('never spends the cash reserve', () => {
    fc.assert(
      fc.property(seed, strategy, (s, strat) => {
        const input = randomPlanInput(s, { strategy: strat });
        const plan = buildPlan(input);
        const reserve = input.config.risk.min_cash_reserve.times(plan.before.totalValue);
        const before = cashValue(plan.before.rows);
        const after = cashValue(plan.after.rows);
        // Cash may only go below the reserve by not being spent: it never falls below min(reserve, what it was).
        expect(after.gte(Decimal.min(reserve, before).minus('0.000001'))).toBe(true);
      }),
      RUNS,
    );
  });

  it('cash-flow never sells', () => {
    fc.assert(
      fc.property(seed, (s) => {
        const plan = buildPlan(randomPlanInput(s, { strategy: 'cash-flow' }));
        expect(plan.trades.filter((t) => t.side === 'sell')).toEqual([]);
      }),
      RUNS,
    );
  });

  it('has post-trade weights that sum to 100%', () => {
    fc.assert(
      fc.property(seed, strategy, (s, strat) => {
        const plan = buildPlan(randomPlanInput(s, { strategy: strat }));
        if (plan.after.totalValue.isZero()) return;
        expect(sum(plan.after.rows.map((row) => row.weight)).minus(1).abs().lt('1e-30')).toBe(true);
      }),
      RUNS,
    );
  });

  it('is the same plan for the same input', () => {
    fc.assert(
      fc.property(seed, strategy, (s, strat) => {
        const meta = { source: 'test', demo: false, currency: 'USD' };
        const first = planJson(buildPlan(randomPlanInput(s, { strategy: strat })), meta);
        const second = planJson(buildPlan(randomPlanInput(s, { strategy: strat })), meta);
        expect(second).toEqual(first);
      }),
      { ...RUNS, numRuns: 50 },
    );
  });

  it('never trades an order under min_trade_value', () => {
    fc.assert(
      fc.property(seed, strategy, (s, strat) => {
        const input = randomPlanInput(s, { strategy: strat });
        for (const trade of buildPlan(input).trades) expect(trade.value.gte(input.config.min_trade_value)).toBe(true);
      }),
      RUNS,
    );
  });
});
