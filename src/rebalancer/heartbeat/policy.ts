// The config's monitoring section as the decision's policy, and the saved state read back
// defensively: a state the ledger cannot give back whole starts afresh rather than failing checks.
import type { Config } from '../../config.js';
import type { Ledger } from '../../ports.js';
import type { Policy } from './decide.js';
import { emptyState, type WatchState } from './types.js';

export function policyOf(config: Config): Policy {
  const { monitoring } = config;
  return { cooldownMs: monitoring.cooldown, quietHours: monitoring.quiet_hours, timezone: config.schedule.timezone, venueDownChecks: monitoring.venue_down_checks };
}

export function loadWatchState(ledger: Pick<Ledger, 'watchState'>): WatchState {
  const json = ledger.watchState();
  if (json === undefined) return emptyState();
  try {
    const parsed = JSON.parse(json) as Partial<WatchState>;
    if (typeof parsed !== 'object' || parsed === null) return emptyState();
    return { active: parsed.active ?? {}, venueFailures: parsed.venueFailures ?? {}, heldCleared: parsed.heldCleared ?? [], lastCheckAt: parsed.lastCheckAt };
  } catch {
    return emptyState();
  }
}
