// The standalone TaxSink: each per-lot disposal appended as one JSON line to a file in the
// plugin's storage folder, in the K.I.T. Tax Calculator's CapitalGain field order. A record whose
// (trade_id, lot_id) is already in the file is not written again, so a run resumed after a crash
// between "appended" and "remembered as sent" does not report a sale twice.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DisposalRecord, TaxSink } from '../ports.js';

/** One CapitalGain record: decimals as text, dates as YYYY-MM-DD, keys in the Tax Calculator's order. */
export function capitalGainLine(record: DisposalRecord): string {
  return JSON.stringify({
    trade_id: record.tradeId,
    asset: record.asset,
    quantity: record.quantity.toFixed(),
    cost_basis: record.costBasis.toFixed(),
    proceeds: record.proceeds.toFixed(),
    gain_loss: record.gain.toFixed(),
    holding_period_days: record.holdingDays,
    is_long_term: record.longTerm,
    acquisition_date: record.acquisitionDate ? record.acquisitionDate.toISOString().slice(0, 10) : null,
    disposal_date: record.disposalDate.toISOString().slice(0, 10),
    lot_id: record.lotId,
  });
}

const keyOf = (tradeId: unknown, lotId: unknown) => `${String(tradeId)}\u0000${String(lotId)}`;

function writtenKeys(file: string): Set<string> {
  if (!existsSync(file)) return new Set();
  const keys = new Set<string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const parsed = JSON.parse(line) as { trade_id?: unknown; lot_id?: unknown };
      keys.add(keyOf(parsed.trade_id, parsed.lot_id));
    } catch {
      // A line cut short by a crash: not a record, so nothing is deduplicated against it.
    }
  }
  return keys;
}

export function createFileTaxSink(file: string): TaxSink & { readonly file: string } {
  return {
    file,
    async record(disposals) {
      if (disposals.length === 0) return;
      mkdirSync(dirname(file), { recursive: true });
      const seen = writtenKeys(file);
      const lines = disposals.filter((d) => !seen.has(keyOf(d.tradeId, d.lotId))).map((d) => `${capitalGainLine(d)}\n`);
      if (lines.length > 0) appendFileSync(file, lines.join(''));
    },
  };
}
