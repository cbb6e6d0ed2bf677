// One tax-engine benchmark case in its own process, so its peak memory is its own:
// node build-bench/bench/tax-case.js COUNT JURISDICTION METHOD [SELL_SHARE]
// Prints one JSON line: the report's time, and the process's resident memory before and at peak.
import { Decimal } from '../src/money.js';
import { buildTaxReport } from '../src/tax/report.js';
import type { LotMethod } from '../src/tax/types.js';
import type { Jurisdiction } from '../src/config.js';
import type { PricePoint } from '../src/ports.js';
import { taxTrades } from './tax.js';

const [count = '100000', jurisdiction = 'US', method = 'fifo', sells = '0.48'] = process.argv.slice(2);
const trades = taxTrades(Number(count), 11, { crypto: true, lotRefs: method === 'specific', sells: Number(sells) });
// FR values the whole portfolio at each sale: monthly closes of every asset (2018 to 2026).
const histories = new Map<string, PricePoint[]>();
if (jurisdiction === 'FR') {
  for (const asset of new Set(trades.map((trade) => trade.asset))) {
    histories.set(asset, Array.from({ length: 9 * 12 }, (_, month) => ({ at: new Date(Date.UTC(2018, month, 1)), price: new Decimal(100 + ((month * 37) % 900)) })));
  }
}
// With --expose-gc: the live size of the trades alone, garbage from generating them collected.
(globalThis as { gc?: () => void }).gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const rssBefore = process.memoryUsage().rss;
const cpuBefore = process.cpuUsage();
const start = process.hrtime.bigint();
const report = buildTaxReport({
  trades,
  jurisdiction: jurisdiction as Jurisdiction,
  method: method as LotMethod,
  year: 2025,
  washSaleDays: 30,
  washSaleScope: 'securities',
  perVenue: true,
  eu: { yearlyExemption: new Decimal(0) },
  histories,
});
const ms = Number(process.hrtime.bigint() - start) / 1e6;
const cpu = process.cpuUsage(cpuBefore);
console.log(
  JSON.stringify({
    ms,
    // CPU time (user + system): on a shared machine the wall clock also counts other processes.
    cpuMs: (cpu.user + cpu.system) / 1000,
    trades: trades.length,
    tradesHeapMb: heapBefore / 2 ** 20,
    rssBeforeMb: rssBefore / 2 ** 20,
    // maxRSS is in kibibytes: the most this process ever held, trades and report included.
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    disposals: report.allDisposals.length,
    openLots: report.openLots.length + report.pools.length,
    problems: report.problems.length,
  }),
);
