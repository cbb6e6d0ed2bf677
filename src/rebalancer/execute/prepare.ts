// From fresh data to the orders of a new run: the taxed preview over the run's session, the
// orders it makes (limit prices, splits, sells first, deterministic client order ids), the
// manifest that will be saved before any order is sent, and every reason not to go ahead.
import { hasErrors } from '../../diagnostics.js';
import type { PlannedTrade } from '../../execution-planner.js';
import { Decimal, ZERO } from '../../money.js';
import { idFormatsFor, orderSettings, planOrders, type PlannedOrder } from '../../execution-planner.js';
import type { PlanTaxes } from '../preview-taxes.js';
import type { StatusReport } from '../status.js';
import type { Session } from '../session.js';
import { taxedPreview } from '../taxed-preview.js';
import { dataRefusals, movedPrices, turnoverRefusal } from './checks.js';
import { lastPreviewPrices, pricesOf } from './run-record.js';
import { driftSummary } from './summary.js';
import type { ManifestSwap } from '../swaps/types.js';
import type { ExecuteDeps, ExecuteOptions, ManifestOrder, PreparedRun, Refusal } from './types.js';

export type Prepared = PreparedRun | { refused: Refusal[]; diagnostics: PreparedRun['manifest']['diagnostics'] };

export async function prepareRun(session: Session, deps: Pick<ExecuteDeps, 'newRunId' | 'routerName' | 'trigger'> & { handOutSwaps?: boolean | undefined }, options: Pick<ExecuteOptions, 'strategy'>): Promise<Prepared> {
  const { config, ledger } = session.deps;
  const preview = await taxedPreview(session, { strategy: options.strategy });
  const { status, plan, taxes } = preview;
  if (!plan) return { refused: [{ code: 'data_incomplete', message: `Drift cannot be computed, so nothing is traded: ${status.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message).join(' ')}` }], diagnostics: status.diagnostics };
  const runId = deps.newRunId();
  const markets = await session.markets();
  const orderPlan = planOrders(new Map(markets.venues.map((venue) => [venue.id, venue.markets])), { runId, trades: plan.trades, settings: orderSettings(config.execution), idFormats: idFormatsFor(config.venues) });
  const refusals = dataRefusals(status, plan);
  if (refusals.length === 0) {
    const turnover = turnoverRefusal(plan, config);
    const moved = movedPrices(plan, status, lastPreviewPrices(ledger), config.execution.slippage_tolerance);
    refusals.push(...[turnover, moved].filter((r): r is Refusal => r !== undefined));
  }
  const all = manifestOrders(session, orderPlan.orders, plan.trades, status, taxes);
  // Standalone, DEX legs are handed out to sign, never sent; through K.I.T.'s router they are orders.
  const orders = deps.handOutSwaps ? all.filter((order) => !order.swap) : all;
  const swaps = deps.handOutSwaps ? all.filter((order) => order.swap) : [];
  const diagnostics = [...plan.diagnostics, ...orderPlan.diagnostics];
  return {
    runId,
    plan,
    refusals: hasErrors(orderPlan.diagnostics) && all.length === 0 && refusals.length === 0 ? [{ code: 'not_executable', message: orderPlan.diagnostics.map((d) => d.message).join(' ') }] : refusals,
    manifest: {
      kind: 'execute',
      trigger: deps.trigger ?? 'cli',
      router: deps.routerName,
      strategy: plan.strategy,
      run_id: runId,
      orders,
      transfers_pending: orderPlan.pending.map((leg) => ({ trade_id: leg.tradeId, venue: leg.venue, market: leg.symbol, side: leg.side, quantity: leg.quantity.toFixed(), waits_for: leg.waitsFor })),
      turnover: plan.turnover.toFixed(),
      fees_estimated: plan.fees.total.toFixed(),
      prices: pricesOf(status),
      before: driftSummary(plan.before),
      diagnostics,
      ...(swaps.length > 0 ? { swaps } : {}),
    },
  };
}

/** The run's orders as the manifest keeps them: each with its quote value, asset class, lots and (DEX) sized quote. */
function manifestOrders(session: Session, orders: readonly PlannedOrder[], planned: readonly PlannedTrade[], status: StatusReport, taxes: PlanTaxes | undefined): ManifestOrder[] {
  const { config } = session.deps;
  const trades = new Map(planned.map((trade) => [trade.id, trade]));
  const state = session.taxState();
  const classOf = (trade: PlannedTrade) => (state.trades.some((t) => t.asset === trade.asset) ? state.assetClass(trade.asset) : ['mt5', 'ibkr'].includes(config.venues[trade.venue]?.kind ?? '') ? 'security' : 'crypto');
  const lots = config.tax.lot_selection === 'specific' ? childLots(orders, taxes) : new Map<string, ManifestOrder['lots']>();
  return orders.map((order): ManifestOrder => {
    const trade = trades.get(order.tradeId)!;
    const quoteValue = status.snapshot.prices.get(order.quote)?.price ?? (order.quote === config.currency ? new Decimal(1) : trade.value.div(trade.notional));
    return {
      client_order_id: order.clientOrderId,
      leg: order.leg,
      trade_id: order.tradeId,
      venue: order.venue,
      symbol: order.symbol,
      base: order.base,
      quote: order.quote,
      side: order.side,
      type: order.type,
      quantity: order.quantity.toFixed(),
      limit_price: order.limitPrice?.toFixed() ?? null,
      worst_price: order.worstPrice.toFixed(),
      quote_value: quoteValue.toFixed(),
      asset_class: classOf(trade),
      lots: lots.get(order.clientOrderId) ?? [],
      ...(trade.swap ? { swap: manifestSwap(trade) } : {}),
    };
  });
}

function manifestSwap(trade: PlannedTrade): ManifestSwap {
  const swap = trade.swap!;
  return { price: trade.price.toFixed(), amount_in: swap.amountIn.toFixed(), amount_out: swap.amountOut.toFixed(), price_impact: swap.priceImpact.toFixed(), fee_rate: swap.feeRate.toFixed(), source: swap.source };
}

/** A sale's chosen lots dealt over its child orders in order, so each child names the lots it sells. */
function childLots(orders: readonly PlannedOrder[], taxes: PlanTaxes | undefined): Map<string, ManifestOrder['lots']> {
  const result = new Map<string, ManifestOrder['lots']>();
  const left = new Map<string, { lotId: string; quantity: Decimal }[]>();
  for (const order of orders) {
    if (order.side !== 'sell') continue;
    if (!left.has(order.tradeId)) left.set(order.tradeId, (taxes?.bySell.get(order.tradeId)?.lots ?? []).map((use) => ({ lotId: use.lotId, quantity: use.quantity })));
    const queue = left.get(order.tradeId)!;
    let need = order.quantity;
    const mine: ManifestOrder['lots'] = [];
    while (need.gt(ZERO) && queue.length > 0) {
      const head = queue[0]!;
      const take = Decimal.min(need, head.quantity);
      mine.push({ lot_id: head.lotId, quantity: take.toFixed() });
      head.quantity = head.quantity.minus(take);
      need = need.minus(take);
      if (head.quantity.lte(0)) queue.shift();
    }
    result.set(order.clientOrderId, mine);
  }
  return result;
}
