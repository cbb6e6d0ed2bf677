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
  const held = new Map<string, Decimal>();
  const problems: { line: number; message: string }[] = [];
  for (const { trade, line } of all) {
    const key = perVenue ? `${trade.asset}\u0000${trade.venue}` : trade.asset;
    const have = held.get(key) ?? ZERO;
    if (trade.side === 'buy') held.set(key, have.plus(trade.quantity));
    else if (have.gte(trade.quantity)) held.set(key, have.minus(trade.quantity));
    else if (line > 0) {
      const where = perVenue ? ` on "${trade.venue}"` : '';
      problems.push({
        line,
        message: `sell of ${trade.quantity.toFixed()} ${trade.asset}${where} on ${trade.date.toISOString()} is more than the ${have.toFixed()} ${trade.asset} the history holds${where} then; import the missing buys (or transfers) first, or fix the quantity`,
      });
    }
  }
  return problems.sort((a, b) => a.line - b.line);
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
