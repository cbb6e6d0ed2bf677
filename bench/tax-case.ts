// One tax-engine benchmark case in its own process, so its peak memory is its own:
// node build-bench/bench/tax-case.js COUNT JURISDICTION METHOD
// Prints one JSON line: the report's time, and the process's resident memory before and at peak.
import { Decimal } from '../src/money.js';
import { buildTaxReport } from '../src/tax/report.js';
import type { LotMethod } from '../src/tax/types.js';
import type { Jurisdiction } from '../src/config.js';
import { taxTrades } from './tax.js';

const [count = '100000', jurisdiction = 'US', method = 'fifo'] = process.argv.slice(2);
const trades = taxTrades(Number(count), 11, { crypto: true, lotRefs: method === 'specific' });
const rssBefore = process.memoryUsage().rss;
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
  histories: new Map(),
});
const ms = Number(process.hrtime.bigint() - start) / 1e6;
console.log(
  JSON.stringify({
    ms,
    trades: trades.length,
    rssBeforeMb: rssBefore / 2 ** 20,
    // maxRSS is in kibibytes: the most this process ever held, trades and report included.
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    disposals: report.allDisposals.length,
    openLots: report.openLots.length + report.pools.length,
    problems: report.problems.length,
  }),
);
