// "Now" comes from here: the system clock, or KIT_NOW (ISO 8601) to fix it for demos and tests.
import { UsageError } from '../errors.js';
import type { Clock } from '../ports.js';

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(at: Date): Clock {
  return { now: () => new Date(at.getTime()) };
}

export function clockFromEnv(env: Readonly<Record<string, string | undefined>>): Clock {
  const text = env.KIT_NOW?.trim();
  if (!text) return systemClock;
  const at = /^\d{4}-\d{2}-\d{2}/.test(text) ? new Date(text.length === 10 ? `${text}T00:00:00Z` : text) : undefined;
  if (!at || Number.isNaN(at.getTime())) {
    throw new UsageError(`KIT_NOW: ${JSON.stringify(text)} is not a date-time; expected ISO 8601 such as 2026-11-23T14:00:00Z.`);
  }
  return fixedClock(at);
}
