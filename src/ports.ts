// The ports between the pure core and the world (design.md, "Contracts"), one file per concern in
// ports/. Adapters implement Venue; the ledger implements Ledger (the intersection of its stores);
// the host supplies Clock, Logger, Notifier, OrderRouter and TaxSink. Types only: importing this
// costs nothing at run time.
export type * from './ports/clock.js';
export type * from './ports/heartbeat-store.js';
export type * from './ports/history-store.js';
export type * from './ports/ledger.js';
export type * from './ports/logger.js';
export type * from './ports/lot-store.js';
export type * from './ports/notifier.js';
export type * from './ports/order-journal.js';
export type * from './ports/order-router.js';
export type * from './ports/orders.js';
export type * from './ports/outbox-store.js';
export type * from './ports/paper-book-store.js';
export type * from './ports/paper-store.js';
export type * from './ports/run-lock.js';
export type * from './ports/target-store.js';
export type * from './ports/swap.js';
export type * from './ports/swap-leg-store.js';
export type * from './ports/tax-sink.js';
export type * from './ports/trade-store.js';
export type * from './ports/venue.js';
