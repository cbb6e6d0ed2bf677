// The ledger's schema, as an append-only list: a released migration is never edited, a change is
// a new entry. Amounts are TEXT (Decimal.toFixed(), read back exactly); times are ISO 8601 UTC
// text, which sorts chronologically. Foreign keys only where a row cannot exist without its parent.

import { heartbeatSchema } from './heartbeat-schema.js';
import { outbox, runLock, taxCheckpoint, userState } from './later-schema.js';
import { swapLegsSchema } from './swap-legs-schema.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const NOW = `(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

const initialSchema = `
CREATE TABLE target_overrides (
  asset   TEXT PRIMARY KEY,
  percent TEXT NOT NULL
);

CREATE TABLE target_changes (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  reason      TEXT NOT NULL,
  before_json TEXT NOT NULL,
  after_json  TEXT NOT NULL
);

CREATE TABLE tax_lots (
  id               TEXT PRIMARY KEY,
  venue            TEXT NOT NULL,
  asset            TEXT NOT NULL,
  asset_class      TEXT NOT NULL CHECK (asset_class IN ('crypto', 'security', 'forex')),
  acquired_at      TEXT NOT NULL,
  quantity         TEXT NOT NULL CHECK (quantity NOT LIKE '-%'),
  remaining        TEXT NOT NULL CHECK (remaining NOT LIKE '-%'),
  unit_cost        TEXT NOT NULL,
  basis_adjustment TEXT NOT NULL DEFAULT '0',
  holding_start    TEXT NOT NULL,
  source_trade_id  TEXT,
  label            TEXT,
  created_at       TEXT NOT NULL DEFAULT ${NOW}
);
CREATE INDEX tax_lots_by_asset ON tax_lots (asset, venue);
CREATE INDEX tax_lots_by_venue ON tax_lots (venue);

CREATE TABLE trades (
  id           TEXT PRIMARY KEY,
  source       TEXT NOT NULL CHECK (source IN ('import', 'rebalance', 'paper')),
  venue        TEXT NOT NULL,
  executed_at  TEXT NOT NULL,
  side         TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
  asset        TEXT NOT NULL,
  asset_class  TEXT NOT NULL CHECK (asset_class IN ('crypto', 'security', 'forex')),
  quantity     TEXT NOT NULL,
  price        TEXT NOT NULL,
  fee          TEXT NOT NULL,
  currency     TEXT NOT NULL,
  lot_ref      TEXT,
  rebalance_id TEXT
);
CREATE INDEX trades_by_asset ON trades (asset, executed_at);
CREATE INDEX trades_by_time ON trades (executed_at);
CREATE INDEX trades_by_rebalance ON trades (rebalance_id) WHERE rebalance_id IS NOT NULL;

CREATE TABLE rebalance_runs (
  id           TEXT PRIMARY KEY,
  created_at   TEXT NOT NULL,
  strategy     TEXT NOT NULL,
  status       TEXT NOT NULL
               CHECK (status IN ('previewed', 'executing', 'completed', 'partial', 'failed', 'aborted')),
  value_before TEXT NOT NULL,
  value_after  TEXT,
  plan_json    TEXT NOT NULL,
  completed_at TEXT
);
CREATE INDEX rebalance_runs_by_time ON rebalance_runs (created_at);

CREATE TABLE orders (
  client_order_id TEXT PRIMARY KEY,
  rebalance_id    TEXT,
  venue           TEXT NOT NULL,
  symbol          TEXT NOT NULL,
  side            TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
  type            TEXT NOT NULL CHECK (type IN ('limit', 'market')),
  quantity        TEXT NOT NULL,
  limit_price     TEXT,
  status          TEXT NOT NULL,
  venue_order_id  TEXT,
  filled          TEXT NOT NULL DEFAULT '0',
  average_price   TEXT,
  fee             TEXT NOT NULL DEFAULT '0',
  fee_asset       TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
CREATE INDEX orders_by_rebalance ON orders (rebalance_id);

CREATE TABLE order_events (
  id              INTEGER PRIMARY KEY,
  client_order_id TEXT NOT NULL REFERENCES orders (client_order_id),
  at              TEXT NOT NULL,
  event           TEXT NOT NULL,
  payload_json    TEXT
);
CREATE INDEX order_events_by_order ON order_events (client_order_id, id);

CREATE TABLE paper_venues (
  venue     TEXT PRIMARY KEY,
  seed_hash TEXT NOT NULL,
  seeded_at TEXT NOT NULL
);

CREATE TABLE paper_balances (
  venue      TEXT NOT NULL REFERENCES paper_venues (venue) ON DELETE CASCADE,
  asset      TEXT NOT NULL,
  quantity   TEXT NOT NULL CHECK (quantity NOT LIKE '-%'),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (venue, asset)
);
`;

/** Drawdown protection: the highest total value seen, with when. One row per ledger. */
const highWaterMark = `
CREATE TABLE high_water_mark (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  value TEXT NOT NULL,
  at    TEXT NOT NULL
);
`;

/** A trade's exact total (quantity x price as written in an import), so cost basis never rounds. */
const tradeTotals = `ALTER TABLE trades ADD COLUMN total TEXT;`;

/**
 * A paper venue's own book (orders by client order id, and their fills), apart from the order
 * journal: the venue's side of the story, so the two can be compared after a crash.
 */
const paperBook = `
CREATE TABLE paper_orders (
  venue           TEXT NOT NULL,
  client_order_id TEXT NOT NULL,
  venue_order_id  TEXT NOT NULL,
  symbol          TEXT NOT NULL,
  side            TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
  type            TEXT NOT NULL CHECK (type IN ('limit', 'market')),
  quantity        TEXT NOT NULL,
  limit_price     TEXT,
  status          TEXT NOT NULL CHECK (status IN ('open', 'partially_filled', 'filled', 'cancelled', 'rejected')),
  filled          TEXT NOT NULL CHECK (filled NOT LIKE '-%'),
  average_price   TEXT,
  fee             TEXT NOT NULL,
  fee_asset       TEXT NOT NULL,
  reason          TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  PRIMARY KEY (venue, client_order_id)
);

CREATE TABLE paper_fills (
  id              INTEGER PRIMARY KEY,
  venue           TEXT NOT NULL,
  client_order_id TEXT NOT NULL,
  quantity        TEXT NOT NULL CHECK (quantity NOT LIKE '-%'),
  price           TEXT NOT NULL,
  fee             TEXT NOT NULL,
  fee_asset       TEXT NOT NULL,
  at              TEXT NOT NULL,
  FOREIGN KEY (venue, client_order_id) REFERENCES paper_orders (venue, client_order_id)
);
CREATE INDEX paper_fills_by_order ON paper_fills (venue, client_order_id, id);
CREATE INDEX paper_orders_open ON paper_orders (venue) WHERE status IN ('open', 'partially_filled');
`;

/** In ascending version order; `migrate` applies the ones a database has not seen. */
export const migrations: readonly Migration[] = [
  { version: 1, name: 'initial schema', sql: initialSchema },
  { version: 2, name: 'high-water mark', sql: highWaterMark },
  { version: 3, name: 'trade totals', sql: tradeTotals },
  { version: 4, name: 'paper venue book', sql: paperBook },
  { version: 5, name: 'target pins and high-water details', sql: userState },
  { version: 6, name: 'run lock', sql: runLock },
  { version: 7, name: 'notification outbox', sql: outbox },
  { version: 8, name: 'heartbeat checks, alert state, calendar slots, watch lock', sql: heartbeatSchema },
  { version: 9, name: 'tax checkpoint', sql: taxCheckpoint },
  { version: 10, name: 'DEX swap legs handed out to sign', sql: swapLegsSchema },
];
