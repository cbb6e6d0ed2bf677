// FR: the global value of the digital assets held just before each sale (form 2086 line 212),
// from the quantities the trades leave and each asset's price at the sale's own date. The sold
// asset is valued at the sale's own price; any other asset held without a price
// leaves the sale without a value, and the engine reports it (the report is then incomplete).
import { ZERO, type Decimal } from '../money.js';
import type { PriceAt } from './price-at.js';
import type { TaxTrade } from './types.js';

export interface FrValues {
  /** By sell trade id. */
  values: Map<string, Decimal>;
  /** By sell trade id: the assets held then that had no price. */
  unpriced: Map<string, string[]>;
}

export function frPortfolioValues(trades: readonly TaxTrade[], priceAt: PriceAt): FrValues {
  const values = new Map<string, Decimal>();
  const unpriced = new Map<string, string[]>();
  const held = new Map<string, Decimal>();
  for (const trade of trades.filter((t) => t.assetClass === 'crypto').sort((a, b) => a.date.getTime() - b.date.getTime())) {
    if (trade.side === 'sell') {
      let total = ZERO;
      const missing: string[] = [];
      for (const [asset, quantity] of held) {
        if (quantity.lte(0)) continue;
        // The sold asset's price at that instant is the sale's own.
        const price = asset === trade.asset && trade.quantity.gt(0) ? trade.total.div(trade.quantity) : priceAt(asset, trade.date);
        if (price) total = total.plus(price.times(quantity));
        else missing.push(asset);
      }
      if (missing.length === 0) values.set(trade.id, total);
      else unpriced.set(trade.id, missing);
    }
    const change = trade.side === 'buy' ? trade.quantity : trade.quantity.neg();
    held.set(trade.asset, (held.get(trade.asset) ?? ZERO).plus(change));
  }
  return { values, unpriced };
}
