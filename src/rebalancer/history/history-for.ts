// `rebalance history`: the recorded rebalances and how the portfolio did across them. It reads the
// ledger only (no venue is asked), so it answers even when every venue is down. The event list is
// limited; the performance figures always span the whole recorded history, so the bonus is
// measured from the first snapshot ever recorded, whatever the limit.
import type { Config } from '../../config.js';
import { Decimal } from '../../money.js';
import { resolveBands } from '../../strategies/bands.js';
import type { Session } from '../session.js';
import { historyEvent, type HistoryEvent, type TargetBand } from './event.js';
import { swapsByRun, swapsToSign, withSwaps } from './event-swaps.js';
import { performanceOf, type Performance } from './performance.js';
import { weightSeries, type AssetWeights } from './weights.js';

export const DEFAULT_HISTORY_LIMIT = 20;

export interface HistoryOptions {
  /** How many of the latest events to list. */
  limit?: number | undefined;
}

export interface RebalanceHistory {
  /** The latest events, newest first, at most `limit`. */
  events: HistoryEvent[];
  /** How many events the ledger holds. */
  total: number;
  performance: Performance;
  weights: AssetWeights[];
}

export function rebalanceHistoryFor(session: Session, options: HistoryOptions = {}): RebalanceHistory {
  const { ledger, config } = session.deps;
  // A preview that was never executed is not an event of the portfolio's life.
  const records = ledger.rebalanceHistory(Number.MAX_SAFE_INTEGER).filter((record) => record.status !== 'previewed');
  const swaps = swapsByRun(session.deps, new Set(records.map((record) => record.id)));
  const newestFirst = records.map((record) => withSwaps(historyEvent(record), swaps.get(record.id) ?? []));
  const oldestFirst = [...newestFirst].reverse();
  return {
    events: newestFirst.slice(0, options.limit ?? DEFAULT_HISTORY_LIMIT),
    total: newestFirst.length,
    performance: withUnsignedNote(performanceOf(oldestFirst), oldestFirst),
    weights: weightSeries(oldestFirst, currentBands(config, session.targets().targets)),
  };
}

/** Swaps still to sign leave their fees out of the cumulative fees: said, with how to book them. */
function withUnsignedNote(performance: Performance, events: readonly HistoryEvent[]): Performance {
  const waiting = events.filter((event) => swapsToSign(event) > 0);
  if (waiting.length === 0) return performance;
  const count = waiting.reduce((acc, event) => acc + swapsToSign(event), 0);
  const runs = waiting.map((event) => event.at.toISOString().slice(0, 10)).join(', ');
  const note = `${count} DEX swap${count === 1 ? ' is' : 's are'} still to sign (run${waiting.length === 1 ? '' : 's'} of ${runs}): fees and realised gains are partial until each is booked with kit rebalance swaps record <id> --tx <hash>.`;
  return { ...performance, notes: [...performance.notes, note] };
}

/** Today's band per target, for records that did not keep theirs. */
function currentBands(config: Config, targets: ReadonlyMap<string, Decimal>): Map<string, TargetBand> {
  const bands = resolveBands(targets, config.strategy === 'band' ? config.bands : {}, {
    threshold: config.drift_threshold,
    maxSingleAsset: config.risk.max_single_asset,
    isCash: (asset) => config.cash_assets.includes(asset),
  });
  return new Map([...bands].map(([asset, band]) => [asset, { target: targets.get(asset)!, low: band.low, high: band.high }]));
}
