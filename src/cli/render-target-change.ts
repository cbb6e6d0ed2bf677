// A target change as a before/after table, for `set-target` and `remove-target`.
import { formatPercent } from '../format.js';
import type { TargetChangeResult } from '../targets/set-target.js';
import { renderTable } from './table.js';

export function renderTargetChange(change: TargetChangeResult, headline: string): string {
  const assets = [...new Set([...change.before.keys(), ...change.after.keys()])];
  const rows = assets.map((asset) => {
    const before = change.before.get(asset);
    const after = change.after.get(asset);
    return [asset, before ? formatPercent(before, 2) : '—', after ? formatPercent(after, 2) : 'removed'];
  });
  return [headline, renderTable(['Asset', 'Before', 'After'], rows, [], { minWidth: 7 }), 'Saved in the ledger; they apply over the config\'s targets from now on.'].join('\n');
}
