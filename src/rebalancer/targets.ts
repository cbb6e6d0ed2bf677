// The targets in force (a set saved by `set-target` wins over the config's) and the use-cases that
// change them: one target set or removed, the others rescaled, the change journaled in the ledger.
import type { Config } from '../config.js';
import type { Decimal } from '../money.js';
import type { Ledger } from '../ports.js';
import { removeTarget, setTarget, type TargetChangeResult } from '../targets/set-target.js';
import type { Session } from './session.js';

export interface EffectiveTargets {
  targets: Map<string, Decimal>;
  /** "ledger" once `set-target` has saved a target set over the config's. */
  source: 'config' | 'ledger';
}

export function effectiveTargets(config: Config, ledger: Ledger): EffectiveTargets {
  const saved = ledger.targetOverrides();
  if (saved && saved.size > 0) return { targets: saved, source: 'ledger' };
  return { targets: new Map(Object.entries(config.targets)), source: 'config' };
}

/** Saves the change in the ledger; it applies from the next run (this session keeps its targets). */
function changeTargets(session: Session, change: (current: Map<string, Decimal>) => TargetChangeResult, reason: string): TargetChangeResult {
  const { ledger, clock } = session.deps;
  const result = change(session.targets().targets);
  ledger.saveTargetOverrides({ at: clock.now(), reason, before: result.before, after: result.after });
  return result;
}

/** `set-target BTC 45%`: `reason` is what the journal records (the command as typed). */
export function setTargetIn(session: Session, asset: string, target: Decimal, reason: string): TargetChangeResult {
  return changeTargets(session, (current) => setTarget(current, asset, target, { config: session.deps.config }), reason);
}

export function removeTargetIn(session: Session, asset: string, reason: string): TargetChangeResult {
  return changeTargets(session, (current) => removeTarget(current, asset, { config: session.deps.config }), reason);
}
