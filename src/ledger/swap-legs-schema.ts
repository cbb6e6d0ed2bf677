// Migration 10: the DEX legs handed out to sign (ports/swap-leg-store.ts). One row per client
// order id; what booking needs is copied in when the leg is handed out, what the chain moved when
// it is booked. A transaction books one leg at most (the partial unique index).
export const swapLegsSchema = `
CREATE TABLE swap_legs (
  client_order_id  TEXT PRIMARY KEY,
  run_id           TEXT NOT NULL,
  venue            TEXT NOT NULL,
  symbol           TEXT NOT NULL,
  side             TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
  base             TEXT NOT NULL,
  quote            TEXT NOT NULL,
  quantity         TEXT NOT NULL,
  amount_in        TEXT NOT NULL,
  amount_out       TEXT NOT NULL,
  min_amount_out   TEXT NOT NULL,
  fee_rate         TEXT NOT NULL,
  base_unit        TEXT NOT NULL,
  quote_unit       TEXT NOT NULL,
  quote_value      TEXT NOT NULL,
  asset_class      TEXT NOT NULL CHECK (asset_class IN ('crypto', 'security', 'forex')),
  lots_json        TEXT NOT NULL,
  from_address     TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  status           TEXT NOT NULL DEFAULT 'to_sign' CHECK (status IN ('to_sign', 'failed', 'booked')),
  failed_tx        TEXT,
  failure          TEXT,
  failed_at        TEXT,
  tx               TEXT,
  executed_at      TEXT,
  filled_in        TEXT,
  filled_out       TEXT,
  network_fee      TEXT,
  network_fee_asset TEXT,
  tax_sent         INTEGER NOT NULL DEFAULT 0 CHECK (tax_sent IN (0, 1))
);
CREATE UNIQUE INDEX swap_legs_by_tx ON swap_legs (tx) WHERE tx IS NOT NULL;
CREATE INDEX swap_legs_by_status ON swap_legs (status, created_at);
`;
