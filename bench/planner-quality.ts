// How good the threshold plans are, over seeded random portfolios: the share that end with every
// asset strictly inside its band, why the others do not (the constraint a diagnostic names), turnover
// against the least that brings every drifted asset back, and the hard laws (no sell beyond
// holdings, no negative balance). With `brokers`, the portfolios hold USD at brokers beside USDC on
// exchanges, as the seed's does. The band check is the bench's own, so it judges any version alike.
import { isCash } from '../src/config.js';
import { Decimal, ONE, ZERO } from '../src/money.js';
import { buildPlan } from '../src/planner.js';
import { resolveBands } from '../src/strategies/bands.js';
import { randomPlanInput, type RandomOptions } from '../test/helpers/random-portfolio.js';

/** Diagnostics that explain why a plan cannot bring everything back within its band. */
const CONSTRAINTS = /^(constraint\.|plan\.skipped|plan\.empty_portfolio|risk\.reserve_short|plan\.no_price)/;

export function plannerQuality(count: number, options: Pick<RandomOptions, 'liquid' | 'brokers'>): string {
  const ratios: number[] = [];
  const stats = { inside: 0, constrained: 0, unexplained: 0, oversold: 0, overspent: 0, nothingToDo: 0, transfers: 0, conversions: 0 };
  const named = new Map<string, number>();
  const examples: number[] = [];
  for (let seed = 1; seed <= count; seed++) {
    const input = randomPlanInput(seed, { strategy: 'threshold', minTradeValue: '0', ...options });
    const plan = buildPlan(input);
    const cashAssets = input.config.cash_assets;
    const bands = resolveBands(plan.targets, {}, { threshold: input.config.drift_threshold, maxSingleAsset: input.config.risk.max_single_asset, isCash: (asset) => isCash(asset, cashAssets) });
    const outside = plan.after.totalValue.gt(0) && plan.after.rows.some((row) => row.target !== undefined && !strictlyInside(row.weight, bands.get(row.asset)!));
    if (!outside) stats.inside++;
    else {
      const codes = [...new Set(plan.diagnostics.filter((d) => CONSTRAINTS.test(d.code)).map((d) => d.code))];
      if (codes.length === 0) {
        stats.unexplained++;
        if (examples.length < 5) examples.push(seed);
      }
      for (const code of codes) named.set(code, (named.get(code) ?? 0) + 1);
    }
    stats.transfers += plan.transfers.length;
    stats.conversions += plan.transfers.filter((t) => 'arrivesAs' in t && t.arrivesAs).length;
    countLawBreaks(input, plan, stats);
    const minimum = leastTurnover(plan);
    if (minimum === undefined) {
      stats.nothingToDo++;
      continue;
    }
    // The ratio is measured where the plan brought every asset inside; the rest are counted above.
    if (outside) {
      stats.constrained++;
      continue;
    }
    ratios.push(plan.turnover.div(minimum).toNumber());
  }
  ratios.sort((a, b) => a - b);
  const q = (p: number) => ratios[Math.min(ratios.length - 1, Math.floor(p * ratios.length))]?.toFixed(4) ?? 'n/a';
  const within1 = ratios.filter((r) => Math.abs(r - 1) <= 0.01).length;
  const pct = (n: number) => `${((100 * n) / count).toFixed(1)}%`;
  const reasons = [...named].sort((a, b) => b[1] - a[1]).map(([code, n]) => `${code} ${n}`).join(', ');
  return [
    `portfolios: ${count}; every asset strictly inside its band after the plan: ${stats.inside} (${pct(stats.inside)}); nothing drifted: ${stats.nothingToDo}`,
    `ending outside a band: ${count - stats.inside}, with a constraint named: ${count - stats.inside - stats.unexplained}${reasons ? ` (${reasons})` : ''}; without: ${stats.unexplained}${examples.length ? ` (seeds ${examples.join(', ')})` : ''}`,
    `turnover / minimum where every asset ends inside: median ${q(0.5)}, p95 ${q(0.95)}, max ${q(1)}, min ${q(0)}; within 1% of the minimum: ${within1}/${ratios.length}`,
    `manual transfers: ${stats.transfers}, of which cash conversions: ${stats.conversions}; sells beyond holdings: ${stats.oversold}; negative balances after the plan: ${stats.overspent}`,
  ].join('\n');
}

function strictlyInside(weight: Decimal, band: { low: Decimal; high: Decimal }): boolean {
  const aboveLow = band.low.lte(0) ? weight.gte(band.low) : weight.gt(band.low);
  const belowHigh = band.high.gte(ONE) ? weight.lte(band.high) : weight.lt(band.high);
  return aboveLow && belowHigh;
}

/** The least turnover that brings each drifted asset back: the larger of what they must sell and buy, as a share of the total. */
function leastTurnover(plan: ReturnType<typeof buildPlan>): Decimal | undefined {
  const T = plan.before.totalValue;
  if (T.isZero()) return undefined;
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
  return minimum.isZero() ? undefined : minimum;
}

function countLawBreaks(input: ReturnType<typeof randomPlanInput>, plan: ReturnType<typeof buildPlan>, stats: { oversold: number; overspent: number }): void {
  const held = new Map<string, Decimal>();
  for (const h of input.holdings) held.set(`${h.venue}:${h.asset}`, (held.get(`${h.venue}:${h.asset}`) ?? ZERO).plus(h.quantity));
  for (const t of plan.trades) if (t.side === 'sell' && t.quantity.gt(held.get(`${t.venue}:${t.asset}`) ?? ZERO)) stats.oversold++;
  if (plan.after.rows.some((row) => row.parts.some((part) => part.quantity.lt(0)))) stats.overspent++;
}
