// The targets in force (a set saved by `set-target` wins over the config's, and says where the
// config's differ) and the use-cases that change them: one target set or removed, the unpinned
// others rescaled, the change journaled in the ledger. Each change reads the saved set and writes
// the new one in ONE ledger transaction, so parallel `kit` runs apply one after another.
import type { Config } from '../config.js';
import type { Diagnostic } from '../diagnostics.js';
import { ZERO, type Decimal } from '../money.js';
import type { Ledger } from '../ports.js';
import { unknownAssetWarning } from '../targets/asset-check.js';
import { assetSymbol, removeTarget, setTarget, type TargetChangeOptions, type TargetChangeResult } from '../targets/set-target.js';
import { snapshotFor } from './snapshot.js';
import type { Session } from './session.js';

/** An asset whose target in the config is not the saved one in force; absent = no target there. */
export interface TargetDifference {
  asset: string;
  config?: Decimal | undefined;
  saved?: Decimal | undefined;
}

export interface EffectiveTargets {
  targets: Map<string, Decimal>;
  /** "ledger" once `set-target` has saved a target set over the config's. */
  source: 'config' | 'ledger';
  /** Targets set explicitly with set-target since the last reset: later changes keep them. */
  pinned: ReadonlySet<string>;
  /** Where the config's targets differ from the saved ones in force; empty when the config's are in force. */
  configDiffers: TargetDifference[];
}

export interface TargetChangeReport extends TargetChangeResult {
  /** Findings that did not stop the change (an asset nothing prices or holds). */
  warnings: string[];
}

export function effectiveTargets(config: Config, ledger: Ledger): EffectiveTargets {
  const saved = ledger.targetOverrides();
  const fromConfig = new Map(Object.entries(config.targets));
  if (saved && saved.size > 0) return { targets: saved, source: 'ledger', pinned: ledger.targetPins(), configDiffers: targetDifferences(fromConfig, saved) };
  return { targets: fromConfig, source: 'config', pinned: new Set(), configDiffers: [] };
}

/** The config's targets against the saved ones, in the config's order and then the saved-only ones. */
export function targetDifferences(config: ReadonlyMap<string, Decimal>, saved: ReadonlyMap<string, Decimal>): TargetDifference[] {
  const same = (a: Decimal | undefined, b: Decimal | undefined) => (a && b ? a.eq(b) : a === b);
  const assets = [...new Set([...config.keys(), ...saved.keys()])];
  return assets.filter((asset) => !same(config.get(asset), saved.get(asset))).map((asset) => ({ asset, config: config.get(asset), saved: saved.get(asset) }));
}

/** Reads the targets in force and saves the change in one transaction; it applies from the next run. */
function changeTargets(session: Session, change: (current: Map<string, Decimal>, pinned: ReadonlySet<string>) => TargetChangeResult, reason: string): TargetChangeResult {
  const { ledger, clock, config } = session.deps;
  return ledger.transaction(() => {
    const current = effectiveTargets(config, ledger);
    const result = change(current.targets, current.pinned);
    ledger.saveTargetOverrides({ at: clock.now(), reason, before: result.before, after: result.after, pinned: result.pinned });
    return result;
  });
}

/** `set-target BTC 45%`: `reason` is what the journal records (the command as typed). */
export async function setTargetIn(session: Session, asset: string, target: Decimal, reason: string, options: Pick<TargetChangeOptions, 'rescaleAll'> = {}): Promise<TargetChangeReport> {
  const symbol = assetSymbol(asset);
  const warnings: string[] = [];
  // Only a new target is looked up at the venues: a held or targeted asset is known already.
  if (!session.targets().targets.has(symbol)) {
    const snapshot = await snapshotFor(session.deps, { ...session.targets(), targets: new Map([[symbol, ZERO]]) });
    const warning = unknownAssetWarning(symbol, snapshot);
    if (warning) warnings.push(warning);
  }
  const result = changeTargets(session, (current, pinned) => setTarget(current, symbol, target, { config: session.deps.config }, { ...options, pinned }), reason);
  return { ...result, warnings };
}

export function removeTargetIn(session: Session, asset: string, reason: string, options: Pick<TargetChangeOptions, 'rescaleAll'> = {}): TargetChangeReport {
  const result = changeTargets(session, (current, pinned) => removeTarget(current, asset, { config: session.deps.config }, { ...options, pinned }), reason);
  return { ...result, warnings: [] };
}

/** `reset-targets`: the saved set and its pins cleared, the config's targets in force again. */
export function resetTargetsIn(session: Session, reason: string): { before: Map<string, Decimal>; after: Map<string, Decimal>; hadSaved: boolean } {
  const { ledger, clock, config } = session.deps;
  return ledger.transaction(() => {
    const saved = ledger.targetOverrides();
    const hadSaved = saved !== undefined || ledger.targetPins().size > 0;
    if (hadSaved) ledger.clearTargetOverrides(clock.now(), reason);
    return { before: saved ?? new Map(), after: new Map(Object.entries(config.targets)), hadSaved };
  });
}

/** The warning that the config's targets are not the ones in force, naming every difference. */
export function targetsDiagnostics(effective: EffectiveTargets): Diagnostic[] {
  if (effective.source !== 'ledger' || effective.configDiffers.length === 0) return [];
  const percent = (value: Decimal | undefined) => (value ? `${value.times(100).toFixed()}%` : 'none');
  const differences = effective.configDiffers.map((d) => `${d.asset} ${percent(d.config)} in the config, ${percent(d.saved)} saved`).join('; ');
  return [
    {
      severity: 'warning',
      code: 'targets.config_differs',
      message: `The targets saved with kit rebalance set-target are in force; the config's targets: differ from them: ${differences}. Run kit rebalance reset-targets to use the config's targets.`,
    },
  ];
}
