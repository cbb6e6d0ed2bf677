// The paper venue's own tables in the ledger: exact decimals, one row per client order id.
import { describe, expect, it } from 'vitest';
import { openLedger } from '../src/ledger/open-ledger.js';
import { Decimal } from '../src/money.js';
import type { PaperOrder } from '../src/ports.js';

const at = new Date('2026-11-23T14:00:00Z');
const order: PaperOrder = {
  venue: 'ex', clientOrderId: 'a', venueOrderId: 'paper-1', symbol: 'ETH/USDC', side: 'buy', type: 'limit',
  quantity: new Decimal('0.123456789012345678'), limitPrice: new Decimal('2500.01'), status: 'open',
  filled: new Decimal(0), fee: new Decimal(0), feeAsset: 'USDC', createdAt: at, updatedAt: at,
};

describe('paper book store', () => {
  it('keeps 18-decimal amounts exactly and refuses a second order with the same id on the same venue', () => {
    const ledger = openLedger(':memory:');
    ledger.insertPaperOrder(order);
    expect(ledger.paperOrder('ex', 'a')).toEqual({ ...order, averagePrice: undefined, reason: undefined });
    expect(() => ledger.insertPaperOrder({ ...order, quantity: new Decimal(1) })).toThrow('Paper venue "ex" already has order "a".');
    // Another venue may use the same id: ids are unique per venue, as on real exchanges.
    ledger.insertPaperOrder({ ...order, venue: 'other' });
    expect(ledger.openPaperOrders('ex').map((o) => o.clientOrderId)).toEqual(['a']);
  });

  it('updates an order and lists its fills; refuses to update an order it does not have', () => {
    const ledger = openLedger(':memory:');
    ledger.insertPaperOrder(order);
    ledger.addPaperFill({ venue: 'ex', clientOrderId: 'a', quantity: new Decimal('0.1'), price: new Decimal('2500'), fee: new Decimal('0.25'), feeAsset: 'USDC', at });
    ledger.updatePaperOrder({ ...order, status: 'partially_filled', filled: new Decimal('0.1'), averagePrice: new Decimal('2500'), fee: new Decimal('0.25') });
    expect(ledger.paperOrder('ex', 'a')).toMatchObject({ status: 'partially_filled', filled: new Decimal('0.1') });
    expect(ledger.paperFills('ex').map((f) => f.fee.toFixed())).toEqual(['0.25']);
    expect(ledger.cancelOpenPaperOrders('ex', at, 'reset')).toBe(1);
    expect(ledger.openPaperOrders('ex')).toEqual([]);
    expect(() => ledger.updatePaperOrder({ ...order, clientOrderId: 'zz' })).toThrow('Paper venue "ex" has no order "zz" to update.');
  });
});
