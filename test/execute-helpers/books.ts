// What must hold after any run, crash and resume, comparing our records with the venues' own
// books: every journaled order finished and agreeing with the venue's (status, filled), no venue
// order that was not journaled first, no client order id sent twice, no negative balance, the
// fills booked as trades, and the ledger's open lots equal to each paper venue's balances.
import type { Config } from '../../src/config.js';
import { Decimal, ZERO } from '../../src/money.js';
import type { Ledger } from '../../src/ports.js';
import { buildTaxState, ledgerTaxTrades } from '../../src/rebalancer.js';

export interface BookCheck {
  problems: string[];
  orders: number;
  filled: number;
  venueOrders: number;
}

export function checkBooks(ledger: Ledger, config: Config, now: Date, runIds: readonly string[]): BookCheck {
  const problems: string[] = [];
  const venues = Object.entries(config.venues).filter(([, v]) => v.adapter === 'paper').map(([id]) => id);
  const journal = runIds.flatMap((id) => ((ledger.rebalanceHistory(1000).find((r) => r.id === id)?.plan as { orders?: { client_order_id: string }[] } | null)?.orders ?? []).map((o) => o.client_order_id));
  const journaled = journal.flatMap((id) => ledger.order(id) ?? []);
  if (ledger.unfinishedOrders().length > 0) problems.push(`unfinished orders left: ${ledger.unfinishedOrders().map((o) => o.clientOrderId).join(', ')}`);
  const venueOrders = venues.flatMap((venue) => ledger.paperOrders(venue));
  const seen = new Map<string, number>();
  for (const order of venueOrders) seen.set(order.clientOrderId, (seen.get(order.clientOrderId) ?? 0) + 1);
  for (const [id, count] of seen) if (count > 1) problems.push(`${id} reached venues ${count} times`);
  for (const order of venueOrders) if (!ledger.order(order.clientOrderId)) problems.push(`${order.clientOrderId} is at ${order.venue} but not in the journal`);
  for (const order of journaled) {
    const events = ledger.orderEvents(order.clientOrderId);
    if (events.some((e) => e.event === 'error' && /duplicate/i.test(e.details.message ?? ''))) problems.push(`${order.clientOrderId} was sent twice (the venue refused a duplicate)`);
    const atVenue = ledger.paperOrder(order.venue, order.clientOrderId);
    if (!atVenue) {
      if (order.status !== 'rejected' || order.filled.gt(0)) problems.push(`${order.clientOrderId}: journal says ${order.status} ${order.filled.toFixed()}, the venue never saw it`);
    } else if (atVenue.status !== order.status || !atVenue.filled.eq(order.filled)) {
      problems.push(`${order.clientOrderId}: journal ${order.status} ${order.filled.toFixed()}, venue ${atVenue.status} ${atVenue.filled.toFixed()}`);
    }
    const booked = ledger.trades().filter((t) => t.id === order.clientOrderId || t.id.startsWith(`${order.clientOrderId}#`)).reduce((acc, t) => acc.plus(t.quantity), ZERO);
    if (!booked.eq(order.filled)) problems.push(`${order.clientOrderId}: filled ${order.filled.toFixed()}, booked ${booked.toFixed()}`);
  }
  const lots = buildTaxState(config, ledgerTaxTrades(ledger), now).lots;
  for (const venue of venues) {
    const balances = ledger.paperVenue(venue)?.balances ?? new Map<string, Decimal>();
    for (const [asset, quantity] of balances) if (quantity.lt(0)) problems.push(`${venue} holds ${quantity.toFixed()} ${asset}`);
    const assets = new Set([...balances.keys(), ...lots.filter((l) => l.venue === venue).map((l) => l.asset)]);
    for (const asset of assets) {
      if (config.cash_assets.includes(asset)) continue;
      const inLots = lots.filter((l) => l.venue === venue && l.asset === asset).reduce((acc, l) => acc.plus(l.quantity), ZERO);
      const held = balances.get(asset) ?? ZERO;
      if (!inLots.eq(held)) problems.push(`${venue} ${asset}: venue holds ${held.toFixed()}, ledger lots ${inLots.toFixed()}`);
    }
  }
  return { problems, orders: journaled.length, filled: journaled.filter((o) => o.status === 'filled').length, venueOrders: venueOrders.length };
}

/** Every execute run the ledger knows, oldest first. */
export function executeRunIds(ledger: Ledger): string[] {
  return ledger
    .rebalanceHistory(1000)
    .filter((r) => (r.plan as { kind?: string } | null)?.kind === 'execute')
    .map((r) => r.id)
    .reverse();
}
