// Migration 8: the heartbeat's tables. Checks are append-only; the alert state and the watch lock
// are single rows; a calendar's last slot is one row per calendar name.
export const heartbeatSchema = `
CREATE TABLE heartbeat_checks (
  id              INTEGER PRIMARY KEY,
  at              TEXT NOT NULL,
  complete        INTEGER NOT NULL CHECK (complete IN (0, 1)),
  largest_asset   TEXT,
  largest_drift   TEXT,
  breaches_json   TEXT NOT NULL,
  conditions_json TEXT NOT NULL,
  alerts          INTEGER NOT NULL DEFAULT 0,
  error           TEXT
);
CREATE INDEX heartbeat_checks_by_time ON heartbeat_checks (at);

CREATE TABLE heartbeat_state (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  state_json TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE calendar_slots (
  name    TEXT PRIMARY KEY,
  slot_at TEXT NOT NULL,
  ran_at  TEXT NOT NULL
);

CREATE TABLE watch_lock (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  pid        INTEGER NOT NULL,
  host       TEXT NOT NULL,
  started_at TEXT NOT NULL
);
`;
