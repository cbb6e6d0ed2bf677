// The human rendering of a rebalance preview: the drift table, the trades in the seed's words
// ("Sell 0.012 BTC ($1,182) on Binance"), manual transfers, the portfolio afterwards, fees,
// turnover, every diagnostic, and how to execute.
import type { Diagnostic } from '../diagnostics.js';
import { formatInstant, formatMoney, formatPercent, formatQuantity, formatSignedPercent } from '../format.js';
import { ZERO, type Decimal } from '../money.js';
import type { SellTax } from '../tax-optimizer.js';
import type { RebalancePlan } from '../planner.js';
import type { PlanTaxes } from '../rebalancer.js';
import { driftTable, thresholdText } from './render-status.js';
import { renderTable } from './table.js';
import { taxTotalLine } from './plan-tax-total.js';
import { swapLine } from './swap-line.js';

export type { PlanTaxes };

export interface RenderPlanOptions {
  currency: string;
  sourceNote: string;
  rebalanceTo: string;
  taxes?: PlanTaxes | undefined;
}

const ICON: Record<Diagnostic['severity'], string> = { error: '✖', warning: '⚠️', info: 'ℹ️' };

type Money = (value: Decimal, places?: number) => string;

export function renderPlan(plan: RebalancePlan, options: RenderPlanOptions): string {
  const money: Money = (value, places = 0) => formatMoney(value, options.currency, places);
  const out: string[] = [
    '⚖️ Rebalance Preview',
    options.sourceNote,
    `As of ${formatInstant(plan.createdAt)}; strategy ${describeStrategy(plan, options.rebalanceTo)}`,
    '',
  ];
  if (plan.strategy === 'tactical') out.push('Targets (base → tilted):', tiltTable(plan), '');
  out.push('Current vs Target:', driftTable(plan.before), '', `Total value: ${money(plan.before.totalValue, 2)}`, '');
  out.push(...tradeLines(plan, options, money));
  if (plan.trades.length > 0) out.push(...afterTrades(plan, options, money));
  if (plan.nextRun) out.push('', `Next scheduled run: ${formatInstant(plan.nextRun.at)}, ${plan.nextRun.schedule}`);

  const notes = plan.diagnostics.filter((d) => d.code !== 'plan.within_bands').sort((a, b) => order(a) - order(b));
  if (notes.length > 0) out.push('', 'Notes:', ...notes.map((d) => `${ICON[d.severity]} ${d.message}`));

  out.push('');
  if (!plan.executable) {
    out.push('⛔ This plan must not be executed: the data behind it is incomplete or stale (see the notes).');
  } else if (plan.trades.length > 0) {
    out.push('Nothing has been traded. To trade this plan: kit rebalance execute (it asks before sending; --dry-run shows the orders).');
  }
  return out.join('\n');
}

/** The tactical overlay's targets: base, tilted and the tilt. */
function tiltTable(plan: RebalancePlan): string {
  return renderTable(
    ['Asset', 'Base', 'Tilted', 'Tilt'],
    [...plan.targets].map(([asset, target]) => {
      const base = plan.baseTargets.get(asset);
      return [asset, base ? formatPercent(base) : '—', formatPercent(target), base ? formatSignedPercent(target.minus(base)) : '—'];
    }),
  );
}

/** The trades (each sale with its lots and tax) and the manual transfers they wait for. */
function tradeLines(plan: RebalancePlan, options: RenderPlanOptions, money: Money): string[] {
  const out: string[] = [];
  if (plan.trades.length === 0) {
    out.push(plan.before.breaches.length === 0 ? `✅ Nothing to trade: every asset is within its band (drift threshold ${thresholdText(plan.before.threshold)}).` : 'No trades are planned; the notes below say why.');
  } else {
    out.push('Recommended trades:');
    for (const trade of plan.trades) {
      const verb = trade.side === 'buy' ? 'Buy' : 'Sell';
      const limit = trade.limitPrice ? `, limit ${formatQuantity(trade.limitPrice)} ${trade.quote}` : '';
      const wait = trade.waitsFor ? ` after transfer ${trade.waitsFor}` : '';
      out.push(`- ${verb} ${formatQuantity(trade.quantity)} ${trade.asset} (${money(trade.value)}) on ${trade.venueLabel}${wait} [${trade.market}${limit}]`);
      if (trade.swap) out.push(`    ${swapLine({ ...trade, ...trade.swap })} (${trade.swap.source})`);
      const tax = options.taxes?.bySell.get(trade.id);
      if (tax) out.push(`    ${sellTaxLine(tax, (value) => money(value))}`);
    }
  }
  if (plan.transfers.length > 0) {
    out.push('', 'Transfers (manual steps, before the trades that wait for them):');
    for (const transfer of plan.transfers) {
      out.push(`- ${transfer.id}: move ${formatQuantity(transfer.amount)} ${transfer.asset} (${money(transfer.value)}) from ${transfer.from} to ${transfer.to}; ${transfer.reason}`);
    }
  }
  return out;
}

/** The weights after the trades, the fees, the turnover and the tax on the sales. */
function afterTrades(plan: RebalancePlan, options: RenderPlanOptions, money: Money): string[] {
  const now = new Map(plan.before.rows.map((row) => [row.asset, row.weight]));
  const out = [
    '',
    'After the trades:',
    renderTable(
      ['Asset', 'Now', 'After', 'Target', 'Drift'],
      plan.after.rows.map((row) => [row.asset, formatPercent(now.get(row.asset) ?? ZERO), formatPercent(row.weight), row.target ? formatPercent(row.target) : '—', row.drift ? formatSignedPercent(row.drift) : '—']),
      plan.after.rows.map((row) => (row.status === 'overweight' ? '← Still overweight' : row.status === 'underweight' ? '← Still underweight' : undefined)),
      { minWidth: 6 },
    ),
  ];
  const byVenue = [...plan.fees.byVenue].map(([venue, fee]) => `${venue} ${money(fee, 2)}`).join(', ');
  out.push('', `Estimated fees: ${money(plan.fees.total, 2)}${byVenue ? ` (${byVenue})` : ''}`);
  out.push(`Turnover: ${formatPercent(plan.turnover)} of the portfolio (${money(plan.turnover.times(plan.before.totalValue))})`);
  if (options.taxes && options.taxes.bySell.size > 0) {
    out.push(taxTotalLine(options.taxes, (value) => money(value)));
  }
  return out;
}

function sellTaxLine(tax: SellTax, money: (value: Decimal) => string): string {
  if (tax.unknown) return 'lots: none recorded; gain unknown, tax unknown (import the buys with kit portfolio import)';
  const lots = tax.lots
    .map((use) => (use.lotId === 'pool' ? `the pool's average cost for ${formatQuantity(use.quantity)}` : `${use.lotId} ${formatQuantity(use.quantity)} (${use.term}, bought ${use.acquiredAt.toISOString().slice(0, 10)})`))
    .join(', ');
  const terms = [...new Set(tax.lots.map((use) => use.term))].join('/');
  const gain = tax.gain.isNegative() ? `loss ${money(tax.gain.neg())}` : `gain ${money(tax.gain)}`;
  const cost = tax.tax.isNegative() ? `saves about ${money(tax.tax.neg())}` : `tax about ${money(tax.tax)}`;
  return `lots: ${lots || 'none recorded'}; ${gain} (${terms || 'unknown'}); ${cost}${tax.uncovered ? '; part of it has no recorded lot, so the tax on that part is unknown' : ''}`;
}

function order(diagnostic: Diagnostic): number {
  return diagnostic.severity === 'error' ? 0 : diagnostic.severity === 'warning' ? 1 : 2;
}

function describeStrategy(plan: RebalancePlan, rebalanceTo: string): string {
  const threshold = thresholdText(plan.before.threshold);
  const base = {
    threshold: `threshold (trade what drifts more than ${threshold}, back to ${rebalanceTo.replace('_', ' ')})`,
    band: `band (trade what leaves its band, back to ${rebalanceTo.replace('_', ' ')})`,
    calendar: 'calendar (the whole portfolio back to target at each scheduled run)',
    'cash-flow': 'cash-flow (buys only, with the cash above its target and reserve)',
  }[plan.baseStrategy];
  return plan.strategy === 'tactical' ? `tactical overlay on ${base}` : base;
}
