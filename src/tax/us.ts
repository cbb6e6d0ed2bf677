// US capital gains: specific lots (FIFO by default, Treas. Reg. §1.1012-1(c)), long-term after more
// than a year, and wash sales (IRC §1091). Trades are replayed in date order (equal instants keep
// input order) against lots of each asset across all venues; the 2025 per-wallet rule for crypto
// (Reg. §1.1012-1(j), Rev. Proc. 2024-28) is the opt-in `perVenue`. Wash sales are checked per lot
// part of a sale, not per sale, because a washed block cannot be netted against the gains of other
// blocks sold the same day (Rev. Rul. 70-231). A replacement bought before the sale is adjusted in
// place; one bought after it is found by looking ahead and adjusted when its buy is replayed.
import { Decimal, ZERO } from '../money.js';
import { addDays, holdingDays, isMoreThanYears } from './holding-period.js';
import { disposalOf } from './disposal.js';
import { allocate, byLotId, consume, LotQueue, orderLots, share, take, type Lot, type QueueMethod, type Taken } from './lot-queue.js';
import type { Disposal, LotMatch, OpenLot, TaxOptions, TaxResult, TaxTrade, Term, WashSale } from './types.js';

export interface UsTaxOptions extends TaxOptions {
  /** Match a sell only against lots on its own venue (wallet or account). Wash sales still look at every venue. */
  perVenue?: boolean | undefined;
}

/** A wash-sale adjustment waiting for a replacement bought after the loss sale. */
interface Pending {
  quantity: Decimal;
  basisAdded: Decimal;
  /** Days the washed shares were held: the replacement's holding start moves back by this much. */
  daysHeld: number;
}

interface Sold extends Taken {
  proceeds: Decimal;
  term: Term;
  rule: string;
  washSale?: WashSale;
}

interface Run {
  options: UsTaxOptions;
  method: QueueMethod | 'specific';
  trades: TaxTrade[];
  /** Open lots per asset (per asset and venue with `perVenue`), in the method's order (FIFO under 'specific', its fallback). */
  lots: Map<string, LotQueue>;
  /** Every open lot part by the id of the buy that made it, across queues: the wash-sale look-back. */
  openById: Map<string, Set<Lot>>;
  /** Indices (in `trades`) of each asset's buys, ascending: the wash-sale window without a full scan. */
  buysByAsset: Map<string, number[]>;
  seq: number;
  /** By index in `trades`: adjustments for buys not replayed yet, and the quantity they reserve. */
  pending: Map<number, Pending[]>;
  reserved: Map<number, Decimal>;
  result: TaxResult;
}

export function computeUs(trades: readonly TaxTrade[], options: UsTaxOptions): TaxResult {
  const sorted = [...trades].sort((a, b) => a.date.getTime() - b.date.getTime()); // stable: ties keep input order
  const run: Run = {
    options,
    method: options.method === 'average' ? 'fifo' : options.method,
    trades: sorted,
    lots: new Map(),
    openById: new Map(),
    buysByAsset: new Map(),
    seq: 0,
    pending: new Map(),
    reserved: new Map(),
    result: { disposals: [], openLots: [], pools: [], problems: [] },
  };
  sorted.forEach((trade, index) => {
    if (trade.side !== 'buy') return;
    const list = run.buysByAsset.get(trade.asset);
    if (list) list.push(index);
    else run.buysByAsset.set(trade.asset, [index]);
  });
  let averageNoted = false;
  const openNow = () =>
    [...run.lots.values()]
      .flatMap((queue) => queue.open)
      .sort((a, b) => a.acquiredAt.getTime() - b.acquiredAt.getTime() || byLotId(a, b))
      .map(toOpenLot);
  sorted.forEach((trade, index) => {
    if (options.snapshotAt && !run.result.snapshot && trade.date >= options.snapshotAt) run.result.snapshot = { openLots: openNow(), pools: [] };
    if (!trade.quantity.gt(0)) {
      run.result.problems.push({ tradeId: trade.id, message: `Quantity ${trade.quantity.toFixed()} ${trade.asset} is not positive: trade skipped.` });
    } else if (trade.side === 'buy') {
      buy(run, trade, index);
    } else {
      if (options.method === 'average' && !averageNoted) {
        averageNoted = true;
        run.result.problems.push({
          tradeId: trade.id,
          message: "'average' is not a US lot method for stock or crypto (average basis is for mutual-fund and DRIP shares only, Treas. Reg. §1.1012-1(e)): all sells matched FIFO.",
        });
      }
      sell(run, trade, index);
    }
  });
  run.result.openLots = openNow();
  if (options.snapshotAt && !run.result.snapshot) run.result.snapshot = { openLots: run.result.openLots, pools: [] };
  return run.result;
}

function buy(run: Run, trade: TaxTrade, index: number): void {
  const washed = run.pending.get(index) ?? [];
  const plainQuantity = trade.quantity.minus(run.reserved.get(index) ?? ZERO);
  const parts = [...washed.map((p) => p.quantity), ...(plainQuantity.gt(0) ? [plainQuantity] : [])];
  const costs = allocate(trade.total.plus(trade.fee), parts);
  const queue = queueOf(run, trade.asset, trade.venue);
  parts.forEach((quantity, i) => {
    const adjustment = washed[i];
    const cost = adjustment ? costs[i]!.plus(adjustment.basisAdded) : costs[i]!;
    queue.add({
      lotId: trade.id,
      seq: run.seq++,
      asset: trade.asset,
      assetClass: trade.assetClass,
      venue: trade.venue,
      acquiredAt: trade.date,
      holdingStart: adjustment ? addDays(trade.date, -adjustment.daysHeld) : trade.date,
      quantity,
      cost,
      replacement: adjustment !== undefined,
    });
  });
}

function sell(run: Run, trade: TaxTrade, index: number): void {
  const queue = queueOf(run, trade.asset, trade.venue);
  const { taken, rules } = select(run, trade, queue);
  queue.removeEmpty(taken.map((part) => part.lot));
  const matched = taken.reduce((acc, part) => acc.plus(part.quantity), ZERO);
  const net = trade.total.minus(trade.fee);
  const proceeds = share(net, matched, trade.quantity);
  if (matched.lt(trade.quantity)) {
    const excess = trade.quantity.minus(matched);
    const where = run.options.perVenue ? ` on "${trade.venue}"` : '';
    run.result.problems.push({
      tradeId: trade.id,
      message: `Sell of ${trade.quantity.toFixed()} ${trade.asset}${where}: only ${matched.toFixed()} held, ${excess.toFixed()} left unmatched (proceeds ${net.minus(proceeds).toFixed()} not reported, no cost invented). Import the missing buys.`,
    });
  }
  if (taken.length === 0) return;
  const shares = allocate(proceeds, taken.map((part) => part.quantity));
  const sold: Sold[] = taken.map((part, i) => ({
    ...part,
    proceeds: shares[i]!,
    term: isMoreThanYears(part.holdingStart, trade.date) ? 'long' : 'short',
    rule: rules[i]!,
  }));
  if (washSalesApply(run.options, trade)) {
    // Same-day losses in the order their shares were acquired (Treas. Reg. §1.1091-1(b)).
    const losses = sold.filter((part) => part.proceeds.lt(part.cost)).sort((a, b) => a.acquiredAt.getTime() - b.acquiredAt.getTime() || byLotId(a.lot, b.lot));
    for (const part of losses) part.washSale = wash(run, trade, index, part);
  }
  for (const term of [...new Set(sold.map((part) => part.term))]) {
    run.result.disposals.push(disposal(trade, sold.filter((part) => part.term === term), term));
  }
}

/** `queue` is in the method's order; under 'specific' the named lot goes first, then FIFO (the legal default). */
function select(run: Run, trade: TaxTrade, queue: LotQueue): { taken: Taken[]; rules: string[] } {
  if (run.method !== 'specific') {
    if (trade.lotRef) run.result.problems.push({ tradeId: trade.id, message: `lotRef "${trade.lotRef}" ignored: the lot method is ${run.method}; choose 'specific' to sell a named lot.` });
    const { taken } = queue.consume(trade.quantity);
    return { taken, rules: taken.map(() => run.method) };
  }
  const note = (message: string) => run.result.problems.push({ tradeId: trade.id, message });
  const fallback = 'matched FIFO, the default when shares are not adequately identified (Treas. Reg. §1.1012-1(c))';
  const named = trade.lotRef ? queue.withLotId(trade.lotRef) : [];
  if (!trade.lotRef) note(`No lotRef under specific identification: ${fallback}.`);
  else if (named.length === 0) note(`lotRef "${trade.lotRef}" names no open ${trade.asset} lot: ${fallback}.`);
  const first = consume(named, trade.quantity);
  const rest = queue.consume(first.left);
  if (named.length > 0 && rest.taken.length > 0) {
    note(`lotRef "${trade.lotRef}" held only ${trade.quantity.minus(first.left).toFixed()} ${trade.asset}: the other ${first.left.minus(rest.left).toFixed()} ${fallback}.`);
  }
  return { taken: [...first.taken, ...rest.taken], rules: [...first.taken.map(() => 'specific'), ...rest.taken.map(() => 'fifo')] };
}

function washSalesApply(options: TaxOptions, trade: TaxTrade): boolean {
  return options.washSaleScope === 'all' || trade.assetClass === 'security';
}

/**
 * Disallows the loss of one sold part to the extent replacement shares were acquired within
 * `washSaleDays` calendar days before or after the sale: earliest acquisitions first, not the sold
 * part's own lot (the same-lot exception), each replacement share used once. The disallowed loss
 * goes into the replacements' basis pro rata by quantity, and their holding start moves back by
 * the days the sold shares were held (the bbreslauer calculator's reading of Pub 550's tacking).
 */
function wash(run: Run, trade: TaxTrade, index: number, part: Sold): WashSale | undefined {
  const days = run.options.washSaleDays;
  const found: { quantity: Decimal; lot?: Lot; buyIndex?: number }[] = [];
  let need = part.quantity;
  // Replacements bought before the sale: walk back through the window's buys (trades are in date
  // order) rather than scanning every open lot, which made long histories quadratic.
  const buys = run.buysByAsset.get(trade.asset) ?? [];
  const here = firstAfter(buys, index);
  const recent: Lot[] = [];
  for (let k = here - 1; k >= 0; k--) {
    const previous = run.trades[buys[k]!]!;
    if (holdingDays(previous.date, trade.date) > days) break;
    if (previous.id === part.lotId) continue;
    for (const lot of run.openById.get(previous.id) ?? []) if (!lot.replacement && lot.quantity.gt(0)) recent.push(lot);
  }
  const before = orderLots(recent, 'fifo');
  for (const lot of before) {
    if (need.lte(0)) break;
    const quantity = Decimal.min(need, lot.quantity);
    found.push({ quantity, lot });
    need = need.minus(quantity);
  }
  for (let k = here; k < buys.length && need.gt(0); k++) {
    const j = buys[k]!;
    const next = run.trades[j]!;
    if (holdingDays(trade.date, next.date) > days) break;
    if (!next.quantity.gt(0)) continue;
    const free = next.quantity.minus(run.reserved.get(j) ?? ZERO);
    if (free.lte(0)) continue;
    const quantity = Decimal.min(need, free);
    found.push({ quantity, buyIndex: j });
    need = need.minus(quantity);
  }
  if (found.length === 0) return undefined;

  const loss = part.cost.minus(part.proceeds);
  const replaced = part.quantity.minus(need);
  const disallowed = share(loss, replaced, part.quantity);
  const added = allocate(disallowed, found.map((f) => f.quantity));
  const daysHeld = holdingDays(part.holdingStart, trade.date);
  const replacements = found.map((f, i) => {
    const basisAdded = added[i]!;
    if (f.lot) {
      const lot = f.lot;
      const cost = take(lot, f.quantity).plus(basisAdded);
      const home = queueOf(run, lot.asset, lot.venue);
      home.removeEmpty([lot]);
      home.add({ ...lot, quantity: f.quantity, cost, holdingStart: addDays(lot.holdingStart, -daysHeld), replacement: true });
      return { lotId: lot.lotId, quantity: f.quantity, basisAdded };
    }
    const j = f.buyIndex!;
    run.pending.set(j, [...(run.pending.get(j) ?? []), { quantity: f.quantity, basisAdded, daysHeld }]);
    run.reserved.set(j, (run.reserved.get(j) ?? ZERO).plus(f.quantity));
    return { lotId: run.trades[j]!.id, quantity: f.quantity, basisAdded };
  });
  return { disallowed, replacements };
}

function disposal(trade: TaxTrade, parts: Sold[], term: Term): Disposal {
  const total = (pick: (part: Sold) => Decimal) => parts.reduce((acc, part) => acc.plus(pick(part)), ZERO);
  const start = parts.reduce((min, part) => Math.min(min, part.holdingStart.getTime()), Infinity);
  return disposalOf(trade, {
    quantity: total((part) => part.quantity),
    proceeds: total((part) => part.proceeds),
    cost: total((part) => part.cost),
    term,
    holdingDays: holdingDays(new Date(start), trade.date),
    matches: parts.map((part) => ({ rule: part.rule, lotId: part.lotId, acquiredAt: part.acquiredAt, quantity: part.quantity, cost: part.cost, term })),
    washSale: mergeWashSales(parts.flatMap((part) => (part.washSale ? [part.washSale] : []))),
  });
}

/** One WashSale per disposal: the parts' disallowed losses summed, replacements merged by lot. */
function mergeWashSales(washes: WashSale[]): WashSale | undefined {
  if (washes.length === 0) return undefined;
  const byLot = new Map<string, { lotId: string; quantity: Decimal; basisAdded: Decimal }>();
  for (const r of washes.flatMap((w) => w.replacements)) {
    const seen = byLot.get(r.lotId);
    byLot.set(r.lotId, seen ? { lotId: r.lotId, quantity: seen.quantity.plus(r.quantity), basisAdded: seen.basisAdded.plus(r.basisAdded) } : { ...r });
  }
  return { disallowed: washes.reduce((acc, w) => acc.plus(w.disallowed), ZERO), replacements: [...byLot.values()] };
}

/** The position in `indices` (ascending trade indices) of the first one after `index`. */
function firstAfter(indices: readonly number[], index: number): number {
  let low = 0;
  let high = indices.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (indices[mid]! <= index) low = mid + 1;
    else high = mid;
  }
  return low;
}

function queueOf(run: Run, asset: string, venue: string): LotQueue {
  const key = run.options.perVenue ? `${asset}\u0000${venue}` : asset;
  let queue = run.lots.get(key);
  if (!queue) run.lots.set(key, (queue = new LotQueue(run.method === 'specific' ? 'fifo' : run.method, run.openById)));
  return queue;
}

function toOpenLot(lot: Lot): OpenLot {
  return { lotId: lot.lotId, asset: lot.asset, venue: lot.venue, acquiredAt: lot.acquiredAt, holdingStart: lot.holdingStart, quantity: lot.quantity, cost: lot.cost };
}
