// `kit rebalance execute` for people: in a terminal, a progress line per order event as it happens
// and a final table; in a pipe, the same facts as plain lines, one per leg.
import { formatMoney, formatQuantity } from '../format.js';
import { Decimal } from '../money.js';
import type { ExecuteResult, LegOutcome, ProgressEvent } from '../rebalancer.js';
import { swapsSummary } from './render-swaps.js';
import { renderTable } from './table.js';

const STATUS_TEXT: Record<LegOutcome['status'], string> = {
  filled: 'filled',
  partly_filled: 'partly filled',
  failed: 'failed',
  cancelled: 'cancelled',
  pending_transfer: 'pending a manual transfer',
  unknown: 'unknown (looked up on the next run)',
  planned: 'planned (not sent)',
};

export function progressLine(event: ProgressEvent): string {
  const { order } = event;
  const what = `${order.side} ${order.quantity} ${order.base} on ${order.venue} [${order.client_order_id}]`;
  switch (event.kind) {
    case 'retry':
      return `… ${what}: ${event.detail}; retrying in ${event.waitMs} ms`;
    case 'found':
      return `? ${what}: found at the venue (${event.detail ?? ''})`;
    case 'not_found':
      return `? ${what}: not at the venue`;
    default:
      return `${event.kind === 'failed' ? '✗' : event.kind === 'filled' ? '✓' : '→'} ${what}: ${event.kind.replace('_', ' ')}${event.detail ? ` (${event.detail})` : ''}`;
  }
}

function headline(result: ExecuteResult, currency: string): string[] {
  const lines = [`Run ${result.runId ?? '-'} via the ${result.router} router: ${result.kind === 'resumed' ? 'resumed an interrupted run, ' : ''}${result.status ?? result.kind}`];
  if (result.kind === 'executed' || result.kind === 'resumed') lines.push(`Fees ${formatMoney(result.fees, currency, 2)}; realised gain ${formatMoney(result.realisedGain, currency, 2)}`);
  if (result.before) lines.push(`Value before ${formatMoney(new Decimal(result.before.total_value), currency, 2)}${result.after ? `, after ${formatMoney(new Decimal(result.after.total_value), currency, 2)}` : ''}`);
  const drift = (s: ExecuteResult['before']) => (s?.largest_drift ? `${s.largest_drift.asset} ${new Decimal(s.largest_drift.drift).times(100).toFixed(1)}%` : '-');
  if (result.after) lines.push(`Largest drift before ${drift(result.before)}, after ${drift(result.after)}`);
  return lines;
}

const legCells = (leg: LegOutcome) => [leg.venue, leg.market, leg.side, leg.quantity, leg.filled, leg.average_price ?? '-', leg.fee, STATUS_TEXT[leg.status]];

export function renderExecute(result: ExecuteResult, options: { currency: string; terminal: boolean }): string {
  const out = headline(result, options.currency);
  for (const refusal of result.refusals) out.push(`Not executed: ${refusal.message}`);
  if (result.orders.length > 0) {
    out.push('');
    if (options.terminal) {
      out.push(renderTable(['Venue', 'Market', 'Side', 'Quantity', 'Filled', 'Avg price', 'Fee', 'Status'], result.orders.map(legCells), result.orders.map((leg) => [leg.error, leg.resumed].filter(Boolean).join('; ') || undefined), { alignRight: [3, 4, 5, 6] }));
    } else {
      for (const leg of result.orders) {
        const extra = [leg.error && `error: ${leg.error}`, leg.resumed && `resume: ${leg.resumed}`].filter(Boolean).join('; ');
        out.push(`${leg.client_order_id || '-'} ${leg.venue} ${leg.market} ${leg.side} ${formatQuantity(new Decimal(leg.quantity))} filled ${leg.filled}${leg.average_price ? ` at ${leg.average_price}` : ''} fee ${leg.fee}: ${STATUS_TEXT[leg.status]}${extra ? ` (${extra})` : ''}`);
      }
    }
  }
  if (result.swaps && result.swaps.legs.length > 0) out.push('', ...swapsSummary(result.swaps));
  for (const d of result.diagnostics.filter((d) => d.severity !== 'info')) out.push(`${d.severity === 'error' ? '✗' : '⚠️'} ${d.message}`);
  if (result.kind === 'dry-run') out.push('', 'Dry run: nothing was sent.');
  if (result.kind === 'resumed') out.push('', 'The interrupted run is finished; run execute again to plan a new one.');
  return out.join('\n');
}
