// The human rendering of a status report: the seed's drift table (pinned targets marked), the
// threshold warning, the total and the high-water mark, what to do about it, and (with
// --by-venue) where every holding sits.
import { formatInstant, formatMoney, formatPercent, formatQuantity, formatSignedPercent } from '../format.js';
import { renderTable } from './table.js';
import type { DriftReport, DriftRow } from '../drift-detector.js';
import type { StatusReport } from '../rebalancer.js';
import { ZERO, type Decimal } from '../money.js';

export interface RenderStatusOptions {
  byVenue: boolean;
  currency: string;
  sourceNote: string;
}

const NOTES: Record<DriftRow['status'], string | undefined> = {
  overweight: '← Overweight',
  underweight: '← Underweight',
  within: undefined,
  untargeted: '← Untargeted (never sold by default)',
};

export function renderStatus(report: StatusReport, options: RenderStatusOptions): string {
  const out: string[] = ['📊 Portfolio Drift Analysis', options.sourceNote, `As of ${formatInstant(report.asOf)}${report.targetsSource === 'ledger' ? '; targets set with kit rebalance set-target' : ''}`, ''];
  const { drift } = report;
  const errors = report.diagnostics.filter((d) => d.severity === 'error');
  const others = report.diagnostics.filter((d) => d.severity !== 'error');

  const mark = highWaterLine(report, options.currency);
  if (!drift) {
    out.push('Drift cannot be computed:', ...errors.map((d) => `✖ ${d.message}`));
    if (mark) out.push('', mark);
    if (others.length > 0) out.push('', ...others.map((d) => `⚠️ ${d.message}`));
    return out.join('\n');
  }

  out.push('Current vs Target:', driftTable(drift, report.pinnedTargets));
  if (report.pinnedTargets.size > 0) out.push(PINNED_NOTE);
  out.push('');
  const venuesOk = report.snapshot.venues.filter((v) => v.ok).length;
  out.push(`Total value: ${formatMoney(drift.totalValue, options.currency)} across ${venuesOk} venue${venuesOk === 1 ? '' : 's'}`);
  if (mark) out.push(mark);

  if (errors.length > 0) out.push('', ...errors.map((d) => `✖ ${d.message}`));
  if (others.length > 0) out.push('', ...others.map((d) => `${d.severity === 'info' ? 'ℹ️' : '⚠️'} ${d.message}`));

  out.push('');
  out.push(...verdict(report, drift, options.currency));

  if (options.byVenue) out.push('', 'By venue:', renderByVenue(report, options.currency));
  return out.join('\n');
}

/** What the figures say, and what to do: nothing is recommended on incomplete figures. */
function verdict(report: StatusReport, drift: DriftReport, currency: string): string[] {
  // An empty or untargeted portfolio has no drift to speak of; its notes above say why.
  if (drift.empty || !drift.rows.some((row) => row.target)) return [];
  const threshold = thresholdText(drift.threshold);
  if (drift.breaches.length === 0) return [report.bandsInForce ? '✅ Every asset is within its band.' : `✅ Every asset is within the ${threshold} drift threshold.`];
  const one = drift.breaches.length === 1;
  // The seed's words for the threshold ("BTC exceeds 5% drift threshold."); bands are named as such.
  const head = report.bandsInForce ? `${one ? 'is outside its band' : 'are outside their bands'}` : `${one ? 'exceeds' : 'exceed'} ${threshold} drift threshold`;
  const out = [`⚠️ ${joinNames(drift.breaches)} ${head}.`];
  if (!report.complete) return [...out, '', 'No recommended actions: the figures are incomplete (see above), and nothing should be traded on them.'];
  out.push('', 'Recommended actions:');
  for (const row of drift.rows.filter((r) => drift.breaches.includes(r.asset))) {
    const gap = row.target!.times(drift.totalValue).minus(row.value);
    out.push(`- ${gap.isNegative() ? 'Reduce' : 'Add to'} ${row.asset} by about ${formatMoney(gap.abs(), currency, 0)} to reach its ${formatPercent(row.target!)} target.`);
  }
  return out;
}

const PINNED_NOTE = '* pinned: set with kit rebalance set-target, kept when other targets change (kit rebalance reset-targets unpins).';

/** The seed's table: Asset, Current, Target (* when pinned), Drift, and a note on rows outside the threshold. */
export function driftTable(drift: DriftReport, pinned: ReadonlySet<string> = new Set()): string {
  const target = (row: DriftRow) => (row.target ? `${formatPercent(row.target)}${pinned.has(row.asset) ? '*' : ''}` : '—');
  return renderTable(
    ['Asset', 'Current', 'Target', 'Drift'],
    drift.rows.map((row) => [row.asset, formatPercent(row.weight), target(row), row.drift ? formatSignedPercent(row.drift) : '—']),
    drift.rows.map((row) => NOTES[row.status]),
    { minWidth: 7 },
  );
}

export function thresholdText(threshold: Decimal): string {
  return formatPercent(threshold, 2).replace(/\.?0+%$/, '%');
}

/** The drawdown high-water mark, when drawdown protection is configured. */
function highWaterLine(report: StatusReport, currency: string): string | undefined {
  const protection = report.drawdownProtection;
  if (!protection) return undefined;
  const from = `drawdown protection acts from ${thresholdText(protection.reduceAt)}`;
  const mark = protection.highWater;
  if (!mark) return `High-water mark: none yet; the next complete, fresh status takes one (${from} below it).`;
  const below = report.drawdown ? `; the portfolio is ${formatPercent(report.drawdown.value)} below it` : '';
  return `High-water mark: ${formatMoney(mark.value, currency)} of ${mark.at.toISOString().slice(0, 10)}${below} (${from}).`;
}

function renderByVenue(report: StatusReport, currency: string): string {
  const drift = report.drift!;
  const rows: string[][] = [];
  for (const venue of report.snapshot.venues) {
    const parts = drift.rows.flatMap((row) => row.parts.filter((part) => part.venue === venue.id));
    const kind = `${venue.kind}${venue.capabilities.trade ? '' : ', read-only'}`;
    if (!venue.ok) {
      rows.push([venue.id, kind, '—', '—', '—', 'no answer', '—']);
      continue;
    }
    for (const part of parts.sort((a, b) => b.value.cmp(a.value))) {
      rows.push([venue.id, kind, part.asset, formatQuantity(part.quantity), formatMoney(part.price, currency), formatMoney(part.value, currency), share(part.value, drift.totalValue)]);
    }
    if (parts.length === 0) rows.push([venue.id, kind, '—', '0', '—', formatMoney(ZERO, currency), '0.0%']);
  }
  return renderTable(['Venue', 'Kind', 'Asset', 'Quantity', 'Price', 'Value', 'Weight'], rows, [], { alignRight: [3, 4, 5, 6] });
}

function share(value: Decimal, total: Decimal): string {
  return total.isZero() ? '0.0%' : formatPercent(value.div(total));
}

function joinNames(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
