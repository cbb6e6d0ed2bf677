// The Tax Calculator feed (`kit tax report --csv`): its CapitalGain field order, whole holding days
// (floored like Python's timedelta.days), and is_long_term by the law rather than the skill's
// `>= 365` (IRS Pub 550: long-term is MORE than one year; §23 EStG: over a year is exempt).
import { describe, expect, it } from 'vitest';
import { CSV_HEADER, taxReportCsv } from '../src/cli/render-tax-report.js';
import { Decimal } from '../src/money.js';
import { buildTaxReport, type TaxReportInput } from '../src/tax/report.js';
import type { TaxTrade } from '../src/tax/types.js';

const d = (value: number) => new Decimal(value);
const trade = (id: string, date: string, side: 'buy' | 'sell', total: number, assetClass: TaxTrade['assetClass'] = 'crypto'): TaxTrade => ({
  id,
  date: new Date(date),
  side,
  asset: 'ETH',
  assetClass,
  quantity: d(1),
  total: d(total),
  fee: d(0),
  venue: 'coinbase',
});
const input = (jurisdiction: 'US' | 'DE', year: number, trades: TaxTrade[]): TaxReportInput => ({
  trades,
  jurisdiction,
  method: 'fifo',
  year,
  washSaleDays: 30,
  washSaleScope: 'securities',
  perVenue: jurisdiction === 'DE',
  eu: { yearlyExemption: d(0) },
  histories: new Map(),
});
const rows = (report: ReturnType<typeof buildTaxReport>) => taxReportCsv(report).split('\n');

describe('kit tax report --csv for the Tax Calculator', () => {
  it("has the CapitalGain dataclass's fields in its order", () => {
    expect(CSV_HEADER.split(',')).toEqual(['trade_id', 'asset', 'quantity', 'cost_basis', 'proceeds', 'gain_loss', 'holding_period_days', 'is_long_term', 'acquisition_date', 'disposal_date', 'lot_id']);
  });

  it('US: a sale on the anniversary is 365 whole days and short-term; the day after, long-term', () => {
    const onAnniversary = buildTaxReport(input('US', 2023, [trade('b', '2022-05-10T20:00:00Z', 'buy', 1000), trade('s', '2023-05-10T09:00:00Z', 'sell', 1500)]));
    // 364.5 days by the clock: whole days floor to 364, as Python's timedelta.days would.
    expect(rows(onAnniversary)[1]).toBe('s,ETH,1,1000,1500,500,364,false,2022-05-10,2023-05-10,b');
    const dayAfter = buildTaxReport(input('US', 2023, [trade('b', '2022-05-10T00:00:00Z', 'buy', 1000), trade('s', '2023-05-11T00:00:00Z', 'sell', 1500)]));
    expect(rows(dayAfter)[1]).toBe('s,ETH,1,1000,1500,500,366,true,2022-05-10,2023-05-11,b');
  });

  it('DE: crypto held over a year is marked exempt; a share is not, however long it was held', () => {
    const crypto = buildTaxReport(input('DE', 2024, [trade('b', '2023-01-02T00:00:00Z', 'buy', 1000), trade('s', '2024-01-03T00:00:00Z', 'sell', 1500)]));
    expect(rows(crypto)[1]).toBe('s,ETH,1,1000,1500,500,366,exempt,2023-01-02,2024-01-03,b');
    const share = buildTaxReport(input('DE', 2024, [trade('b', '2020-01-02T00:00:00Z', 'buy', 1000, 'security'), trade('s', '2024-01-03T00:00:00Z', 'sell', 1500, 'security')]));
    expect(rows(share)[1]).toMatch(/^s,ETH,1,1000,1500,500,1462,false,2020-01-02,2024-01-03,/);
  });
});
