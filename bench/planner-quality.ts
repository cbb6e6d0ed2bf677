// How good the threshold plans are, over seeded random portfolios: turnover against the least
// that brings every drifted asset back, drift left over without a reported reason, and the hard
// laws (no sell beyond holdings, no unfunded buy).
import { Decimal, ZERO } from '../src/money.js';
import { buildPlan } from '../src/planner.js';
import { randomPlanInput } from '../test/helpers/random-portfolio.js';

/** Diagnostics that explain why a plan cannot bring everything back within the threshold. */
const CONSTRAINTS = /^(constraint\.|plan\.skipped|plan\.empty_portfolio|risk\.reserve_short|plan\.no_price)/;

export function plannerQuality(count: number, liquid: boolean): string {
  const ratios: number[] = [];
  let constrained = 0;
  let unexplained = 0;
  let oversold = 0;
  let overspent = 0;
  let nothingToDo = 0;
  const examples: number[] = [];
  for (let seed = 1; seed <= count; seed++) {
    const input = randomPlanInput(seed, { strategy: 'threshold', minTradeValue: '0', liquid });
    const plan = buildPlan(input);
    const explained = plan.diagnostics.some((d) => CONSTRAINTS.test(d.code));
    const breaches = plan.after.rows.filter((row) => row.status === 'overweight' || row.status === 'underweight');
    if (breaches.length > 0 && !explained) {
      unexplained++;
      if (examples.length < 5) examples.push(seed);
    }

    const held = new Map<string, Decimal>();
    for (const h of input.holdings) held.set(`${h.venue}:${h.asset}`, (held.get(`${h.venue}:${h.asset}`) ?? ZERO).plus(h.quantity));
    for (const t of plan.trades) if (t.side === 'sell' && t.quantity.gt(held.get(`${t.venue}:${t.asset}`) ?? ZERO)) oversold++;
    if (plan.after.rows.some((row) => row.parts.some((part) => part.quantity.lt(0)))) overspent++;

    // The least turnover that brings each drifted asset back: what they must sell and buy, the
    // larger side (the other side is absorbed by cash or undrifted assets), as a share of the total.
    const T = plan.before.totalValue;
    if (T.isZero()) continue;
    let sells = ZERO;
    let buys = ZERO;
    for (const row of plan.before.rows) {
      // Cash counts too: a drifted cash bucket must be filled by sales or spent on buys.
      if (row.target === undefined || (row.status !== 'overweight' && row.status !== 'underweight')) continue;
      const gap = row.target.times(T).minus(row.value);
      if (gap.gt(0)) buys = buys.plus(gap);
      else sells = sells.plus(gap.abs());
    }
    const minimum = Decimal.max(sells, buys).div(T);
    if (minimum.isZero()) {
      nothingToDo++;
      continue;
    }
    // The ratio is measured where the plan brought every asset back; the rest are counted above.
    if (breaches.length > 0) {
      constrained++;
      continue;
    }
    ratios.push(plan.turnover.div(minimum).toNumber());
  }
  ratios.sort((a, b) => a - b);
  const q = (p: number) => ratios[Math.min(ratios.length - 1, Math.floor(p * ratios.length))]?.toFixed(4) ?? 'n/a';
  const within1 = ratios.filter((r) => Math.abs(r - 1) <= 0.01).length;
  return [
    `portfolios: ${count}; nothing drifted: ${nothingToDo}; drift left by a reported constraint (left out of the ratio): ${constrained}; measured: ${ratios.length}`,
    `turnover / minimum: median ${q(0.5)}, p95 ${q(0.95)}, max ${q(1)}, min ${q(0)}; within 1% of the minimum: ${within1}/${ratios.length}`,
    `post-trade drift above the threshold without a reported constraint: ${unexplained}${examples.length ? ` (seeds ${examples.join(', ')})` : ''}`,
    `sells beyond holdings: ${oversold}; negative balances after the plan: ${overspent}`,
  ].join('\n');
}
