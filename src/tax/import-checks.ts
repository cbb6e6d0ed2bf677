// Checks of an imported history as a whole, after each row has been read: a sell of more than the
// history holds at that moment (the file's trades merged in date order with those already in the
// ledger), and a venue the config does not know. Pure; each finding names the row's line.
import { Decimal, ZERO } from '../money.js';
import type { TaxTrade } from './types.js';

export type HeldTrade = Pick<TaxTrade, 'id' | 'date' | 'side' | 'asset' | 'venue' | 'quantity'>;

/**
 * The file's sells that sell more than is held just before them. `perVenue`: lots are kept per
 * venue (DE, EU, the US per-wallet rule), so a sell draws only on its own venue. Equal instants
 * keep the ledger's trades first, then the file's order, as the tax engines replay them. A refused
 * sell does not reduce the holdings, so one missing buy is reported once, not at every later sell.
 */
export function oversoldRows(file: readonly HeldTrade[], lines: readonly number[], history: readonly HeldTrade[], perVenue: boolean): { line: number; message: string }[] {
  const recorded = new Set(history.map((trade) => trade.id));
  const all = [...history.map((trade) => ({ trade, line: 0 })), ...file.flatMap((trade, i) => (recorded.has(trade.id) ? [] : [{ trade, line: lines[i]! }]))];
  all.sort((a, b) => a.trade.date.getTime() - b.trade.date.getTime());
  const check = new HoldingsCheck(perVenue);
  for (const { trade, line } of all) check.add(trade.side, trade.asset, trade.venue, trade.quantity, () => trade.date.toISOString(), line);
  return check.problems();
}

/**
 * oversoldRows one trade at a time, for a history streamed in replay order (a million-row import
 * keeps only a running total per holding). `line` 0: a trade already recorded, never reported.
 */
export class HoldingsCheck {
  private readonly held = new Map<string, Decimal>();
  private readonly found: { line: number; message: string }[] = [];

  constructor(private readonly perVenue: boolean) {}

  add(side: 'buy' | 'sell', asset: string, venue: string, quantity: Decimal, isoDate: () => string, line: number): void {
    const key = this.perVenue ? `${asset}\u0000${venue}` : asset;
    const have = this.held.get(key) ?? ZERO;
    if (side === 'buy') this.held.set(key, have.plus(quantity));
    else if (have.gte(quantity)) this.held.set(key, have.minus(quantity));
    else if (line > 0) {
      const where = this.perVenue ? ` on "${venue}"` : '';
      this.found.push({
        line,
        message: `sell of ${quantity.toFixed()} ${asset}${where} on ${isoDate()} is more than the ${have.toFixed()} ${asset} the history holds${where} then; import the missing buys (or transfers) first, or fix the quantity`,
      });
    }
  }

  /** The refused sells by line. */
  problems(): { line: number; message: string }[] {
    return [...this.found].sort((a, b) => a.line - b.line);
  }
}

/** Why `venue` is refused, or undefined when the config knows it. */
export function unknownVenue(venue: string, known: readonly string[]): string | undefined {
  if (known.includes(venue)) return undefined;
  const close = closest(venue, known);
  const list = known.length > 12 ? `${known.slice(0, 12).join(', ')}, ...` : known.join(', ');
  return `venue "${venue}" is not in the config (${known.length > 0 ? `venues: ${list}` : 'it has no venues'}); ${close ? `did you mean "${close}"? ` : ''}fix the name, or add the venue to the config first`;
}

/** The known name nearest to `name` (case aside, or at most a third of its letters off), if any. */
function closest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(name.length / 3)) + 1;
  for (const candidate of known) {
    const distance = candidate.toLowerCase() === name.toLowerCase() ? 0 : editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}
