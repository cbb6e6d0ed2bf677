import { describe, expect, it } from 'vitest';
import { sizeOrder } from '../src/execution-planner.js';
import { Decimal } from '../src/money.js';
import type { MarketRules } from '../src/ports.js';

const d = (value: string) => new Decimal(value);
const BTC_USDC: MarketRules = {
  symbol: 'BTC/USDC',
  base: 'BTC',
  quote: 'USDC',
  amountStep: d('0.00001'),
  priceStep: d('0.01'),
  minAmount: d('0.0001'),
  minNotional: d('10'),
  takerFee: d('0.001'),
  makerFee: d('0.001'),
};

describe('sizeOrder', () => {
  it('floors the amount to the market step and estimates the fee', () => {
    const sized = sizeOrder(BTC_USDC, { side: 'sell', quantity: d('0.0526631'), price: d('98000') }, 'binance');
    expect(sized).toMatchObject({ ok: true });
    if (!sized.ok) return;
    expect([sized.quantity.toFixed(), sized.notional.toFixed(), sized.fee.toFixed()]).toEqual(['0.05266', '5160.68', '5.16068']);
  });

  it('never sells more than the venue holds', () => {
    const sized = sizeOrder(BTC_USDC, { side: 'sell', quantity: d('0.5'), price: d('98000'), available: d('0.3000099') }, 'binance');
    expect(sized.ok && sized.quantity.toFixed()).toBe('0.3');
  });

  it('reports an order under the minimum notional instead of sending it', () => {
    const sized = sizeOrder(BTC_USDC, { side: 'buy', quantity: d('0.00009'), price: d('98000') }, 'binance');
    expect(sized).toEqual({
      ok: false,
      diagnostic: {
        severity: 'info',
        code: 'order.below_minimum',
        asset: 'BTC',
        venue: 'binance',
        message: 'skipped: buy 0.00009 BTC on binance (8.82 USDC) below the minimum amount 0.0001 BTC',
      },
    });
  });

  it('reports an amount that rounds to nothing', () => {
    const sized = sizeOrder(BTC_USDC, { side: 'buy', quantity: d('0.000004'), price: d('98000') }, 'binance');
    expect(!sized.ok && sized.diagnostic.message).toBe('skipped: buy 0.000004 BTC on binance (0.00 USDC) rounds to 0 at the amount step 0.00001');
  });
});
