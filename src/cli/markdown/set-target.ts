// rebalance_set_target as Markdown: the targets before and after, the pinned ones marked.
import { renderTable } from '../table.js';
import { fenced, percent } from './common.js';

export interface SetTargetJson {
  before: Record<string, string>;
  after: Record<string, string>;
  pinned: string[];
  warnings: string[];
}

export function setTargetMarkdown(result: SetTargetJson): string {
  const assets = [...new Set([...Object.keys(result.after), ...Object.keys(result.before)])];
  const cell = (value: string | undefined) => (value === undefined ? '—' : percent(value));
  const rows = assets.map((asset) => [asset, cell(result.before[asset]), `${cell(result.after[asset])}${result.pinned.includes(asset) ? '*' : ''}`]);
  return [
    '🎯 Targets updated',
    '',
    fenced(renderTable(['Asset', 'Before', 'After'], rows, assets.map((asset) => (result.before[asset] !== result.after[asset] ? '← changed' : undefined)), { minWidth: 6 })),
    '* pinned: kept when other targets change.',
    ...result.warnings.map((warning) => `⚠️ ${warning}`),
  ].join('\n');
}
