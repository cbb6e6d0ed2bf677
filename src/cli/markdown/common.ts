// Pieces every tool's Markdown uses. Tables stay the seed's box-drawn ones, inside a code fence:
// chat clients (Telegram, Discord, Slack, Claude Desktop) render a fence in a monospace font,
// which is what keeps the columns lined up; outside a fence they are mangled.
import { formatInstant, formatMoney, formatPercent, formatSignedPercent } from '../../format.js';
import { Decimal } from '../../money.js';

export const FENCE = '```';

export function fenced(block: string): string {
  return `${FENCE}\n${block}\n${FENCE}`;
}

/** A decimal string from the JSON back to a Decimal (the JSON never holds NaN). */
export const dec = (text: string): Decimal => new Decimal(text);

export const percent = (fraction: string): string => formatPercent(dec(fraction));
export const signedPercent = (fraction: string): string => formatSignedPercent(dec(fraction));
export const money = (value: string, currency: string, places = 2): string => formatMoney(dec(value), currency, places);
export const instant = (iso: string): string => formatInstant(new Date(iso));

/** The seed's threshold wording: "5%", "2.5%". */
export const thresholdText = (fraction: string): string => formatPercent(dec(fraction), 2).replace(/\.?0+%$/, '%');

const ICON = { error: '✖', warning: '⚠️', info: 'ℹ️' } as const;

export function diagnosticLines(diagnostics: readonly { severity: keyof typeof ICON; message: string }[]): string[] {
  return diagnostics.map((d) => `${ICON[d.severity]} ${d.message}`);
}

/** The closing line: where the figures come from, in italics so it reads as a footnote. */
export function footer(parts: { as_of?: string; source: string; demo: boolean }, extra: readonly string[] = []): string {
  const from = parts.demo ? 'the embedded demo portfolio' : `config ${parts.source}`;
  return `_${[...extra, parts.as_of ? `as of ${instant(parts.as_of)}` : undefined, from].filter(Boolean).join(' · ')}_`;
}

export function joinNames(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
