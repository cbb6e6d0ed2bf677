// Trade ids are t1, t2, ... in the order the orders were sized, across every step.
import type { Order } from './sizing.js';
import type { PlannedTrade } from './types.js';

export function withId(order: Order, n: number, waitsFor?: string): PlannedTrade {
  return { id: `t${n}`, ...order, ...(waitsFor ? { waitsFor } : {}) };
}
