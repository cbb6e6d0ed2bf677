// A target change as a before/after table, for `set-target`, `remove-target` and `reset-targets`,
// with the pins it leaves and any warning.
import { formatPercent } from '../format.js';
import type { Decimal } from '../money.js';
import type { TargetChangeResult } from '../targets/set-target.js';
import { renderTable } from './table.js';

const SAVED = "Saved in the ledger; they apply over the config's targets from now on.";

export interface TargetTable {
  before: ReadonlyMap<string, Decimal>;
  after: ReadonlyMap<string, Decimal>;
  pinned?: ReadonlySet<string> | undefined;
  warnings?: readonly string[] | undefined;
}

export function renderTargetChange(change: TargetTable, headline: string, footer = SAVED): string {
  const assets = [...new Set([...change.before.keys(), ...change.after.keys()])];
  const rows = assets.map((asset) => {
    const before = change.before.get(asset);
    const after = change.after.get(asset);
    return [asset, before ? formatPercent(before, 2) : '—', after ? formatPercent(after, 2) : 'removed'];
  });
  const out = [headline, renderTable(['Asset', 'Before', 'After'], rows, [], { minWidth: 7 }), footer];
  if (change.pinned && change.pinned.size > 0) {
    out.push(`Pinned (kept when other targets change): ${[...change.pinned].join(', ')}. kit rebalance reset-targets goes back to the config's targets.`);
  }
  for (const warning of change.warnings ?? []) out.push(`⚠️ ${warning}`);
  return out.join('\n');
}

/** What a change did to the other targets of `asset`: all rescaled, only the unpinned ones, or none. */
export function rescaleNote(change: TargetChangeResult, asset: string, verb: 'rescaled' | 'scaled up'): string {
  const others = [...change.after.keys()].filter((key) => key !== asset && change.before.has(key));
  const kept = others.filter((key) => !change.rescaled.includes(key) && change.pinned.has(key));
  if (change.rescaled.length === 0) return kept.length > 0 && kept.length === others.length ? `the pinned ${list(kept)} kept` : 'the others unchanged';
  if (kept.length === 0) return `the others ${verb} in proportion`;
  return `the unpinned ${list(change.rescaled)} ${verb} in proportion; the pinned ${list(kept)} kept`;
}

function list(assets: readonly string[]): string {
  return assets.length <= 1 ? (assets[0] ?? '') : `${assets.slice(0, -1).join(', ')} and ${assets[assets.length - 1]}`;
}

