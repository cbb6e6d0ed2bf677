// A calendar slot, run: the preview of the configured (calendar) strategy, sent as a "Scheduled
// rebalance" alert with the drift table and the trades, executed first when auto_execute is on.
import { renderAlert } from '../../cli/render-alert.js';
import { describeSchedule } from '../../strategies/schedule.js';
import type { Session } from '../session.js';
import { taxedPreview } from '../taxed-preview.js';
import { autoExecution } from './auto-execute.js';
import type { HeartbeatDeps } from './check.js';
import { notifierFor } from './notifier-source.js';

export async function runCalendarSlot(session: Session, deps: HeartbeatDeps, slot: Date): Promise<void> {
  const { config, clock } = session.deps;
  const preview = await taxedPreview(session);
  const execution = await autoExecution(session, preview, [`calendar slot ${slot.toISOString()}`], deps.execute);
  const scheduled = describeSchedule(config.schedule);
  const notifier = await notifierFor(deps.notifier, session);
  await notifier.send(renderAlert({ at: clock.now(), preview, currency: config.currency, fire: [], cleared: [], active: [], scheduled, execution }));
}
