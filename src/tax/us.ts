// US capital gains: specific lots (FIFO by default, Treas. Reg. §1.1012-1(c)), long-term after more
// than a year, and wash sales (IRC §1091). Trades are replayed in date order (equal instants keep
// input order) against lots of each asset across all venues; the 2025 per-wallet rule for crypto
// (Reg. §1.1012-1(j), Rev. Proc. 2024-28) is the opt-in `perVenue`. Wash sales are checked per lot
// part of a sale, not per sale, because a washed block cannot be netted against the gains of other
// blocks sold the same day (Rev. Rul. 70-231). A replacement bought before the sale is adjusted in
// place; one bought after it is found by looking ahead and adjusted when its buy is replayed.
import { ZERO, type Decimal } from '../money.js';
import { addDays, holdingDays } from './holding-period.js';
import { disposalOf } from './disposal.js';
import { allocate, compact, consume, share, type LotQueue, type Taken } from './lot-queue.js';
import { termOf, washSalesApply } from './rulebook.js';
import { buySeq, queueOf, toOpenLot, type Run, type UsTaxOptions } from './us-run.js';
import { mergeWashSales, wash, type SoldPart } from './us-wash.js';
import type { Disposal, TaxResult, TaxTrade, Term, WashSale } from './types.js';

export type { UsTaxOptions } from './us-run.js';

interface Sold extends SoldPart {
  term: Term;
  rule: string;
  washSale?: WashSale | undefined;
}

export function computeUs(trades: readonly TaxTrade[], options: UsTaxOptions): TaxResult {
  const sorted = [...trades].sort((a, b) => a.date.getTime() - b.date.getTime()); // stable: ties keep input order
  const run: Run = {
    options,
    method: options.method === 'average' ? 'fifo' : options.method,
    trades: sorted,
    lots: new Map(),
    openById: sorted.some((trade) => washSalesApply('US', options.washSaleScope, trade.assetClass)) ? new Map() : undefined,
    buysByAsset: new Map(),
    buysByGroup: new Map(),
    parts: new Map(),
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
      .flatMap((queue) => queue.lots())
      .sort((a, b) => a.acquiredAt.getTime() - b.acquiredAt.getTime() || a.seq - b.seq)
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
    const cost = compact(adjustment ? costs[i]!.plus(adjustment.basisAdded) : costs[i]!);
    queue.add({
      lotId: trade.id,
      seq: buySeq(run, index, i, parts.length),
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
  if (matched.lt(trade.quantity)) (run.result.leftOut ??= []).push({ tradeId: trade.id, reason: 'unmatched' });
  if (taken.length === 0) return;
  const shares = allocate(proceeds, taken.map((part) => part.quantity));
  const context = { jurisdiction: 'US' as const, method: run.options.method };
  const sold: Sold[] = taken.map((part, i) => ({ ...part, proceeds: shares[i]!, term: termOf(context, trade.assetClass, part, trade.date), rule: rules[i]! }));
  if (washSalesApply('US', run.options.washSaleScope, trade.assetClass)) {
    // Same-day losses in the order their shares were acquired (Treas. Reg. §1.1091-1(b)).
    const losses = sold.filter((part) => part.proceeds.lt(part.cost)).sort((a, b) => a.acquiredAt.getTime() - b.acquiredAt.getTime() || a.lot.seq - b.lot.seq);
    for (const part of losses) part.washSale = wash(run, trade, index, part);
  }
  if (run.options.keepDisposal && !run.options.keepDisposal(trade.date)) return;
  for (const term of [...new Set(sold.map((part) => part.term))]) {
    run.result.disposals.push(disposal(trade, sold.filter((part) => part.term === term), term));
  }
}

/**
 * `queue` is in the method's order. A sale naming its lot takes that lot first whatever the method
 * (Treas. Reg. §1.1012-1(c): the default applies only when the lot is not adequately identified),
 * then the method's order; 'specific' without a named lot is FIFO, the legal default.
 */
function select(run: Run, trade: TaxTrade, queue: LotQueue): { taken: Taken[]; rules: string[] } {
  const note = (message: string) => run.result.problems.push({ tradeId: trade.id, message });
  const order = run.method === 'specific' ? 'fifo' : run.method;
  const fallback =
    run.method === 'specific' ? 'matched FIFO, the default when shares are not adequately identified (Treas. Reg. §1.1012-1(c))' : `matched ${order.toUpperCase()}, the configured lot_selection`;
  if (!trade.lotRef) {
    if (run.method === 'specific') note(`No lotRef under specific identification: ${fallback}.`);
    const { taken } = queue.consume(trade.quantity);
    return { taken, rules: taken.map(() => order) };
  }
  // The named buy's open parts in this queue (its asset; its venue with perVenue), in recorded order.
  const named = queue.withLotId(trade.lotRef).sort((a, b) => a.seq - b.seq);
  if (named.length === 0) note(`lotRef "${trade.lotRef}" names no open ${trade.asset} lot: ${fallback}.`);
  const first = consume(named, trade.quantity);
  const rest = queue.consume(first.left);
  if (named.length > 0 && rest.taken.length > 0) {
    note(`lotRef "${trade.lotRef}" held only ${trade.quantity.minus(first.left).toFixed()} ${trade.asset}: the other ${first.left.minus(rest.left).toFixed()} ${fallback}.`);
  }
  return { taken: [...first.taken, ...rest.taken], rules: [...first.taken.map(() => 'specific'), ...rest.taken.map(() => order)] };
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
    matches: parts.map((part) => ({
      rule: part.rule,
      lotId: part.lotId,
      acquiredAt: part.acquiredAt,
      quantity: part.quantity,
      cost: part.cost,
      proceeds: part.proceeds,
      ...(part.washSale ? { disallowed: part.washSale.disallowed } : {}),
      term,
    })),
    washSale: mergeWashSales(parts.flatMap((part) => (part.washSale ? [part.washSale] : []))),
  });
}
