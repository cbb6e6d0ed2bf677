// The direct router sends orders to the venue adapters themselves, and refuses read-only venues.
import { describe, expect, it } from 'vitest';
import { createDirectRouter } from '../src/adapters/direct-router.js';
import { createVenues } from '../src/adapters/index.js';
import { parseConfigText } from '../src/config.js';
import { OrderCallError } from '../src/errors.js';
import { fixedClock } from '../src/host/clock.js';
import { openLedger } from '../src/ledger/open-ledger.js';
import { Decimal } from '../src/money.js';

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

async function router() {
  const config = parseConfigText(
    `portfolio_rebalancer:
  prices: {BTC: "100000", USDC: "1"}
  venues:
    ex: {kind: cex, adapter: paper, quote: USDC, markets: {BTC: {amount_step: "0.0001"}}, balances: {BTC: "1", USDC: "1000"}}
    cold: {kind: wallet, adapter: manual, balances: {BTC: "2"}}
`,
    'test',
  );
  const ledger = openLedger(':memory:');
  const venues = await createVenues(config, { clock: fixedClock(new Date('2026-11-23T14:00:00Z')), ledger, env: {}, logger: quiet, prices: config.prices, priceHistory: {} });
  return { router: createDirectRouter(venues), ledger };
}

describe('direct router', () => {
  it('places, looks up and cancels through the venue itself', async () => {
    const { router: direct, ledger } = await router();
    expect(direct.name).toBe('direct');
    const sell = { clientOrderId: 'c1', symbol: 'BTC/USDC', side: 'sell' as const, type: 'limit' as const, quantity: new Decimal('0.1'), limitPrice: new Decimal('150000') };
    expect((await direct.submit('ex', sell)).status).toBe('open');
    expect((await direct.status('ex', 'c1')).status).toBe('open');
    expect((await direct.cancel('ex', 'c1')).status).toBe('cancelled');
    expect(ledger.paperOrders('ex').map((o) => o.clientOrderId)).toEqual(['c1']);
  });

  it('refuses a read-only venue and an unknown one, not retryable', async () => {
    const { router: direct } = await router();
    const order = { clientOrderId: 'c2', symbol: 'BTC/USDC', side: 'sell' as const, type: 'market' as const, quantity: new Decimal('0.1') };
    for (const [venue, message] of [
      ['cold', 'Venue "cold" failed to place order: venue "cold" cannot trade (wallet, read-only here)'],
      ['nowhere', 'Venue "nowhere" failed to place order: no venue named "nowhere" is configured'],
    ] as const) {
      const error = await direct.submit(venue, order).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OrderCallError);
      expect([(error as OrderCallError).shortMessage, (error as OrderCallError).retryable]).toEqual([message, false]);
    }
  });
});
