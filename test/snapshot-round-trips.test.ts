// A status is one round trip to each venue: prices for the targets and cash are asked together with
// the balances; only a held asset beyond those needs a second, smaller price request.
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../src/host/clock.js';
import { Decimal } from '../src/money.js';
import type { Venue } from '../src/ports.js';
import { takeSnapshot } from '../src/take-snapshot.js';

function recordingVenue(held: string[]) {
  const events: string[] = [];
  let balancesDone = false;
  const venue: Venue = {
    id: 'ex',
    label: 'ex',
    kind: 'cex',
    capabilities: { trade: true, limitOrders: true, marketOrders: true, withdraw: false, priceHistory: false },
    fetchBalances: async () => {
      events.push('balances asked');
      await new Promise((resolve) => setImmediate(resolve));
      balancesDone = true;
      return held.map((asset) => ({ asset, total: new Decimal(1), free: new Decimal(1) }));
    },
    fetchPrices: async (assets) => {
      events.push(`prices asked for ${assets.join(',')}${balancesDone ? '' : ' before the balances came back'}`);
      return assets.map((asset) => ({ asset, price: new Decimal(10), at: new Date('2026-11-23T14:00:00Z'), source: 'ex' }));
    },
    fetchMarkets: async () => [],
  };
  return { venue, events };
}

const options = { clock: fixedClock(new Date('2026-11-23T14:00:00Z')), wanted: ['BTC', 'ETH'], alsoPrice: ['USDC'], configPrices: {}, currency: 'USD', timeoutMs: 1000, maxPriceAgeMs: 3_600_000 };

describe('snapshot round trips', () => {
  it('asks the prices of targets and cash together with the balances', async () => {
    const { venue, events } = recordingVenue(['BTC', 'USDC']);
    const snapshot = await takeSnapshot([venue], options);
    expect(events).toEqual(['balances asked', 'prices asked for BTC,ETH,USDC before the balances came back']);
    expect(snapshot.prices.get('BTC')?.price.toFixed()).toBe('10');
  });

  it('asks a second time only for held assets beyond them', async () => {
    const { venue, events } = recordingVenue(['BTC', 'DOGE']);
    const snapshot = await takeSnapshot([venue], options);
    expect(events).toEqual(['balances asked', 'prices asked for BTC,ETH,USDC before the balances came back', 'prices asked for DOGE']);
    expect(snapshot.prices.get('DOGE')?.price.toFixed()).toBe('10');
  });
});
