// Seeded fault injection for simulated venues: the same seed gives the same failures, so a test
// or a demo of "a venue did not answer" is reproducible.
import { Decimal } from '../money.js';
import { VenueError } from '../errors.js';

export interface FaultPlan {
  fetch_balances: Decimal;
  fetch_prices: Decimal;
  seed: number;
}

export function createFaults(venue: string, plan: FaultPlan | undefined) {
  let state = (plan?.seed ?? 1) >>> 0;
  const next = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return (operation: 'fetch_balances' | 'fetch_prices') => {
    const rate = plan?.[operation];
    if (rate && rate.gt(0) && new Decimal(next()).lt(rate)) {
      throw new VenueError(venue, operation.replace('_', ' '), 'simulated fault (faults: in the config)', true);
    }
  };
}
