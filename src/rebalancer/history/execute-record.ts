// `kit rebalance execute` saves its run manifest (kind: 'execute', orders, prices, before, and the
// outcome with fills, fees, realised gain and the after-state) as the record's plan. This reads it
// into the history's RECORD_PLAN shape: each leg's outcome as an order, turnover as money (the
// manifest keeps it as a fraction of the value before), holdings as value / price per asset.
import { Decimal } from '../../money.js';

interface Summary {
  largest_drift?: { asset?: string; drift: string } | null;
  assets?: { asset: string; value: string; target?: string | null }[];
}

interface ExecutePlan {
  kind: 'execute';
  trigger?: string;
  turnover?: string;
  prices?: Record<string, string>;
  before?: Summary | null;
  outcome?: {
    orders?: { venue: string; market: string; side: 'buy' | 'sell'; quantity: string; filled: string; average_price: string | null; fee: string; status: string }[];
    fees?: string;
    realised_gain?: string;
    after?: Summary | null;
  };
}

export const isExecutePlan = (plan: unknown): plan is ExecutePlan => typeof plan === 'object' && plan !== null && (plan as { kind?: unknown }).kind === 'execute';

function holdings(summary: Summary | null | undefined, prices: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!summary?.assets || !prices) return undefined;
  const out: Record<string, string> = {};
  for (const row of summary.assets) {
    const price = prices[row.asset];
    if (price === undefined || new Decimal(price).isZero()) return undefined;
    out[row.asset] = new Decimal(row.value).div(price).toFixed();
  }
  return out;
}

export function fromExecutePlan(plan: ExecutePlan, valueBefore: Decimal): Record<string, unknown> {
  const outcome = plan.outcome;
  return {
    trigger: plan.trigger,
    orders: (outcome?.orders ?? []).map((o) => ({ venue: o.venue, side: o.side, asset: o.market.split('/')[0] ?? o.market, quantity: o.quantity, filled: o.filled, average_price: o.average_price ?? undefined, fee: o.fee, status: o.status })),
    // A fraction of the value before, kept as money: to the cent, half to even.
    turnover: plan.turnover === undefined ? undefined : new Decimal(plan.turnover).times(valueBefore).toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN).toFixed(),
    fees: outcome?.fees,
    realised_gain: outcome?.realised_gain,
    largest_drift_before: plan.before?.largest_drift ?? undefined,
    largest_drift_after: outcome?.after?.largest_drift ?? undefined,
    holdings_before: holdings(plan.before, plan.prices),
    holdings_after: holdings(outcome?.after, plan.prices),
    prices: plan.prices,
  };
}
