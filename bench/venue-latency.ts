// Status against five venues that each take `ms` to answer a request (balances, then prices): the
// snapshot asks every venue at once, so the total is two round trips, not ten. And one venue that
// never answers within monitoring.venue_timeout is cut off there, its holdings marked missing.
import { parseConfigText } from '../src/config.js';
import { fixedClock } from '../src/host/clock.js';
import { openLedger } from '../src/ledger/open-ledger.js';
import { Decimal } from '../src/money.js';
import type { Venue } from '../src/ports.js';
import { createSession } from '../src/rebalancer.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ASSETS = ['BTC', 'ETH', 'SOL', 'SPY', 'USDC'];

function slowVenue(id: string, ms: number): Venue {
  return {
    id,
    label: id,
    kind: 'cex',
    capabilities: { trade: true, limitOrders: true, marketOrders: true, withdraw: false, priceHistory: false },
    fetchBalances: async () => (await sleep(ms), ASSETS.map((asset) => ({ asset, total: new Decimal(1), free: new Decimal(1) }))),
    fetchPrices: async (assets) => (await sleep(ms), assets.map((asset) => ({ asset, price: new Decimal(asset === 'USDC' ? 1 : 100), at: new Date('2026-11-23T14:00:00Z'), source: id }))),
    fetchMarkets: async () => [],
  };
}

async function statusTime(delays: number[], timeout: string): Promise<{ ms: number; complete: boolean }> {
  const config = parseConfigText(`portfolio_rebalancer:\n  targets: {BTC: 20%, ETH: 20%, SOL: 20%, SPY: 20%, USDC: 20%}\n  cash_assets: [USDC]\n  monitoring: {venue_timeout: ${timeout}}\n`, 'bench');
  const ledger = openLedger(':memory:');
  const venues = delays.map((ms, i) => slowVenue(`v${i + 1}`, ms));
  const start = process.hrtime.bigint();
  const status = await createSession({ config, venues, ledger, clock: fixedClock(new Date('2026-11-23T14:00:00Z')) }).status();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  ledger.close();
  return { ms, complete: status.complete };
}

export async function venueLatency(): Promise<string> {
  const lines: string[] = [];
  for (const [label, delays, timeout] of [
    ['5 venues, 300 ms per request', [300, 300, 300, 300, 300], '10s'],
    ['5 venues, 150 ms per request (300 ms per venue answer)', [150, 150, 150, 150, 150], '10s'],
    ['4 venues at 300 ms + 1 that hangs 30 s, venue_timeout 1s', [300, 300, 300, 300, 30_000], '1s'],
  ] as const) {
    const runs = [];
    for (let i = 0; i < 5; i++) runs.push(await statusTime([...delays], timeout));
    const median = runs.map((r) => r.ms).sort((a, b) => a - b)[2]!;
    lines.push(`${label.padEnd(58)} status ${median.toFixed(0).padStart(5)} ms (median of 5), complete: ${runs[0]!.complete}`);
  }
  return lines.join('\n');
}
