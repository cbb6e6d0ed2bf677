// Which calendar slot, if any, to run now: pure, over the DST-correct schedule maths. The last
// slot run comes from the ledger, so a restart runs a missed slot once (the latest one only) and
// never one already run. A first start runs nothing: it takes the latest past slot as its
// baseline, since nobody was waiting for it.
import { isDue, previousRun, type Schedule } from '../../strategies/schedule.js';

export type SlotAction = { action: 'run'; slot: Date } | { action: 'baseline'; slot: Date } | { action: 'none' };

export function dueSlot(schedule: Schedule, lastSlot: Date | undefined, now: Date): SlotAction {
  const slot = previousRun(schedule, now);
  if (lastSlot === undefined) return { action: 'baseline', slot };
  return isDue(schedule, lastSlot, now) ? { action: 'run', slot } : { action: 'none' };
}
