// Daily closes from an exchange's OHLCV candles, page by page from `from` to `to`. Each candle is
// dated by its opening day (UTC midnight) and priced at its close.
import type { Exchange, MarketInterface as Market } from 'ccxt';
import type { Decimal } from '../../money.js';
import type { PricePoint } from '../../ports.js';
import { dec } from './numbers.js';

const DAY = 86_400_000;
/** Enough pages for years of daily candles at the smallest page size of the five exchanges (100). */
const MAX_PAGES = 40;

export async function fetchDailyCloses(client: Exchange, market: Market, from: Date, to: Date, quoteValue: Decimal): Promise<PricePoint[]> {
  const points = new Map<number, PricePoint>();
  const start = Math.floor(from.getTime() / DAY) * DAY;
  let since = start;
  for (let page = 0; page < MAX_PAGES && since <= to.getTime(); page++) {
    const candles = await client.fetchOHLCV(market.symbol, '1d', since);
    let latest = -1;
    for (const [time, , , , close] of candles) {
      const price = dec(close);
      if (typeof time !== 'number' || !price || price.lte(0)) continue;
      latest = Math.max(latest, time);
      if (time >= start && time <= to.getTime()) points.set(time, { at: new Date(time), price: price.times(quoteValue) });
    }
    if (latest < since) break; // no progress: the exchange has nothing newer
    since = latest + DAY;
  }
  return [...points.values()].sort((a, b) => a.at.getTime() - b.at.getTime());
}
