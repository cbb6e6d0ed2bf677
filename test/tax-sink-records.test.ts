// The CapitalGain records an executed sale sends to the tax sink are the same figures, lot by lot,
// as that sale's rows of `kit tax report --csv`: a wash-sale disallowance stays on the loss lot
// (Rev. Rul. 70-231), it is not spread over the whole sale.
import { describe, expect, it } from 'vitest';
import { taxReportCsv } from '../src/cli/render-tax-report.js';
import { parseConfigText } from '../src/config.js';
import { fixedClock } from '../src/host/clock.js';
import { openLedger } from '../src/ledger/open-ledger.js';
import { Decimal } from '../src/money.js';
import type { TradeRecord } from '../src/ports.js';
import { runDisposals } from '../src/rebalancer/execute/disposals.js';
import { ledgerTaxTrades, stateInput } from '../src/rebalancer/tax-state.js';
import { buildTaxReport } from '../src/tax/report.js';

const trade = (id: string, day: string, side: 'buy' | 'sell', quantity: number, price: number, rebalanceId?: string): TradeRecord => ({
  id,
  source: rebalanceId ? 'rebalance' : 'import',
  venue: 'ibkr',
  executedAt: new Date(`${day}T15:00:00Z`),
  side,
  asset: 'SPY',
  assetClass: 'security',
  quantity: new Decimal(quantity),
  price: new Decimal(price),
  fee: new Decimal(0),
  currency: 'USD',
  rebalanceId,
});

describe('tax sink records', () => {
  it('carry each lot its own proceeds and recognised gain, as the CSV does', () => {
    const config = parseConfigText('portfolio_rebalancer:\n  tax: {jurisdiction: US, lot_selection: fifo}\n', 'test');
    const ledger = openLedger(':memory:');
    // A gain lot and a loss lot sold together; the loss lot's shares are bought back within 30 days.
    ledger.recordTrades([trade('b1', '2026-01-05', 'buy', 10, 100), trade('b2', '2026-02-02', 'buy', 10, 200), trade('s1', '2026-03-02', 'sell', 20, 150, 'r1'), trade('b3', '2026-03-10', 'buy', 10, 150)]);
    const now = new Date('2026-03-15T12:00:00Z');
    const records = runDisposals({ config, ledger, clock: fixedClock(now), venues: [] }, 'r1');
    const csv = taxReportCsv(buildTaxReport(stateInput(config, ledgerTaxTrades(ledger), now))).split('\n').slice(1).map((line) => line.split(','));
    ledger.close();
    expect(records.map((r) => [r.tradeId, r.quantity.toFixed(), r.costBasis.toFixed(), r.proceeds.toFixed(), r.gain.toFixed(), String(r.holdingDays), r.lotId])).toEqual(
      csv.filter((row) => row[0] === 's1').map((row) => [row[0], row[2], row[3], row[4], row[5], row[6], row[10]]),
    );
    // The gain lot keeps its +500; the loss lot's -500 is disallowed (0 recognised), not split 250/250.
    expect(records.map((r) => `${r.lotId} ${r.gain.toFixed()}`)).toEqual(['b1 500', 'b2 0']);
  });
});
