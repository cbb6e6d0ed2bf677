// portfolio_status as Markdown: the seed's "📊 Portfolio Drift Analysis" with its drift table,
// the threshold warning in the seed's words, and what to do about it.
import type { StatusJson } from '../status-json.js';
import { renderTable } from '../table.js';
import { dec, diagnosticLines, fenced, footer, joinNames, money, percent, signedPercent, thresholdText } from './common.js';

const NOTES: Record<StatusJson['assets'][number]['status'], string | undefined> = {
  overweight: '← Overweight',
  underweight: '← Underweight',
  within: undefined,
  untargeted: '← Untargeted (never sold by default)',
};

export function driftTableMarkdown(assets: StatusJson['assets'], pinned: readonly string[] = []): string {
  return fenced(
    renderTable(
      ['Asset', 'Current', 'Target', 'Drift'],
      assets.map((a) => [a.asset, percent(a.weight), a.target ? `${percent(a.target)}${pinned.includes(a.asset) ? '*' : ''}` : '—', a.drift ? signedPercent(a.drift) : '—']),
      assets.map((a) => NOTES[a.status]),
      { minWidth: 7 },
    ),
  );
}

/** The warning line, or the all-clear; undefined when there is nothing to judge (no targets). */
export function verdictLine(status: StatusJson): string | undefined {
  if (!status.assets.some((a) => a.target)) return undefined;
  const threshold = thresholdText(status.drift_threshold);
  // A breach within the threshold means bands are in force (band strategy): say band, not threshold.
  const bands = status.assets.some((a) => status.breaches.includes(a.asset) && a.drift !== null && dec(a.drift).abs().lte(dec(status.drift_threshold)));
  if (status.breaches.length === 0) return `✅ Every asset is within the ${threshold} drift threshold.`;
  const one = status.breaches.length === 1;
  const verb = bands ? (one ? 'is outside its band' : 'are outside their bands') : `${one ? 'exceeds' : 'exceed'} ${threshold} drift threshold`;
  return `⚠️ ${joinNames(status.breaches)} ${verb}.`;
}

/** The drift section shared by the tool and `kit ask`: heading, table, problems, verdict. */
export function driftSection(status: StatusJson): string[] {
  const out = ['📊 Portfolio Drift Analysis', ''];
  const errors = status.diagnostics.filter((d) => d.severity === 'error');
  if (status.total_value === null) return [...out, 'Drift cannot be computed:', ...diagnosticLines(errors)];
  out.push('Current vs Target:', driftTableMarkdown(status.assets, status.targets_pinned));
  const notes = diagnosticLines([...errors, ...status.diagnostics.filter((d) => d.severity !== 'error')]);
  if (notes.length > 0) out.push('', ...notes);
  const verdict = verdictLine(status);
  if (verdict) out.push('', verdict);
  return out;
}

export function statusMarkdown(status: StatusJson): string {
  const out = driftSection(status);
  if (status.total_value !== null && status.breaches.length > 0) {
    if (!status.complete) out.push('', 'No recommended actions: the figures are incomplete, and nothing should be traded on them.');
    else {
      out.push('', 'Recommended actions:');
      const total = dec(status.total_value);
      for (const a of status.assets.filter((row) => status.breaches.includes(row.asset) && row.target)) {
        const gap = dec(a.target!).times(total).minus(dec(a.value));
        out.push(`- ${gap.isNegative() ? 'Reduce' : 'Add to'} ${a.asset} by about ${money(gap.abs().toFixed(), status.currency, 0)} to reach its ${percent(a.target!)} target.`);
      }
    }
  }
  const venues = status.venues.filter((v) => v.ok).length;
  out.push('', footer({ as_of: status.as_of, source: status.config_source, demo: status.demo }, status.total_value === null ? [] : [`total ${money(status.total_value, status.currency)} across ${venues} venue${venues === 1 ? '' : 's'}`]));
  return out.join('\n');
}
