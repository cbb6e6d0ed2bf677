// The order journal: what execution relies on to never send an order twice and to find, after a
// crash, the orders whose outcome it has not yet seen.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedger } from '../src/ledger/open-ledger.js';
import { DuplicateOrderError, UnknownOrderError } from '../src/ledger/orders.js';
import { Decimal } from '../src/money.js';
import type { JournaledOrder, Ledger, OrderIntent, OrderState } from '../src/ports.js';

const d = (text: string) => new Decimal(text);
const T0 = new Date('2026-11-23T14:00:00.000Z');
const T1 = new Date('2026-11-23T14:00:01.000Z');
const T2 = new Date('2026-11-23T14:00:02.000Z');
const T3 = new Date('2026-11-23T14:00:03.000Z');

function intent(fields: Partial<OrderIntent> & { clientOrderId: string }): OrderIntent {
  return { venue: 'binance', rebalanceId: 'rb-1', symbol: 'BTC/USDC', side: 'buy', type: 'limit', quantity: d('0.5'), limitPrice: d('98000.01'), at: T0, ...fields };
}

function state(fields: Partial<OrderState> & { clientOrderId: string }): OrderState {
  return { venueOrderId: 'v-1', status: 'open', filled: d('0'), fee: d('0'), feeAsset: 'USDC', updatedAt: T1, ...fields };
}

/** The parts of an order a user would see, amounts as text. */
function summary(order: JournaledOrder | undefined) {
  return order && { id: order.clientOrderId, status: order.status, filled: order.filled.toFixed(), averagePrice: order.averagePrice?.toFixed(), fee: order.fee.toFixed() };
}

let ledger: Ledger;
beforeEach(() => {
  ledger = openLedger(':memory:');
});
afterEach(() => {
  ledger.close();
});

describe('order journal', () => {
  it('journals an intent as pending, with every field as given', () => {
    const journaled = ledger.recordOrderIntent(intent({ clientOrderId: 'rb-1-1' }));
    expect(journaled).toMatchObject({ clientOrderId: 'rb-1-1', venue: 'binance', rebalanceId: 'rb-1', symbol: 'BTC/USDC', side: 'buy', type: 'limit', status: 'pending', at: T0, updatedAt: T0 });
    expect([journaled.quantity.toFixed(), journaled.limitPrice?.toFixed(), journaled.filled.toFixed(), journaled.venueOrderId]).toEqual(['0.5', '98000.01', '0', undefined]);
    expect(ledger.order('rb-1-1')).toEqual(journaled);
    expect(ledger.order('nope')).toBeUndefined();
  });

  it('keeps a market order without a limit price', () => {
    ledger.recordOrderIntent(intent({ clientOrderId: 'm', type: 'market', limitPrice: undefined }));
    expect(ledger.order('m')?.limitPrice).toBeUndefined();
  });

  it('follows the venue from acknowledged through partially filled to filled, logging each step in order', () => {
    ledger.recordOrderIntent(intent({ clientOrderId: 'rb-1-1' }));
    ledger.recordOrderState(state({ clientOrderId: 'rb-1-1' }));
    ledger.recordOrderState(state({ clientOrderId: 'rb-1-1', status: 'partially_filled', filled: d('0.2'), averagePrice: d('97990'), fee: d('19.598'), updatedAt: T2 }));
    const filled = ledger.recordOrderState(state({ clientOrderId: 'rb-1-1', status: 'filled', filled: d('0.5'), averagePrice: d('97995.5'), fee: d('48.99775'), updatedAt: T3 }));

    expect(summary(filled)).toEqual({ id: 'rb-1-1', status: 'filled', filled: '0.5', averagePrice: '97995.5', fee: '48.99775' });
    expect(filled).toMatchObject({ venueOrderId: 'v-1', feeAsset: 'USDC', updatedAt: T3, at: T0 });
    const events = ledger.orderEvents('rb-1-1');
    expect(events.map((event) => [event.event, event.at.toISOString()])).toEqual([
      ['intent', T0.toISOString()],
      ['acknowledged', T1.toISOString()],
      ['partially_filled', T2.toISOString()],
      ['filled', T3.toISOString()],
    ]);
    expect(events[0]?.details).toEqual({ venue: 'binance', symbol: 'BTC/USDC', side: 'buy', type: 'limit', quantity: '0.5', limitPrice: '98000.01' });
    expect(events[3]?.details).toEqual({ status: 'filled', venueOrderId: 'v-1', filled: '0.5', averagePrice: '97995.5', fee: '48.99775', feeAsset: 'USDC' });
  });

  it('never reopens a finished order: a stale "open" reply is logged but the fill stands', () => {
    ledger.recordOrderIntent(intent({ clientOrderId: 'a' }));
    ledger.recordOrderState(state({ clientOrderId: 'a', status: 'filled', filled: d('0.5'), averagePrice: d('98000'), updatedAt: T2 }));
    const after = ledger.recordOrderState(state({ clientOrderId: 'a', status: 'open', updatedAt: T3 }));
    expect(summary(after)).toMatchObject({ status: 'filled', filled: '0.5', averagePrice: '98000' });
    expect(ledger.orderEvents('a').map((event) => event.event)).toEqual(['intent', 'filled', 'acknowledged']);
    expect(ledger.unfinishedOrders()).toEqual([]);
  });

  it('refuses a second intent with the same client order id and keeps the first', () => {
    ledger.recordOrderIntent(intent({ clientOrderId: 'a' }));
    ledger.recordOrderState(state({ clientOrderId: 'a' }));
    const again = () => ledger.recordOrderIntent(intent({ clientOrderId: 'a', quantity: d('9') }));
    expect(again).toThrow(DuplicateOrderError);
    expect(again).toThrow('Order "a" on "binance" is already in the order journal');
    expect(summary(ledger.order('a'))).toMatchObject({ status: 'open' });
    expect(ledger.order('a')?.quantity.toFixed()).toBe('0.5');
    expect(ledger.orderEvents('a')).toHaveLength(2);
  });

  it('refuses a reply or an error for an order that was never journaled', () => {
    expect(() => ledger.recordOrderState(state({ clientOrderId: 'ghost' }))).toThrow(UnknownOrderError);
    expect(() => ledger.recordOrderError('ghost', { at: T1, message: 'timeout', refused: false })).toThrow(
      'Order "ghost" is not in the order journal; an order must be journaled before it is sent.',
    );
  });

  it('keeps an order whose outcome is unknown (a timeout) unfinished, and ends a refused one as rejected', () => {
    ledger.recordOrderIntent(intent({ clientOrderId: 'timeout' }));
    ledger.recordOrderIntent(intent({ clientOrderId: 'refused' }));
    expect(summary(ledger.recordOrderError('timeout', { at: T1, message: 'request timed out', refused: false }))).toMatchObject({ status: 'pending' });
    expect(summary(ledger.recordOrderError('refused', { at: T1, message: 'insufficient balance', refused: true }))).toMatchObject({ status: 'rejected' });
    expect(ledger.unfinishedOrders().map((order) => order.clientOrderId)).toEqual(['timeout']);
    expect(ledger.orderEvents('refused').at(-1)).toEqual({ at: T1, event: 'error', details: { message: 'insufficient balance', refused: 'true' } });
  });

  it('lists the unfinished orders of one run, or of every run, oldest first', () => {
    ledger.recordOrderIntent(intent({ clientOrderId: 'rb-1-b', at: T1 }));
    ledger.recordOrderIntent(intent({ clientOrderId: 'rb-1-a', at: T0 }));
    ledger.recordOrderIntent(intent({ clientOrderId: 'rb-1-done', at: T0 }));
    ledger.recordOrderIntent(intent({ clientOrderId: 'rb-2-a', rebalanceId: 'rb-2', at: T2 }));
    ledger.recordOrderState(state({ clientOrderId: 'rb-1-b', status: 'partially_filled', filled: d('0.1') }));
    ledger.recordOrderState(state({ clientOrderId: 'rb-1-done', status: 'cancelled' }));

    expect(ledger.unfinishedOrders('rb-1').map((order) => [order.clientOrderId, order.status])).toEqual([
      ['rb-1-a', 'pending'],
      ['rb-1-b', 'partially_filled'],
    ]);
    expect(ledger.unfinishedOrders().map((order) => order.clientOrderId)).toEqual(['rb-1-a', 'rb-1-b', 'rb-2-a']);
    expect(ledger.unfinishedOrders('rb-3')).toEqual([]);
  });

  it('an intent journaled in a transaction that fails is not journaled', () => {
    expect(() =>
      ledger.transaction(() => {
        ledger.recordOrderIntent(intent({ clientOrderId: 'a' }));
        throw new Error('planning failed after journaling');
      }),
    ).toThrow('planning failed after journaling');
    expect(ledger.order('a')).toBeUndefined();
    expect(ledger.orderEvents('a')).toEqual([]);
  });

  it('survives closing and reopening the ledger file, so the next run finds what is unfinished', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'journal-')), 'ledger.sqlite');
    const first = openLedger(file);
    first.recordOrderIntent(intent({ clientOrderId: 'sent-before-crash' }));
    first.close();
    const second = openLedger(file);
    expect(second.unfinishedOrders('rb-1').map(summary)).toEqual([{ id: 'sent-before-crash', status: 'pending', filled: '0', averagePrice: undefined, fee: '0' }]);
    second.close();
  });
});
