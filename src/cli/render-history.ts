// `kit rebalance history` for a person: the events as a table with each one's orders under it,
// then the performance: value over time as a text chart, cumulative fees, the rebalancing bonus.
import { formatMoney, formatPercent, formatSignedPercent } from '../format.js';
import type { Decimal } from '../money.js';
import type { HistoryEvent, LargestDrift, Performance, RebalanceHistory } from '../rebalancer.js';
import { swapsToSign } from '../rebalancer/history/event-swaps.js';
import { renderLineChart } from './render-history-chart.js';
import { swapLines } from './render-history-swaps.js';
import { renderTable } from './table.js';

export interface HistoryRenderOptions {
  currency: string;
  sourceNote?: string | undefined;
}

export const NO_HISTORY = 'No rebalances recorded yet. Each `kit rebalance execute` run is recorded here; `kit rebalance preview` shows what one would do now.';

const minute = (at: Date) => at.toISOString().slice(0, 16).replace('T', ' ');
const driftText = (drift: LargestDrift | undefined) => (drift ? `${drift.asset ? `${drift.asset} ` : ''}${formatSignedPercent(drift.drift)}` : '-');

export function renderHistory(history: RebalanceHistory, options: HistoryRenderOptions): string {
  if (history.total === 0) return [NO_HISTORY, ...(options.sourceNote ? [options.sourceNote] : [])].join('\n');
  const shown = history.events.length < history.total ? ` (the latest ${history.events.length}; --limit N for more)` : '';
  return [
    `📜 Rebalance history: ${history.total} event${history.total === 1 ? '' : 's'}${shown}, times in UTC`,
    ...(options.sourceNote ? [options.sourceNote] : []),
    '',
    eventTable(history.events, options.currency),
    '',
    ...history.events.flatMap((event) => [...orderLines(event), ...swapLines(event, options.currency)]),
    ...renderPerformance(history.performance, options.currency),
  ].join('\n');
}

function eventTable(events: readonly HistoryEvent[], currency: string): string {
  const money = (value: Decimal | undefined) => (value ? formatMoney(value, currency) : '-');
  const rows = events.map((event) => {
    const filled = event.orders.filter((order) => order.status === 'filled').length;
    // Swaps still to sign are not in the figures yet: marked, and said under the table.
    const partial = (value: Decimal | undefined) => `${money(value)}${swapsToSign(event) > 0 && value ? ' (partial)' : ''}`;
    return [
      minute(event.at),
      event.trigger ?? '-',
      event.strategy,
      event.status,
      event.orders.length === 0 ? '0' : `${event.orders.length} (${filled} filled)`,
      money(event.turnover),
      partial(event.fees),
      `${driftText(event.driftBefore)} → ${driftText(event.driftAfter)}`,
      partial(event.realisedGain),
    ];
  });
  return renderTable(['Date', 'Trigger', 'Strategy', 'Status', 'Orders', 'Turnover', 'Fees', 'Largest drift', 'Realised gain'], rows, [], { alignRight: [4, 5, 6, 8] });
}

/** Each order of an event; prices and fees in the market's quote asset, as the venue reported them. */
function orderLines(event: HistoryEvent): string[] {
  if (event.orders.length === 0) return [];
  return [
    `${minute(event.at)} orders:`,
    ...event.orders.map((order) => {
      const fill = order.filled ? `filled ${order.filled.toFixed()}` : 'filled ?';
      const price = order.average_price ? ` at ${order.average_price.toFixed()}` : '';
      const fee = order.fee ? `, fee ${order.fee.toFixed()}` : '';
      return `  ${order.side} ${order.quantity.toFixed()} ${order.asset} on ${order.venue}: ${fill}${price}${fee} (${order.status})`;
    }),
    '',
  ];
}

function renderPerformance(performance: Performance, currency: string): string[] {
  const since = performance.values[0]?.at.toISOString().slice(0, 10) ?? '';
  const heldSeries = performance.bonusSeries.map((point) => ({ at: point.at, value: point.held }));
  const chart = renderLineChart(
    [
      { mark: '●', label: 'portfolio value', points: performance.values },
      ...(heldSeries.length > 0 ? [{ mark: '○', connector: '-', label: 'first snapshot held unchanged', points: heldSeries }] : []),
    ],
    { formatValue: (value) => formatMoney(value, currency, 0) },
  );
  const lines = [`Performance since ${since}`, '', 'Portfolio value:', ...(chart ? [chart, ''] : [])];
  lines.push(`Cumulative fees: ${formatMoney(performance.totalFees, currency)}.`);
  const { bonus, baseline } = performance;
  if (bonus && baseline) {
    const signed = `${bonus.bonus.isNegative() ? '-' : '+'}${formatMoney(bonus.bonus.abs(), currency)}`;
    const share = bonus.fraction ? ` (${bonus.fraction.isNegative() ? '' : '+'}${formatPercent(bonus.fraction, 2)})` : '';
    lines.push(
      `Rebalancing bonus against holding the ${baseline.at.toISOString().slice(0, 10)} snapshot unchanged: ${signed}${share} at ${bonus.at.toISOString().slice(0, 10)}` +
        ` (${formatMoney(bonus.actual, currency)} actual, ${formatMoney(bonus.held, currency)} held). Deposits and withdrawals between events count in it.`,
    );
  }
  return [...lines, ...performance.notes.map((note) => `Note: ${note}`)];
}
