// After DEX trades take their quotes, a buy on a DEX may cost more than the plan set aside (the
// quote's price is worse than the snapshot's by the pool fee and the impact), or a sale whose
// proceeds it counted on may have shrunk. Its swap would then revert in the user's wallet. So each
// DEX venue's quote cash is counted again in plan order (what it holds, plus what its kept sales
// bring) and a buy that no longer fits is cut to what does, on its amount step, or left out. Pure.
import type { Diagnostic } from '../diagnostics.js';
import { floorToStep, ZERO, type Decimal } from '../money.js';
import type { Holding } from '../snapshot.js';
import { venueKey } from './funds.js';
import type { PlannedTrade, VenueInfo } from './types.js';

export function fundSwapBuys(trades: readonly PlannedTrade[], holdings: readonly Holding[], venues: readonly VenueInfo[]): { trades: PlannedTrade[]; diagnostics: Diagnostic[] } {
  const cash = new Map<string, Decimal>();
  const left = (venue: string, asset: string) => cash.get(venueKey(venue, asset)) ?? holdings.find((h) => h.venue === venue && h.asset === asset)?.quantity ?? ZERO;
  const diagnostics: Diagnostic[] = [];
  const kept: PlannedTrade[] = [];
  for (const trade of trades) {
    // A buy waiting for a transfer is funded by it; other venues' trades are not swaps.
    if (!trade.swap || trade.waitsFor) {
      kept.push(trade);
      continue;
    }
    const key = venueKey(trade.venue, trade.quote);
    const has = left(trade.venue, trade.quote);
    if (trade.side === 'sell' || trade.notional.lte(has)) {
      cash.set(key, trade.side === 'sell' ? has.plus(trade.notional) : has.minus(trade.notional));
      kept.push(trade);
      continue;
    }
    const step = venues.find((v) => v.id === trade.venue)?.markets.find((m) => m.symbol === trade.market)?.amountStep ?? trade.quantity;
    const quantity = floorToStep(has.div(trade.price), step);
    const what = `buy ${trade.quantity.toFixed()} ${trade.asset} on ${trade.venueLabel}`;
    const costs = `costs ${trade.notional.toDecimalPlaces(2).toFixed()} ${trade.quote} at its quote; ${has.toDecimalPlaces(2).toFixed()} ${trade.quote} is there for it`;
    if (quantity.lte(0)) {
      diagnostics.push({ severity: 'warning', code: 'plan.skipped', venue: trade.venue, asset: trade.asset, message: `skipped: ${what} ${costs}.` });
      continue;
    }
    // The smaller buy keeps the larger one's price and amounts pro rata: its real price is no worse.
    const share = quantity.div(trade.quantity);
    const swap = { ...trade.swap, amountIn: trade.swap.amountIn.times(share), amountOut: trade.swap.amountOut.times(share) };
    const resized = { ...trade, quantity, notional: trade.notional.times(share), value: trade.value.times(share), fee: trade.fee.times(share), feeValue: trade.feeValue.times(share), swap };
    diagnostics.push({ severity: 'warning', code: 'swap.underfunded', venue: trade.venue, asset: trade.asset, message: `${trade.venueLabel}: the ${what} ${costs}; ${quantity.toFixed()} ${trade.asset} kept.` });
    cash.set(key, has.minus(resized.notional));
    kept.push(resized);
  }
  return { trades: kept, diagnostics };
}
