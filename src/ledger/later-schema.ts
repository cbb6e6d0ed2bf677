// The SQL of migrations 5, 6, 7 and 9 (8 is in heartbeat-schema.ts): one concern each, applied in
// version order by migrations.ts.

/**
 * Pins: the targets a user set explicitly with `set-target` since the last reset, which later
 * changes keep. The high-water mark keeps the prices it was taken at, so a later jump can be
 * traced to one asset's price; and each `reset-drawdown` is recorded with its reason.
 */
export const userState = `
CREATE TABLE target_pins (
  asset     TEXT PRIMARY KEY,
  pinned_at TEXT NOT NULL
);

ALTER TABLE high_water_mark ADD COLUMN prices_json TEXT;

CREATE TABLE high_water_resets (
  id      INTEGER PRIMARY KEY,
  at      TEXT NOT NULL,
  reason  TEXT NOT NULL,
  value   TEXT,
  mark_at TEXT
);
`;

/**
 * One rebalance at a time (see ledger/run-lock.ts): at most one row, naming the process that holds
 * it.
 */
export const runLock = `
CREATE TABLE run_lock (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  holder     TEXT NOT NULL,
  pid        INTEGER NOT NULL,
  host       TEXT NOT NULL,
  started_at TEXT NOT NULL,
  run_id     TEXT
);
`;

/**
 * Alerts not delivered yet, one row per channel and alert, kept after delivery (status 'sent') as
 * the record of what was said. `claimed_until` stops two processes sending the same row at once.
 */
export const outbox = `
CREATE TABLE outbox (
  id                INTEGER PRIMARY KEY,
  channel           TEXT NOT NULL,
  notification_json TEXT NOT NULL,
  dedupe_key        TEXT,
  status            TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'expired')),
  attempts          INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  last_error        TEXT,
  created_at        TEXT NOT NULL,
  last_attempt_at   TEXT,
  next_attempt_at   TEXT,
  claimed_until     TEXT,
  sent_at           TEXT
);
CREATE INDEX outbox_pending ON outbox (created_at, id) WHERE status = 'pending';
`;

/**
 * The tax state a preview needs (open lots, recent disposals and buys, asset classes), saved after
 * a replay with what it was built from: the settings, the last trade recorded (its rowid) and the
 * instant it is as of. Trades are never deleted and a new one takes a larger rowid, so a last rowid
 * that still matches means the same history.
 */
export const taxCheckpoint = `
CREATE TABLE tax_checkpoint (
  key       TEXT PRIMARY KEY,
  last_id   INTEGER NOT NULL,
  as_of     TEXT NOT NULL,
  state     TEXT NOT NULL,
  saved_at  TEXT NOT NULL
);
`;
