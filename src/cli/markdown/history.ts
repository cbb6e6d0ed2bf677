// rebalance_history as Markdown: one line per rebalance, then the rebalancing bonus and fees.
import type { historyJson } from '../render-history-json.js';
import { NO_HISTORY } from '../render-history.js';
import { dec, footer, money, signedPercent } from './common.js';

type HistoryJson = ReturnType<typeof historyJson>;
type Drift = HistoryJson['events'][number]['largest_drift_before'];
type Swap = HistoryJson['events'][number]['swaps'][number];

const minute = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;
const driftText = (drift: Drift) => (drift ? `${drift.asset ? `${drift.asset} ` : ''}${signedPercent(drift.drift)}` : '?');

/** A DEX leg of the run and its state: to sign, booked (tx, amounts moved, fee) or failed. */
function swapText(swap: Swap, cash: (value: string | null) => string): string {
  const what = `DEX swap ${swap.side} ${swap.quantity} ${swap.market.split('/')[0]} on ${swap.venue}`;
  if (swap.state === 'booked') {
    const gain = swap.realised_gain === null ? '' : `, realised gain ${cash(swap.realised_gain)}`;
    return `${what}: **booked**, tx \`${swap.transaction}\`, ${swap.amount_in} ${swap.token_in} → ${swap.amount_out} ${swap.token_out}, fee ${cash(swap.fee)}, network fee ${swap.network_fee} ${swap.network_fee_asset}${gain}`;
  }
  if (swap.state === 'failed') return `${what}: **failed**${swap.failure ? `, tx \`${swap.failure.transaction}\`: ${swap.failure.reason}` : ''}`;
  return `${what}: **to sign** (quoted ${swap.quoted_amount_in} ${swap.token_in} → ${swap.quoted_amount_out} ${swap.token_out}; book it with \`kit rebalance swaps record ${swap.client_order_id} --tx <hash>\`)`;
}

export function historyMarkdown(history: HistoryJson): string {
  if (history.total_events === 0) return [NO_HISTORY, '', footer(history)].join('\n');
  const cash = (value: string | null) => (value === null ? '?' : money(value, history.currency));
  const shown = history.shown < history.total_events ? ` (the latest ${history.shown})` : '';
  const out = [`📜 Rebalance history: ${history.total_events} event${history.total_events === 1 ? '' : 's'}${shown}`, ''];
  for (const event of history.events) {
    const filled = event.orders.filter((order) => order.status === 'filled').length;
    out.push(
      `- **${minute(event.date)}** ${event.strategy}${event.trigger ? ` (${event.trigger})` : ''}, ${event.status}: ${event.orders.length} order${event.orders.length === 1 ? '' : 's'} (${filled} filled), turnover ${cash(event.turnover)}, fees ${cash(event.fees)}, largest drift ${driftText(event.largest_drift_before)} → ${driftText(event.largest_drift_after)}${event.figures_partial ? ` (fees and realised gain partial: ${event.swaps_to_sign} DEX swap${event.swaps_to_sign === 1 ? '' : 's'} still to sign)` : ''}`,
      ...event.swaps.map((swap) => `  - ${swapText(swap, cash)}`),
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
