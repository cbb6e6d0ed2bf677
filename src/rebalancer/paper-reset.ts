// `paper reset`: start simulated venues again from the config's balances and lots, dropping what
// was traded on them. Only paper venues can be reset; naming any other venue is a usage error.
import { resetVenue } from '../adapters/paper/seed.js';
import type { VenueConfig } from '../config.js';
import { UsageError } from '../errors.js';
import type { Session } from './session.js';

/** Resets the named paper venues (all of them when none is named); returns those reset. */
export function resetPaperVenues(session: Session, names: readonly string[]): [string, VenueConfig][] {
  const { config, ledger, clock } = session.deps;
  const paper = Object.entries(config.venues).filter(([, venue]) => venue.adapter === 'paper');
  for (const name of names) {
    const venue = config.venues[name];
    if (!venue) throw new UsageError(`No venue named "${name}"; the config has ${Object.keys(config.venues).join(', ') || 'none'}.`);
    if (venue.adapter !== 'paper') throw new UsageError(`Venue "${name}" uses adapter ${venue.adapter}; only paper venues can be reset.`);
  }
  const chosen = names.length > 0 ? paper.filter(([name]) => names.includes(name)) : paper;
  const now = clock.now();
  for (const [name, venue] of chosen) resetVenue(name, venue, ledger, now);
  return chosen;
}
