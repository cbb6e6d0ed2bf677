// An alert as the user reads it on a phone: the seed's "Portfolio Drift Analysis" (the drift
// table in Markdown, what crossed, what cleared), the recommended trades from the preview, and
// what auto_execute did or why it did not. Nothing is recommended on incomplete figures.
import type { Notification, Severity } from '../ports.js';
import { formatMoney, formatQuantity } from '../format.js';
import type { TaxedPreview } from '../rebalancer.js';
import type { ClearedNote, Condition } from '../rebalancer/heartbeat/types.js';
import { markdownDriftTable } from './render-alert-table.js';
import { thresholdText } from './render-status.js';

export interface AlertContent {
  at: Date;
  preview: TaxedPreview;
  currency: string;
  /** Conditions alerted now, ends told now, and every condition still open. */
  fire: readonly Condition[];
  cleared: readonly ClearedNote[];
  active: readonly Condition[];
  /** A calendar slot being run: "weekly on Monday at 09:00 (America/New_York)". */
  scheduled?: string | undefined;
  /** What auto_execute did, or why it did not, in a sentence or two. */
  execution?: string | undefined;
}

const URGENT = new Set(['venue', 'drawdown']);

export function renderAlert(content: AlertContent): Notification {
  const { fire, cleared, active, scheduled } = content;
  const severity: Severity = fire.some((c) => URGENT.has(c.kind)) ? 'critical' : fire.length > 0 || scheduled ? 'warning' : 'info';
  const title = scheduled ? `📅 Scheduled rebalance (${scheduled})` : fire.length > 0 ? `⚖️ Portfolio alert: ${fire.map(label).join(', ')}` : '✅ Portfolio back within bands';
  const dedupeKey = scheduled ? `calendar:${content.at.toISOString()}` : `heartbeat:${[...fire.map((c) => c.key), ...cleared.map((c) => `cleared:${c.key}`)].join(',')}:${content.at.toISOString()}`;
  return { title, body: alertBody(content), severity, at: content.at, dedupeKey };
}

/** How a condition reads in a title: "BTC", "BTC limit", "kraken down". */
function label(condition: Condition): string {
  const [kind, name = ''] = condition.key.split(/:(.*)/s);
  switch (kind) {
    case 'drift':
      return name;
    case 'exposure':
      return `${name} limit`;
    case 'venue':
      return `${name} down`;
    default:
      return condition.kind;
  }
}

function alertBody(content: AlertContent): string {
  const { preview, fire, cleared, active } = content;
  const drift = preview.status.drift;
  const notes: string[] = [];
  if (drift && drift.breaches.length > 0 && !preview.status.bandsInForce) {
    notes.push(`⚠️ ${joinNames(drift.breaches)} ${drift.breaches.length === 1 ? 'exceeds' : 'exceed'} ${thresholdText(drift.threshold)} drift threshold.`);
  }
  for (const condition of fire.filter((c) => c.kind !== 'drift' || preview.status.bandsInForce)) notes.push(`⚠️ ${condition.message}`);
  for (const note of cleared) notes.push(clearedLine(note, drift?.threshold ? thresholdText(drift.threshold) : undefined));
  if (cleared.some((c) => c.kind === 'drift') && !active.some((c) => c.kind === 'drift')) notes.push('✅ Every asset is back within its band.');
  const still = active.filter((c) => !fire.some((f) => f.key === c.key) && c.kind !== 'drift');
  // Sections, each once and in the seed's order, separated by one blank line.
  const sections = [
    '📊 Portfolio Drift Analysis',
    drift ? `Current vs Target:\n${markdownDriftTable(drift)}` : '',
    notes.join('\n'),
    still.length > 0 ? ['Still open:', ...still.map((c) => `- ${c.message}`)].join('\n') : '',
    tradeLines(content).join('\n'),
    content.execution ?? '',
  ];
  return sections.filter((section) => section !== '').join('\n\n');
}

function clearedLine(note: ClearedNote, threshold: string | undefined): string {
  const what = note.kind === 'drift' ? `${note.key.slice('drift:'.length)} is back within ${threshold ? `the ${threshold} drift threshold` : 'its band'}` : `Cleared: ${note.message}`;
  return note.alerted ? `✅ ${what}.` : `ℹ️ During quiet hours (from ${note.since.slice(11, 16)} UTC): ${note.message} It has since cleared.`;
}

function tradeLines(content: AlertContent): string[] {
  const { preview, fire, scheduled, currency } = content;
  const wantsTrades = scheduled !== undefined || fire.some((c) => c.kind === 'drift' || c.kind === 'exposure' || c.kind === 'drawdown');
  if (!wantsTrades) return [];
  const plan = preview.plan;
  if (!preview.status.complete || !plan) return ['No recommended trades: the figures are incomplete (a venue did not answer or a price is missing), and nothing should be traded on them.'];
  if (plan.trades.length === 0) return ['No trades are recommended now (nothing worth trading passes the minimums and limits; `kit rebalance preview` says why).'];
  const out = ['Recommended trades:'];
  for (const trade of plan.trades) {
    out.push(`- ${trade.side === 'buy' ? 'Buy' : 'Sell'} ${formatQuantity(trade.quantity)} ${trade.asset} (${formatMoney(trade.value, currency, 0)}) on ${trade.venueLabel}`);
  }
  if (!content.execution) out.push('', 'Execute rebalance? Yes: `kit rebalance execute` · Preview: `kit rebalance preview`');
  return out;
}

/** "BTC", "BTC and ETH", "BTC, ETH and SOL", as the status output names them. */
function joinNames(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
