// rebalance_history as Markdown: one line per rebalance, then the rebalancing bonus and fees.
import type { historyJson } from '../render-history-json.js';
import { NO_HISTORY } from '../render-history.js';
import { dec, footer, money, signedPercent } from './common.js';

type HistoryJson = ReturnType<typeof historyJson>;
type Drift = HistoryJson['events'][number]['largest_drift_before'];

const minute = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;
const driftText = (drift: Drift) => (drift ? `${drift.asset ? `${drift.asset} ` : ''}${signedPercent(drift.drift)}` : '?');

export function historyMarkdown(history: HistoryJson): string {
  if (history.total_events === 0) return [NO_HISTORY, '', footer(history)].join('\n');
  const cash = (value: string | null) => (value === null ? '?' : money(value, history.currency));
  const shown = history.shown < history.total_events ? ` (the latest ${history.shown})` : '';
  const out = [`📜 Rebalance history: ${history.total_events} event${history.total_events === 1 ? '' : 's'}${shown}`, ''];
  for (const event of history.events) {
    const filled = event.orders.filter((order) => order.status === 'filled').length;
    out.push(
      `- **${minute(event.date)}** ${event.strategy}${event.trigger ? ` (${event.trigger})` : ''}, ${event.status}: ${event.orders.length} order${event.orders.length === 1 ? '' : 's'} (${filled} filled), turnover ${cash(event.turnover)}, fees ${cash(event.fees)}, largest drift ${driftText(event.largest_drift_before)} → ${driftText(event.largest_drift_after)}`,
    );
  }
  const { performance } = history;
  out.push('', `Fees paid in all: ${cash(performance.total_fees)}`);
  if (performance.bonus) {
    const bonus = dec(performance.bonus.bonus);
    const share = performance.bonus.fraction ? ` (${signedPercent(performance.bonus.fraction)})` : '';
    out.push(`Rebalancing ${bonus.isNegative() ? 'cost' : 'bonus'} against holding the first snapshot: ${cash(bonus.abs().toFixed())}${share}`);
  }
  out.push(...performance.notes.map((note) => `ℹ️ ${note}`));
  out.push('', footer(history));
  return out.join('\n');
}
