// The heap-backed LotQueue against the simplest correct queue: a sorted array re-sorted at every
// add. Same lots taken, in the same order, with the same quantities and costs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../src/money.js';
import { compareLots, consume, LotQueue, type Keyed, type Lot, type QueueMethod } from '../src/tax/lot-queue.js';
import { computeUs } from '../src/tax/us.js';
import type { TaxTrade } from '../src/tax/types.js';

const DAY = 86_400_000;

function lot(lotId: string, seq: number, day: number, quantity: string, cost: string): Lot {
  const at = new Date(Date.UTC(2024, 0, 1) + day * DAY);
  return { lotId, seq, asset: 'BTC', assetClass: 'crypto', venue: 'v', acquiredAt: at, holdingStart: at, quantity: new Decimal(quantity), cost: new Decimal(cost), replacement: false };
}

/** The reference: every lot keyed when added, the array stably re-sorted at every add. */
class SortedQueue {
  private keyed: Keyed[] = [];
  constructor(private readonly method: QueueMethod) {}
  add(added: Lot): void {
    this.keyed.push({ lot: added, unitBasis: this.method === 'hifo' ? added.cost.div(added.quantity) : added.cost });
    this.keyed.sort(compareLots(this.method));
  }
  consume(quantity: Decimal) {
    const result = consume(this.keyed.map((k) => k.lot), quantity);
    this.keyed = this.keyed.filter((k) => k.lot.quantity.gt(0));
    return result;
  }
}

type Op = { kind: 'add'; part: boolean; day: number; quantity: number; cost: number } | { kind: 'take'; quantity: number };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  // Few days, few costs and quantities: ties in time and in unit basis are common.
  fc.record({ kind: fc.constant('add' as const), part: fc.boolean(), day: fc.integer({ min: 0, max: 3 }), quantity: fc.integer({ min: 1, max: 4 }), cost: fc.constantFrom(10, 12, 20, 30) }),
  fc.record({ kind: fc.constant('take' as const), quantity: fc.integer({ min: 1, max: 7 }) }),
);

describe('LotQueue (binary heap) takes lots exactly as a sorted array does', () => {
  for (const method of ['fifo', 'lifo', 'hifo'] as const) {
    it(`${method}: same lots, order, quantities and costs, with ties and partial takes`, () => {
      fc.assert(
        fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
          const heap = new LotQueue(method);
          const sorted = new SortedQueue(method);
          let last: { lotId: string; seq: number; day: number } | undefined;
          ops.forEach((op, i) => {
            if (op.kind === 'add') {
              // A part reuses the previous buy's id, seq and date, as a wash-sale split does.
              const id = op.part && last ? last : { lotId: `L${i}`, seq: i, day: op.day };
              last = id;
              const q = String(op.quantity / 2);
              heap.add(lot(id.lotId, id.seq, id.day, q, String(op.cost)));
              sorted.add(lot(id.lotId, id.seq, id.day, q, String(op.cost)));
              return;
            }
            const quantity = new Decimal(op.quantity).div(3);
            const got = heap.consume(quantity);
            const want = sorted.consume(quantity);
            const show = (r: typeof got) => [r.left.toFixed(), ...r.taken.map((t) => `${t.lotId}#${t.lot.seq}:${t.quantity.toFixed()}@${t.cost.toFixed()}`)];
            expect(show(got)).toEqual(show(want));
          });
          const rest = (q: { consume(x: Decimal): ReturnType<LotQueue['consume']> }) => q.consume(new Decimal(1e9)).taken.map((t) => `${t.lotId}:${t.quantity.toFixed()}@${t.cost.toFixed()}`);
          expect(rest(heap)).toEqual(rest(sorted));
          expect(heap.size).toBe(0);
        }),
        { numRuns: 300 },
      );
    });
  }

  it('removes a lot emptied outside the front (a named lot) and keeps the rest in order', () => {
    const queue = new LotQueue('hifo');
    const lots = [lot('a', 0, 0, '1', '10'), lot('b', 1, 1, '1', '30'), lot('c', 2, 2, '1', '20')];
    lots.forEach((l) => queue.add(l));
    const named = queue.withLotId('c');
    expect(named.map((l) => l.lotId)).toEqual(['c']);
    consume(named, new Decimal(1));
    queue.removeEmpty(named);
    expect(queue.open.map((l) => l.lotId)).toEqual(['b', 'a']);
    expect(queue.withLotId('c')).toEqual([]);
  });
});

describe('Ties follow the recorded order (issue #8), not the lot id', () => {
  const at = new Date('2024-03-01T00:00:00Z');
  const buy = (id: string, price: number): TaxTrade => ({ id, date: at, side: 'buy', asset: 'BTC', assetClass: 'crypto', quantity: new Decimal(1), total: new Decimal(price), fee: new Decimal(0), venue: 'v' });
  const sell: TaxTrade = { id: 's', date: new Date('2024-04-01T00:00:00Z'), side: 'sell', asset: 'BTC', assetClass: 'crypto', quantity: new Decimal(1), total: new Decimal(150), fee: new Decimal(0), venue: 'v' };
  const options = { washSaleDays: 30, washSaleScope: 'securities' as const };
  // Names that sort against the recorded order, so a tie by id would pick the other lot.
  const trades = [buy('z-first', 100), buy('a-second', 100), sell];

  it('LIFO takes the later-listed of two buys at one instant', () => {
    const listed = [buy('a-first', 100), buy('z-second', 100), sell];
    expect(computeUs(listed, { ...options, method: 'lifo' }).disposals[0]!.matches.map((m) => m.lotId)).toEqual(['z-second']);
  });
  it('FIFO and HIFO (equal basis) take the earlier-listed one', () => {
    expect(computeUs(trades, { ...options, method: 'fifo' }).disposals[0]!.matches.map((m) => m.lotId)).toEqual(['z-first']);
    expect(computeUs(trades, { ...options, method: 'hifo' }).disposals[0]!.matches.map((m) => m.lotId)).toEqual(['z-first']);
  });
});
