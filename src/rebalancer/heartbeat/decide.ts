// The heartbeat's decision, pure: the state after the last check and what this check saw in; the
// new state and what to tell the user out. A condition is alerted when it starts; it is not
// repeated within the cooldown unless it got worse by its `worseBy` step; once the cooldown has
// passed a still-open condition is told again; its end is told once ("back within bands"). In
// quiet hours nothing is sent: new conditions stay unalerted and ends are held, so the first
// check after the window tells them.
import type { QuietHours } from '../../config.js';
import { Decimal } from '../../money.js';
import { isQuiet } from './quiet-hours.js';
import type { ClearedNote, Condition, ConditionState, Observation, WatchState } from './types.js';

export interface Policy {
  cooldownMs: number;
  quietHours?: QuietHours | undefined;
  /** The config's timezone (schedule.timezone), for quiet hours. */
  timezone: string;
  /** A venue failing this many checks in a row is a condition. */
  venueDownChecks: number;
}

export interface Decision {
  state: WatchState;
  /** Conditions to alert now: new, worse, or past their cooldown. */
  fire: Condition[];
  /** Ends to tell now. */
  cleared: ClearedNote[];
  /** Every condition open after this check (for the alert's context). */
  active: Condition[];
  /** True when quiet hours held something back. */
  held: boolean;
}

export function decide(previous: WatchState, observation: Observation, policy: Policy): Decision {
  const now = observation.at;
  const at = now.toISOString();
  const venueFailures = countFailures(previous, observation);
  const current = new Map<string, Condition>([...observation.conditions, ...venueConditions(venueFailures, policy.venueDownChecks)].map((c) => [c.key, c]));
  const judged = new Set([...observation.judged, 'venue']);
  const quiet = isQuiet(now, policy.quietHours, policy.timezone);

  const active: Record<string, ConditionState> = {};
  const fire: Condition[] = [];
  const ended: ClearedNote[] = [];
  for (const [key, was] of Object.entries(previous.active)) {
    if (current.has(key)) continue;
    // Not judged this time (figures incomplete): it may still hold, so it stays as it was.
    if (!judged.has(was.kind)) active[key] = was;
    else ended.push({ key, kind: was.kind, message: was.message, since: was.since, clearedAt: at, alerted: was.alertedAt !== undefined });
  }
  for (const [key, condition] of current) {
    const was = previous.active[key];
    const state: ConditionState = { ...was, kind: condition.kind, message: condition.message, since: was?.since ?? at, severity: condition.severity };
    if (!quiet && isDue(was, condition, now, policy.cooldownMs)) {
      state.alertedAt = at;
      state.alertedSeverity = condition.severity;
      fire.push(condition);
    }
    active[key] = state;
  }

  const held = quiet && (ended.length > 0 || [...current.keys()].some((key) => isDue(previous.active[key], current.get(key)!, now, policy.cooldownMs)));
  const cleared = quiet ? [] : [...previous.heldCleared, ...ended];
  const state: WatchState = { active, venueFailures, heldCleared: quiet ? [...previous.heldCleared, ...ended] : [], lastCheckAt: at };
  // Open conditions: those seen now, and those kept from before because this check could not judge them.
  const open = Object.entries(active).map(([key, c]): Condition => current.get(key) ?? { key, kind: c.kind, message: c.message, severity: c.severity });
  return { state, fire, cleared, active: open, held };
}

/** New (never alerted), past the cooldown, or worse than when last alerted by more than its step. */
function isDue(was: ConditionState | undefined, condition: Condition, now: Date, cooldownMs: number): boolean {
  if (!was?.alertedAt) return true;
  if (now.getTime() - Date.parse(was.alertedAt) >= cooldownMs) return true;
  if (condition.severity === undefined || condition.worseBy === undefined || was.alertedSeverity === undefined) return false;
  return new Decimal(condition.severity).minus(was.alertedSeverity).gt(condition.worseBy);
}

function countFailures(previous: WatchState, observation: Observation): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const venue of observation.venues) counts[venue.id] = venue.ok ? 0 : (previous.venueFailures[venue.id] ?? 0) + 1;
  return counts;
}

function venueConditions(failures: Record<string, number>, after: number): Condition[] {
  return Object.entries(failures)
    .filter(([, count]) => count >= after)
    .map(([venue, count]) => ({ key: `venue:${venue}`, kind: 'venue', message: `Venue ${venue} has not answered for ${count} checks in a row.`, severity: String(count) }));
}
