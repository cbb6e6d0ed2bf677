// The per-wallet lot matcher behind the DE and EU engines. Lots are kept per venue (wallet, depot)
// and asset; fifo/lifo/hifo are lot-queue's ordering table (ties by recorded order), a sell's lotRef
// is taken first where the rules honour it (then the method's order; 'specific' alone is FIFO),
// and 'average' re-prices a wallet's lots at their average cost before taking them
// FIFO, which is "average for the value, FIFO for the holding period" (BMF 6.3.2025). A sell of
// more than the wallet holds is refused and reported, so quantities are always conserved.
import { ZERO, type Decimal } from '../money.js';
import { holdingDays } from './holding-period.js';
import { allocate, compact, consume, LotQueue, orderLots, type Lot, type QueueMethod, type Taken } from './lot-queue.js';
import { disposalOf } from './disposal.js';
import type { AssetClass, Disposal, LotMatch, LotMethod, OpenLot, Pool, TaxResult, TaxTrade, Term } from './types.js';

/** What a jurisdiction decides; the engine does the bookkeeping. */
export interface LotRules {
  /** The lot method for this asset class (a jurisdiction may force one). */
  methodFor(assetClass: AssetClass): LotMethod;
  /** Why the configured method is not used for this asset class, if it is not; reported at the class's first sell. */
  methodNote?(assetClass: AssetClass): string | undefined;
  /** Whether a sell that names its lot is matched to it first, whatever the method (rulebook.ts's honoursLotRef). */
  honoursLotRef(assetClass: AssetClass): boolean;
  /** Why a sell's lotRef is not followed where it is not honoured (a generic note by default). */
  lotRefNote?(trade: TaxTrade): string;
  /** The term of a part of `trade` matched to a lot acquired at `acquiredAt`. */
  termOf(trade: TaxTrade, acquiredAt: Date): Term;
}

interface Wallet {
  venue: string;
  asset: string;
  assetClass: AssetClass;
  /** In the order the wallet's method takes them ('average' and 'specific' fall back to FIFO). */
  lots: LotQueue;
  /** The sum of the lots' quantities, kept as they change: no re-summing at every sell. */
  held: Decimal;
}

interface Part extends Taken {
  rule: string;
  term: Term;
}

export function matchLots(trades: readonly TaxTrade[], rules: LotRules, snapshotAt?: Date, keepDisposal?: (date: Date) => boolean): TaxResult {
  const result: TaxResult = { disposals: [], openLots: [], pools: [], problems: [] };
  const wallets = new Map<string, Wallet>();
  const methodNoted = new Set<AssetClass>();
  const note = (tradeId: string, message: string) => result.problems.push({ tradeId, message });
  const unmatched = (tradeId: string, message: string) => {
    result.problems.push({ tradeId, message });
    (result.leftOut ??= []).push({ tradeId, reason: 'unmatched' });
  };
  let seq = 0;
  // Array.prototype.sort is stable: trades at the same instant keep their input order.
  for (const trade of [...trades].sort((a, b) => a.date.getTime() - b.date.getTime())) {
    if (snapshotAt && !result.snapshot && trade.date >= snapshotAt) result.snapshot = holdings(wallets, rules);
    if (!trade.quantity.gt(0)) {
      note(trade.id, `Quantity ${trade.quantity.toFixed()} ${trade.asset} is not positive: trade skipped.`);
      continue;
    }
    const wallet = walletOf(wallets, trade, rules);
    if (trade.side === 'buy') {
      wallet.held = wallet.held.plus(trade.quantity);
      wallet.lots.add(lotOf(trade, seq++));
      continue;
    }
    const held = wallet.held;
    if (held.lt(trade.quantity)) {
      unmatched(
        trade.id,
        `Cannot sell ${trade.quantity.toFixed()} ${trade.asset} on "${trade.venue}": it holds ${held.toFixed()} ${trade.asset}. ` +
          'The sell is left out of the report; import the missing buys or transfers into this wallet.',
      );
      continue;
    }
    const method = rules.methodFor(trade.assetClass);
    const methodNote = methodNoted.has(trade.assetClass) ? undefined : rules.methodNote?.(trade.assetClass);
    methodNoted.add(trade.assetClass);
    if (methodNote) note(trade.id, methodNote);
    const honoured = rules.honoursLotRef(trade.assetClass);
    if (trade.lotRef !== undefined && !honoured) {
      note(trade.id, rules.lotRefNote?.(trade) ?? `lotRef "${trade.lotRef}" ignored: the lot method is ${method}, which has no individual lots.`);
    }
    const named = honoured ? trade.lotRef : undefined;
    const taken = take(wallet, trade, method, named, (message) => note(trade.id, message));
    wallet.held = wallet.held.minus(trade.quantity);
    if (keepDisposal && !keepDisposal(trade.date)) continue;
    const parts = taken.map((part) => ({ ...part, term: rules.termOf(trade, part.acquiredAt) }));
    for (const disposal of splitByTerm(trade, parts)) result.disposals.push(disposal);
  }
  const end = holdings(wallets, rules);
  result.openLots = end.openLots;
  result.pools = end.pools;
  if (snapshotAt && !result.snapshot) result.snapshot = end;
  return result;
}

/** The open lots (and, under 'average', each wallet's pool) as they stand. */
function holdings(wallets: ReadonlyMap<string, Wallet>, rules: LotRules): { openLots: OpenLot[]; pools: Pool[] } {
  const openLots: OpenLot[] = [];
  const pools: Pool[] = [];
  for (const wallet of wallets.values()) {
    const average = rules.methodFor(wallet.assetClass) === 'average';
    const lots = orderLots(wallet.lots.lots(), 'fifo');
    if (average) reprice(lots);
    for (const lot of lots) openLots.push(toOpenLot(lot));
    const quantity = wallet.held;
    if (average && quantity.gt(0)) pools.push({ asset: wallet.asset, venue: wallet.venue, quantity, cost: lots.reduce((acc, lot) => acc.plus(lot.cost), ZERO) });
  }
  return { openLots, pools };
}

/** Takes the sell's quantity (the caller checked the wallet holds it) and drops emptied lots. */
function take(wallet: Wallet, trade: TaxTrade, method: LotMethod, lotRef: string | undefined, note: (message: string) => void): Omit<Part, 'term'>[] {
  const parts: Omit<Part, 'term'>[] = [];
  let left = trade.quantity;
  const order = queueMethod(method);
  const restRule = method === 'average' ? 'average' : order;
  if (lotRef !== undefined) {
    const named = wallet.lots.withLotId(lotRef);
    if (named.length === 0) {
      note(`lotRef "${lotRef}" names no open ${trade.asset} lot on "${trade.venue}": matched ${restRule.toUpperCase()} instead.`);
    } else {
      const first = consume(named, left);
      parts.push(...first.taken.map((part) => ({ ...part, rule: 'specific' })));
      if (first.left.gt(0)) {
        note(`lotRef "${lotRef}" held only ${left.minus(first.left).toFixed()} ${trade.asset}: the other ${first.left.toFixed()} matched ${restRule.toUpperCase()}.`);
      }
      left = first.left;
    }
  }
  if (method === 'average') reprice(wallet.lots.open);
  const rest = wallet.lots.consume(left);
  parts.push(...rest.taken.map((part) => ({ ...part, rule: restRule })));
  wallet.lots.removeEmpty(parts.map((part) => part.lot));
  return parts;
}

/** Every lot at the wallet's average unit cost; the total cost is unchanged (allocate is exact). */
function reprice(lots: readonly Lot[]): void {
  if (lots.length === 0) return;
  const total = lots.reduce((acc, lot) => acc.plus(lot.cost), ZERO);
  allocate(
    total,
    lots.map((lot) => lot.quantity),
  ).forEach((cost, i) => {
    lots[i]!.cost = cost;
  });
}

/** One Disposal per term, in the order the terms first appear; proceeds split pro rata by quantity over the parts, exactly. */
function splitByTerm(trade: TaxTrade, parts: readonly Part[]): Disposal[] {
  const shares = allocate(trade.total.minus(trade.fee), parts.map((part) => part.quantity));
  const withProceeds = parts.map((part, i) => ({ ...part, proceeds: shares[i]! }));
  const terms = [...new Set(parts.map((part) => part.term))];
  return terms.map((term) => {
    const group = withProceeds.filter((part) => part.term === term);
    const total = (pick: (part: (typeof group)[number]) => Decimal) => group.reduce((acc, part) => acc.plus(pick(part)), ZERO);
    const start = group.reduce((min, part) => Math.min(min, part.holdingStart.getTime()), Infinity);
    const matches: LotMatch[] = group.map((part) => ({ rule: part.rule, lotId: part.lotId, acquiredAt: part.acquiredAt, quantity: part.quantity, cost: part.cost, proceeds: part.proceeds, term }));
    return disposalOf(trade, {
      quantity: total((part) => part.quantity),
      proceeds: total((part) => part.proceeds),
      cost: total((part) => part.cost),
      term,
      holdingDays: holdingDays(new Date(start), trade.date),
      matches,
    });
  });
}

const queueMethod = (method: LotMethod): QueueMethod => (method === 'lifo' || method === 'hifo' ? method : 'fifo');

function walletOf(wallets: Map<string, Wallet>, trade: TaxTrade, rules: LotRules): Wallet {
  const key = `${trade.venue}\u0000${trade.asset}`;
  let wallet = wallets.get(key);
  if (!wallet) {
    const lots = new LotQueue(queueMethod(rules.methodFor(trade.assetClass)));
    wallets.set(key, (wallet = { venue: trade.venue, asset: trade.asset, assetClass: trade.assetClass, lots, held: ZERO }));
  }
  return wallet;
}

/** A buy's lot; `seq` is its recorded order (the tie-break of every method). */
function lotOf(trade: TaxTrade, seq: number): Lot {
  const { id: lotId, asset, assetClass, venue, date, quantity } = trade;
  return { lotId, seq, asset, assetClass, venue, acquiredAt: date, holdingStart: date, quantity, cost: compact(trade.total.plus(trade.fee)), replacement: false };
}

function toOpenLot(lot: Lot): OpenLot {
  return { lotId: lot.lotId, asset: lot.asset, venue: lot.venue, acquiredAt: lot.acquiredAt, holdingStart: lot.holdingStart, quantity: lot.quantity, cost: lot.cost };
}
