// Three rebalances of a 50/50 BTC/USDC portfolio, as `kit rebalance execute` records them, with
// figures that can be checked by hand. The first snapshot holds 1.2 BTC and 40,000 USDC.
//   2026-01-10  BTC $50,000: value 100,000 (BTC 60%). Sell 0.2 BTC for 10,000, fee 10.
//               After: 1.0 BTC, 49,990 USDC = 99,990.
//   2026-02-10  BTC $40,000: value 40,000 + 49,990 = 89,990; held unchanged 1.2 x 40,000 + 40,000
//               = 88,000; bonus +1,990 (+2.26%). Buy 0.125 BTC for 5,000, fee 5.
//               After: 1.125 BTC, 44,985 USDC = 89,985.
//   2026-03-10  BTC $50,000: value 56,250 + 44,985 = 101,235; held 60,000 + 40,000 = 100,000;
//               bonus +1,235 (+1.235%, shown +1.24%). Partial: one sell of 0.05 filled, one failed; fee 3.
// Cumulative fees 10, 15, 18.
import { Decimal } from '../../src/money.js';
import type { RebalanceRecord } from '../../src/ports.js';

const band = { BTC: { target: '0.5', low: '0.45', high: '0.55' }, USDC: { target: '0.5', low: '0.45', high: '0.55' } };

export const HISTORY_RECORDS: RebalanceRecord[] = [
  {
    id: 'run-1',
    createdAt: new Date('2026-01-10T09:00:00Z'),
    completedAt: new Date('2026-01-10T09:01:00Z'),
    strategy: 'threshold',
    status: 'completed',
    valueBefore: new Decimal('100000'),
    valueAfter: new Decimal('99990'),
    plan: {
      trigger: 'drift',
      orders: [{ venue: 'ex', side: 'sell', asset: 'BTC', quantity: '0.2', filled: '0.2', average_price: '50000', fee: '10', status: 'filled' }],
      turnover: '10000',
      fees: '10',
      realised_gain: '2000',
      largest_drift_before: { asset: 'BTC', drift: '0.1' },
      largest_drift_after: { asset: 'BTC', drift: '0.00005' },
      holdings_before: { BTC: '1.2', USDC: '40000' },
      holdings_after: { BTC: '1', USDC: '49990' },
      prices: { BTC: '50000', USDC: '1' },
      bands: band,
    },
  },
  {
    id: 'run-2',
    createdAt: new Date('2026-02-10T09:00:00Z'),
    completedAt: new Date('2026-02-10T09:02:00Z'),
    strategy: 'threshold',
    status: 'completed',
    valueBefore: new Decimal('89990'),
    valueAfter: new Decimal('89985'),
    plan: {
      trigger: 'schedule',
      orders: [{ venue: 'ex', side: 'buy', asset: 'BTC', quantity: '0.125', filled: '0.125', average_price: '40000', fee: '5', status: 'filled' }],
      turnover: '5000',
      fees: '5',
      realised_gain: '0',
      largest_drift_before: { asset: 'BTC', drift: '-0.0555' },
      largest_drift_after: { asset: 'BTC', drift: '0.0001' },
      holdings_before: { BTC: '1', USDC: '49990' },
      holdings_after: { BTC: '1.125', USDC: '44985' },
      prices: { BTC: '40000', USDC: '1' },
      bands: band,
    },
  },
  {
    id: 'run-3',
    createdAt: new Date('2026-03-10T09:00:00Z'),
    completedAt: new Date('2026-03-10T09:03:00Z'),
    strategy: 'band',
    status: 'partial',
    valueBefore: new Decimal('101235'),
    valueAfter: new Decimal('101232'),
    plan: {
      trigger: 'manual',
      orders: [
        { venue: 'ex', side: 'sell', asset: 'BTC', quantity: '0.05', filled: '0.05', average_price: '50000', fee: '3', status: 'filled' },
        { venue: 'ex', side: 'sell', asset: 'BTC', quantity: '0.01', filled: '0', average_price: null, fee: '0', status: 'failed' },
      ],
      turnover: '2500',
      fees: '3',
      realised_gain: '500',
      largest_drift_before: { asset: 'BTC', drift: '0.0556' },
      largest_drift_after: { asset: 'BTC', drift: '0.031' },
      holdings_before: { BTC: '1.125', USDC: '44985' },
      holdings_after: { BTC: '1.075', USDC: '47482' },
      prices: { BTC: '50000', USDC: '1' },
    },
  },
];

/** A preview that was never executed: not an event. */
export const PREVIEW_RECORD: RebalanceRecord = {
  id: 'preview-1',
  createdAt: new Date('2026-03-11T09:00:00Z'),
  strategy: 'threshold',
  status: 'previewed',
  valueBefore: new Decimal('101232'),
  plan: { trades: [] },
};
