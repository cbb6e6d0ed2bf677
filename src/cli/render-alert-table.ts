// The seed's drift table (Asset, Current, Target, Drift, and a note on rows outside their band)
// as a Markdown table, which Telegram, Discord, Slack and K.I.T.'s chat all show as a table.
import type { DriftReport, DriftRow } from '../drift-detector.js';
import { formatPercent, formatSignedPercent } from '../format.js';

const NOTES: Record<DriftRow['status'], string> = { overweight: '← Overweight', underweight: '← Underweight', within: '', untargeted: '← Untargeted' };

/** `|` in a cell would end it early. */
const cell = (text: string) => text.replace(/\|/g, '\\|');

export function markdownDriftTable(drift: DriftReport): string {
  const lines = ['| Asset | Current | Target | Drift | |', '|:--|--:|--:|--:|:--|'];
  for (const row of drift.rows) {
    const target = row.target ? formatPercent(row.target) : '—';
    const shift = row.drift ? formatSignedPercent(row.drift) : '—';
    lines.push(`| ${cell(row.asset)} | ${formatPercent(row.weight)} | ${target} | ${shift} | ${NOTES[row.status]} |`);
  }
  return lines.join('\n');
}
