// `monitoring:`: how prices and venues are judged fresh, and how the heartbeat watches the
// portfolio: how often, how long an alert stays quiet (cooldown), when not to send (quiet hours,
// read in schedule.timezone), and whether a breach may trade on its own (auto_execute).
import { z } from 'zod';
import { boolean, duration, integer } from './fields.js';

const QUIET_HOURS = /^\s*([01]\d|2[0-3]):([0-5]\d)\s*-\s*([01]\d|2[0-3]):([0-5]\d)\s*$/;

/** "22:00-07:00" as minutes after local midnight; the window may run past midnight. */
export interface QuietHours {
  start: number;
  end: number;
  text: string;
}

export const quietHoursSchema = z.string({ error: 'expected quiet hours such as "22:00-07:00"' }).transform((input, ctx): QuietHours => {
  const match = QUIET_HOURS.exec(input);
  const start = match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
  const end = match ? Number(match[3]) * 60 + Number(match[4]) : NaN;
  if (!match || start === end) {
    ctx.addIssue({ code: 'custom', message: `${JSON.stringify(input)} is not a quiet-hours window; expected HH:MM-HH:MM on a 24-hour clock with different ends, such as "22:00-07:00"` });
    return z.NEVER;
  }
  return { start, end, text: input.trim() };
});

export const monitoringSchema = z
  .strictObject({
    check_every: duration().default(4 * 3_600_000),
    max_price_age: duration().default(15 * 60_000),
    venue_timeout: duration().default(10_000),
    /** The heartbeat service starts itself inside K.I.T. only when this is true. */
    enabled: boolean().default(false),
    /** No repeat alert for the same condition within this time, unless it gets worse. */
    cooldown: duration().default(24 * 3_600_000),
    /** Alerts falling in this window (schedule.timezone) are held and sent when it ends. */
    quiet_hours: quietHoursSchema.optional(),
    /** A venue that fails this many checks in a row raises an alert. */
    venue_down_checks: integer(1, 1000).default(2),
    /** On a breach, execute the plan within the risk limits (when an executor is wired) instead of only alerting. */
    auto_execute: boolean().default(false),
  })
  .prefault({});
