// Tax engine benchmarks: a report over 100,000 trades and 10,000 open lots, and one sell's lot
// selection over 10,000 lots. Seeded, so every run measures the same work.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Decimal } from '../src/money.js';
import { defaultRates, estimateSellTaxes } from '../src/tax-optimizer.js';
import { buildTaxReport } from '../src/tax/report.js';
import type { OpenLot, TaxTrade } from '../src/tax/types.js';
import { mulberry32 } from '../test/helpers/random-portfolio.js';

/**
 * `crypto`: every asset as crypto on one exchange; `lotRefs`: each sell names the asset's latest buy;
 * `sells`: the share of trades that sell (0.48: lots come and go; 0.1: a DCA history accumulating lots).
 */
export function taxTrades(count: number, seed = 11, shape: { crypto?: boolean; lotRefs?: boolean; sells?: number } = {}): TaxTrade[] {
  const rng = mulberry32(seed);
  const fee = new Decimal('0.5'); // one Decimal for every trade's fee, not a million equal ones
  const lastBuy = new Map<string, string>();
  const assets = ['BTC', 'ETH', 'SOL', 'SPY', 'VOO', 'AAPL', 'MSFT', 'LINK', 'ADA', 'DOT'];
  const held = new Map<string, Decimal>();
  const trades: TaxTrade[] = [];
  const start = Date.UTC(2018, 0, 1);
  for (let i = 0; i < count; i++) {
    const asset = assets[Math.floor(rng() * assets.length)]!;
    const date = new Date(start + Math.floor((i / count) * 8 * 365 * 86_400_000));
    const price = new Decimal(Math.floor(rng() * 100_000) + 100).div(100);
    const have = held.get(asset) ?? new Decimal(0);
    // Sells the size of a typical buy, so each consumes a few lots, as in a real history.
    const sell = have.gt(1) && rng() < (shape.sells ?? 0.48);
    const size = new Decimal(Math.floor(rng() * 1000) + 1).div(100);
    const quantity = sell ? Decimal.min(have, size) : size;
    if (quantity.lte(0)) continue;
    held.set(asset, sell ? have.minus(quantity) : have.plus(quantity));
    const security = !shape.crypto && ['SPY', 'VOO', 'AAPL', 'MSFT'].includes(asset);
    const lotRef = sell && shape.lotRefs ? lastBuy.get(asset) : undefined;
    if (!sell) lastBuy.set(asset, `t${i}`);
    trades.push({ id: `t${i}`, date, side: sell ? 'sell' : 'buy', asset, assetClass: security ? 'security' : 'crypto', quantity, total: quantity.times(price), fee, venue: security ? 'broker' : 'exchange', ...(lotRef ? { lotRef } : {}) });
  }
  return trades;
}

function median(fn: () => unknown, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

export function taxBenchmarks(): string {
  const lines: string[] = [];
  const report = (trades: TaxTrade[], jurisdiction: 'US' | 'UK' | 'DE', year: number) =>
    buildTaxReport({ trades, jurisdiction, method: 'fifo', year, washSaleDays: 30, washSaleScope: 'securities', perVenue: true, eu: { yearlyExemption: new Decimal(0) }, histories: new Map() });
  const crypto = taxTrades(100_000).map((trade) => ({ ...trade, assetClass: 'crypto' as const, venue: 'exchange' }));
  for (const jurisdiction of ['US', 'UK', 'DE'] as const) {
    for (const year of [2025, 2024]) {
      let result: ReturnType<typeof report> | undefined;
      const took = median(() => (result = report(crypto, jurisdiction, year)), 3);
      lines.push(`${jurisdiction} report for ${year} over ${crypto.length.toLocaleString('en-US')} crypto trades: ${took.toFixed(0)} ms (${result!.disposals.length.toLocaleString('en-US')} disposals, ${(result!.openLots.length || result!.pools.length).toLocaleString('en-US')} open lots or pools at the end${year === 2024 ? '; a past year: its end holdings are taken in the same replay' : ''})`);
    }
  }
  // Securities traded every few hours at a loss wash constantly, and each wash splits a lot.
  const mixed = taxTrades(20_000);
  let washed: ReturnType<typeof report> | undefined;
  const took = median(() => (washed = report(mixed, 'US', 2025)), 3);
  lines.push(`US report over ${mixed.length.toLocaleString('en-US')} trades, 40% of them securities washing constantly: ${took.toFixed(0)} ms (${washed!.disposals.filter((d) => d.washSale).length.toLocaleString('en-US')} washed disposals)`);
  const rng = mulberry32(5);
  const lots: OpenLot[] = Array.from({ length: 10_000 }, (_, i) => {
    const acquiredAt = new Date(Date.UTC(2020, 0, 1) + i * 3_600_000);
    const quantity = new Decimal(Math.floor(rng() * 1000) + 1).div(100);
    return { lotId: `lot${i}`, venue: 'v', asset: 'BTC', acquiredAt, holdingStart: acquiredAt, quantity, cost: quantity.times(Math.floor(rng() * 100_000) + 1) };
  });
  const quantity = new Decimal(250);
  const sale = [{ id: 's', venue: 'v', asset: 'BTC', quantity, value: quantity.times(98_000), feeValue: new Decimal(0) }];
  for (const method of ['fifo', 'hifo', 'specific'] as const) {
    const took = median(() => estimateSellTaxes(sale, { jurisdiction: 'US', method, now: new Date('2026-11-23T00:00:00Z'), lots, assetClass: () => 'crypto', rates: (c) => defaultRates('US', c) }), 21);
    lines.push(`one sale's lots and tax over 10,000 lots (${method}): ${took.toFixed(2)} ms`);
  }
  return lines.join('\n');
}

/** Methods each jurisdiction honours (UK and FR have one rule whatever the method; DE takes no HIFO). */
const METHODS: Record<string, readonly string[]> = {
  US: ['fifo', 'lifo', 'hifo', 'specific'],
  UK: ['fifo'],
  DE: ['fifo', 'lifo', 'specific', 'average'],
  FR: ['fifo'],
  EU: ['fifo', 'lifo', 'hifo', 'specific', 'average'],
};

/**
 * Reports over `sizes` crypto trades for every method of every jurisdiction, each case in a child
 * process (time of buildTaxReport, and the child's peak resident memory, trades included).
 */
export function taxScaleBenchmarks(sizes: readonly number[], log: (line: string) => void = console.log, only?: readonly string[]): void {
  const script = fileURLToPath(new URL('./tax-case.js', import.meta.url));
  // Besides every method: DCA histories that mostly buy, where open lots pile up (HIFO inserts mid-queue).
  const cases = [...Object.entries(METHODS).flatMap(([j, methods]) => methods.map((m) => [j, m, '0.48'])), ['US', 'hifo', '0.1'], ['EU', 'hifo', '0.1'], ['US', 'lifo', '0.1']];
  for (const size of sizes) {
    for (const [jurisdiction, method, sells] of cases as [string, string, string][]) {
      if (only && !only.includes(`${jurisdiction}:${method}${sells === '0.48' ? '' : `:${sells}`}`)) continue;
      const label = `${size.toLocaleString('en-US')} ${sells === '0.48' ? 'trades' : 'DCA trades'}, ${jurisdiction} ${jurisdiction === 'UK' || jurisdiction === 'FR' ? '(own rules)' : method}`;
      try {
        const out = execFileSync(process.execPath, ['--expose-gc', script, String(size), jurisdiction, method, sells], { encoding: 'utf8', timeout: 600_000, maxBuffer: 1 << 20 });
        const r = JSON.parse(out.trim().split('\n').at(-1)!) as { ms: number; cpuMs: number; tradesHeapMb: number; rssBeforeMb: number; peakRssMb: number; disposals: number; openLots: number };
        const s = (ms: number) => `${(ms / 1000).toFixed(2).padStart(6)} s`;
        log(`${label.padEnd(34)} ${s(r.ms)} wall, ${s(r.cpuMs)} CPU; peak RSS ${r.peakRssMb.toFixed(0).padStart(5)} MB (trades alone: ${r.tradesHeapMb.toFixed(0)} MB heap, ${r.rssBeforeMb.toFixed(0)} MB RSS); ${r.disposals.toLocaleString('en-US')} disposals, ${r.openLots.toLocaleString('en-US')} open lots/pools`);
      } catch (error) {
        log(`${label.padEnd(36)} failed: ${(error as Error).message.split('\n')[0]}`);
      }
    }
  }
}
