// `paper book`: each paper venue's own book (balances, orders by client order id) as the venue
// sees it, not as the ledger's journal does; the two are compared after a crash. No venue is asked:
// the book lives in the ledger. A venue never used yet is seeded from the config first, as its
// first request would, so it shows the balances it starts with. Naming a venue that is not a
// paper venue is a usage error listing the paper venues.
import { paperBookView, type PaperBookView } from '../adapters/paper/book-view.js';
import { ensureSeeded } from '../adapters/paper/seed.js';
import { UsageError } from '../errors.js';
import type { Session } from './session.js';
import { quietLogger } from './quiet-logger.js';


export type { PaperBookView } from '../adapters/paper/book-view.js';

/** The books of the named paper venue, or of every paper venue when none is named. */
export function paperBooks(session: Session, venue?: string): { venues: PaperBookView[] } {
  const { config, ledger, clock } = session.deps;
  const paper = Object.entries(config.venues)
    .filter(([, settings]) => settings.adapter === 'paper')
    .map(([name]) => name);
  if (venue !== undefined && !paper.includes(venue)) {
    const known = config.venues[venue] ? `Venue "${venue}" uses adapter ${config.venues[venue].adapter}, not paper` : `No paper venue named "${venue}"`;
    throw new UsageError(`${known}; the paper venues are ${paper.join(', ') || 'none (no venue in the config uses adapter: paper)'}.`);
  }
  const chosen = venue === undefined ? paper : [venue];
  for (const name of chosen) ensureSeeded(name, config.venues[name]!, ledger, clock.now(), session.deps.logger ?? quietLogger);
  return { venues: chosen.map((name) => paperBookView(ledger, name)) };
}
