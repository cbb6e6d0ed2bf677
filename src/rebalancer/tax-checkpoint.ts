// What a preview keeps of a tax replay between runs: the open lots (or pools), the losses and
// buys of the last weeks (the wash-sale and harvest windows look no further back) and each
// asset's class. Saved in the ledger keyed by the tax settings and the seed lots, and good while no
// trade has been added and none falls between its instant and now. A fresh replay's state goes
// through the same encoding, so a preview reads the same figures whether it replayed or not.
import { createHash } from 'node:crypto';
import type { Config } from '../config.js';
import { Decimal } from '../money.js';
import type { TaxReport } from '../tax/report.js';
import type { AssetClass, OpenLot, TaxTrade } from '../tax/types.js';
import type { TaxState } from './tax-state.js';

const VERSION = 2;
const DAY_MS = 86_400_000;

/**
 * How far back the kept disposals and buys reach: the wash-sale and harvest windows look
 * wash_sale_days back from now (by calendar day), and a checkpoint is only used at or after its
 * instant, so that many days before it and a day's margin for the calendar-day rounding.
 */
export function recentFrom(config: Config, asOf: Date): Date {
  return new Date(asOf.getTime() - (config.tax.wash_sale_days + 2) * DAY_MS);
}

/** The settings and seed lots a state depends on (the trades are the ledger's mark). */
export function checkpointKey(config: Config, seeds: readonly TaxTrade[]): string {
  const seedText = seeds.map((s) => [s.id, s.date.toISOString(), s.asset, s.venue, s.assetClass, s.quantity.toFixed(), s.total.toFixed()]);
  return createHash('sha256').update(JSON.stringify([VERSION, config.tax, seedText])).digest('hex');
}

type LotRow = [string, string, string, number, number, string, string];
type PoolRow = [string, string | null, string, string];

/** Dates as epoch milliseconds and amounts as exact text: quick to read back at every preview. */
interface Stored {
  v: number;
  lots: LotRow[];
  pools: PoolRow[];
  /** Losses only: the wash-sale windows read no other disposal. */
  losses: [string, number, string, string][];
  /** Buys only, and what is read of them. */
  buys: [string, number, string][];
  classes: [string, AssetClass][];
}

/** A replay's report (over the trades up to `asOf`) as saved. */
export function encodeState(report: Pick<TaxReport, 'openLots' | 'pools' | 'allDisposals'>, trades: readonly TaxTrade[], from: Date): string {
  const classes = new Map<string, AssetClass>();
  for (const trade of trades) classes.set(trade.asset, trade.assetClass);
  const stored: Stored = {
    v: VERSION,
    lots: report.openLots.map((lot) => [lot.lotId, lot.asset, lot.venue, lot.acquiredAt.getTime(), lot.holdingStart.getTime(), lot.quantity.toFixed(), lot.cost.toFixed()]),
    pools: report.pools.map((pool) => [pool.asset, pool.venue ?? null, pool.quantity.toFixed(), pool.cost.toFixed()]),
    losses: report.allDisposals.filter((d) => d.date >= from && d.gain.lt(0)).map((d) => [d.tradeId, d.date.getTime(), d.asset, d.gain.toFixed()]),
    buys: trades.filter((t) => t.side === 'buy' && t.date >= from).map((t) => [t.id, t.date.getTime(), t.asset]),
    classes: [...classes],
  };
  return JSON.stringify(stored);
}

/** The saved state as of `now`; undefined when it is from another version of this encoding. */
export function decodeState(text: string, config: Config, now: Date): TaxState | undefined {
  const stored = JSON.parse(text) as Stored;
  if (stored.v !== VERSION) return undefined;
  const openLots: OpenLot[] = stored.lots.map(([lotId, asset, venue, acquiredAt, holdingStart, quantity, cost]) => ({
    lotId,
    asset,
    venue,
    acquiredAt: new Date(acquiredAt),
    holdingStart: new Date(holdingStart),
    quantity: new Decimal(quantity),
    cost: new Decimal(cost),
  }));
  // UK Section 104 pools (and the FR whole-portfolio pool, asset "*") stand in as one lot each.
  const lots: OpenLot[] =
    openLots.length > 0
      ? openLots
      : stored.pools.map(([asset, venue, quantity, cost]) => ({ lotId: 'pool', asset, venue: venue ?? 'pool', acquiredAt: now, holdingStart: now, quantity: new Decimal(quantity), cost: new Decimal(cost) }));
  const classes = new Map(stored.classes);
  return {
    trades: stored.buys.map(([id, date, asset]) => ({ id, date: new Date(date), side: 'buy' as const, asset })),
    disposals: stored.losses.map(([tradeId, date, asset, gain]) => ({ tradeId, date: new Date(date), asset, gain: new Decimal(gain) })),
    lots: lots.filter((lot) => !config.cash_assets.includes(lot.asset)),
    assetClass: (asset) => classes.get(asset) ?? 'crypto',
  };
}
