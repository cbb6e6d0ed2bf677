// What each venue can spend, in each asset, as the plan goes: a pool per (venue, asset), and the
// cash value the whole plan may still spend above the reserve. Immutable: each move returns new
// funds, so a step's effect is exactly what it returns. Counts are worst case: a sale adds its
// proceeds at its limit price less the fee, a buy takes its cost at its limit price plus the fee.
import { type Decimal, ZERO } from '../money.js';
import type { Holding } from '../snapshot.js';
import type { MarketIndex } from './market-index.js';

export interface Funds {
  /** Spendable now, per venueKey(venue, asset), in the asset's units. Absent is zero. */
  pools: ReadonlyMap<string, Decimal>;
  /** Cash value, in the reporting currency, that may still be spent before the reserve is reached. */
  spendable: Decimal;
}

export interface CashPoolsInput {
  holdings: readonly Holding[];
  cashAssets: readonly string[];
  priceOf: (asset: string) => Decimal | undefined;
  reserveValue: Decimal;
}

/** The cash pools step: what is held on tradable venues, and the cash above the reserve (every venue's cash counts). */
export function openFunds(markets: MarketIndex, input: CashPoolsInput): Funds {
  const pools = new Map<string, Decimal>();
  let cashValue = ZERO;
  for (const holding of input.holdings) {
    const id = venueKey(holding.venue, holding.asset);
    const tradable = markets.venueById.get(holding.venue)?.tradable ?? false;
    pools.set(id, tradable ? (pools.get(id) ?? ZERO).plus(holding.quantity) : ZERO);
    if (input.cashAssets.includes(holding.asset)) cashValue = cashValue.plus(holding.quantity.times(input.priceOf(holding.asset) ?? ZERO));
  }
  return { pools, spendable: cashValue.minus(input.reserveValue) };
}

export function available(funds: Funds, venue: string, asset: string): Decimal {
  return funds.pools.get(venueKey(venue, asset)) ?? ZERO;
}

/** Adds `amount` (negative to take) to a pool and `value` (negative to spend) to what may be spent. */
export function move(funds: Funds, venue: string, asset: string, amount: Decimal, value = ZERO): Funds {
  const pools = new Map(funds.pools);
  pools.set(venueKey(venue, asset), available(funds, venue, asset).plus(amount));
  return { pools, spendable: funds.spendable.plus(value) };
}

/** Pools of `asset` holding something, largest first (then by venue): where a transfer may come from. */
export function poolsOf(funds: Funds, asset: string): { venue: string; available: Decimal }[] {
  const found: { venue: string; available: Decimal }[] = [];
  for (const [id, amount] of funds.pools) {
    const [venue, pooled] = id.split('\u0000') as [string, string];
    if (pooled === asset && amount.gt(0)) found.push({ venue, available: amount });
  }
  return found.sort((a, b) => b.available.cmp(a.available) || a.venue.localeCompare(b.venue));
}

export function venueKey(venue: string, asset: string): string {
  return `${venue}\u0000${asset}`;
}
