// The account behind a fake exchange: balances (free and locked), orders by client order id, and
// a fill model (a marketable order fills at once at the best bid or ask with a 0.1% fee in the
// quote; a resting limit order locks its funds; an IOC that cannot fill expires).
import { Decimal } from '../../src/money.js';

export type FakeStatus = 'open' | 'filled' | 'cancelled' | 'expired';

export interface FakeOrder {
  id: number;
  clientId: string;
  base: string;
  quote: string;
  side: 'buy' | 'sell';
  type: 'limit' | 'market';
  price: Decimal;
  qty: Decimal;
  filled: Decimal;
  average: Decimal;
  fee: Decimal;
  status: FakeStatus;
  time: number;
}

export interface PlaceInput {
  clientId: string;
  base: string;
  quote: string;
  side: 'buy' | 'sell';
  type: 'limit' | 'market';
  qty: Decimal;
  price?: Decimal | undefined;
  ioc?: boolean;
}

const FEE = new Decimal('0.001');

export function createFakeBook(start: Record<string, { free: string; locked: string }>, book: (base: string, quote: string) => { bid: Decimal; ask: Decimal }, now: () => number) {
  const free = new Map(Object.entries(start).map(([asset, amount]) => [asset, new Decimal(amount.free)]));
  // What the start shows locked stays locked: orders resting from before the fake was started.
  const locked = new Map(Object.entries(start).map(([asset, amount]) => [asset, new Decimal(amount.locked)]));
  const orders = new Map<string, FakeOrder>();
  let nextId = 1000;
  const add = (map: Map<string, Decimal>, asset: string, amount: Decimal) => map.set(asset, (map.get(asset) ?? new Decimal(0)).plus(amount));

  return {
    orders,
    balances: () => [...new Set([...free.keys(), ...locked.keys()])].map((asset) => ({ asset, free: free.get(asset) ?? new Decimal(0), locked: locked.get(asset) ?? new Decimal(0) })),
    place(input: PlaceInput): FakeOrder | 'duplicate' | 'insufficient' {
      if (orders.has(input.clientId)) return 'duplicate';
      const { bid, ask } = book(input.base, input.quote);
      const touch = input.side === 'buy' ? ask : bid;
      const marketable = input.type === 'market' || (input.side === 'buy' ? input.price!.gte(ask) : input.price!.lte(bid));
      const price = marketable ? touch : input.price!;
      const [spend, amount] = input.side === 'buy' ? [input.quote, input.qty.times(price)] : [input.base, input.qty];
      if ((free.get(spend) ?? new Decimal(0)).lt(amount)) return 'insufficient';
      const order: FakeOrder = { id: nextId++, clientId: input.clientId, base: input.base, quote: input.quote, side: input.side, type: input.type, price, qty: input.qty, filled: new Decimal(0), average: new Decimal(0), fee: new Decimal(0), status: 'open', time: now() };
      orders.set(input.clientId, order);
      if (marketable) {
        const cost = input.qty.times(price);
        order.fee = cost.times(FEE);
        add(free, spend, amount.negated());
        if (input.side === 'buy') add(free, input.base, input.qty);
        else add(free, input.quote, cost);
        add(free, input.quote, order.fee.negated());
        Object.assign(order, { filled: input.qty, average: price, status: 'filled' });
      } else if (input.ioc) {
        order.status = 'expired';
      } else {
        add(free, spend, amount.negated());
        add(locked, spend, amount);
      }
      return order;
    },
    cancel(clientId: string): FakeOrder | undefined {
      const order = orders.get(clientId);
      if (!order || order.status !== 'open') return undefined;
      const [spend, amount] = order.side === 'buy' ? [order.quote, order.qty.times(order.price)] : [order.base, order.qty];
      add(locked, spend, amount.negated());
      add(free, spend, amount);
      order.status = 'cancelled';
      return order;
    },
  };
}
