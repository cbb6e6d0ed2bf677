import { describe, expect, it } from 'vitest';
import { createManualVenue } from '../src/adapters/manual/create-manual-venue.js';
import { createPaperVenue } from '../src/adapters/paper/create-paper-venue.js';
import { resolveCredentials } from '../src/adapters/credentials.js';
import { parseConfigText } from '../src/config.js';
import { fixedClock } from '../src/host/clock.js';
import { openLedger } from '../src/ledger/open-ledger.js';
import type { VenueDeps } from '../src/ports.js';

const config = parseConfigText(
  `portfolio_rebalancer:
  prices: {BTC: "98000", ETH: "2500", SOL: "63", USDC: "1"}
  price_history:
    BTC: {"2026-11-20": "95000", "2026-11-21": "96000", "2026-11-22": "97000"}
  venues:
    binance:
      kind: cex
      adapter: paper
      quote: USDC
      fee_rate: 0.1%
      prices: {ETH: "2510"}
      markets:
        BTC: {amount_step: "0.00001", price_step: "0.01", min_amount: "0.0001", min_notional: "5"}
        ETH: {fee_rate: 0.05%}
      balances: {BTC: "0.5", ETH: "0", USDC: "3100"}
      faults: {fetch_prices: 0.5, seed: 7}
    cold:
      kind: wallet
      adapter: manual
      balances: {BTC: "0.25"}
`,
  'test',
);

function deps(): VenueDeps {
  const logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
  return { clock: fixedClock(new Date('2026-11-23T14:00:00Z')), ledger: openLedger(':memory:'), env: {}, logger, prices: config.prices, priceHistory: config.price_history };
}

describe('paper venue', () => {
  const venue = createPaperVenue('binance', config.venues.binance!, deps());

  it('reports its non-zero balances', async () => {
    expect((await venue.fetchBalances()).map((b) => [b.asset, b.total.toFixed(), b.free.toFixed()])).toEqual([
      ['BTC', '0.5', '0.5'],
      ['USDC', '3100', '3100'],
    ]);
  });

  it('lists its markets with steps, minimums and fees (per market or the venue rate)', async () => {
    const markets = await venue.fetchMarkets();
    expect(markets.map((m) => [m.symbol, m.amountStep.toFixed(), m.priceStep.toFixed(), m.minAmount.toFixed(), m.minNotional.toFixed(), m.takerFee.toFixed()])).toEqual([
      ['BTC/USDC', '0.00001', '0.01', '0.0001', '5', '0.001'],
      ['ETH/USDC', '0.00000001', '0.00000001', '0', '0', '0.0005'],
    ]);
    expect(venue.capabilities).toMatchObject({ trade: true, limitOrders: true, priceHistory: true, withdraw: false });
  });

  it('serves its daily price history from the config', async () => {
    const points = await venue.fetchPriceHistory!('BTC', new Date('2026-11-21T00:00:00Z'), new Date('2026-11-23T00:00:00Z'));
    expect(points.map((p) => [p.at.toISOString().slice(0, 10), p.price.toFixed()])).toEqual([
      ['2026-11-21', '96000'],
      ['2026-11-22', '97000'],
    ]);
  });

  it('quotes what it lists, its own price first, and fails as seeded (same seed, same failures)', async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i++) {
      try {
        const quotes = await venue.fetchPrices(['BTC', 'ETH', 'SOL']);
        outcomes.push(quotes.map((q) => `${q.asset}=${q.price.toFixed()}`).join(','));
      } catch (error) {
        outcomes.push((error as Error).message);
      }
    }
    const again = createPaperVenue('binance', config.venues.binance!, deps());
    const replay: string[] = [];
    for (let i = 0; i < 6; i++) replay.push(await again.fetchPrices(['BTC']).then(() => 'ok', (e: Error) => e.message));
    expect(outcomes.filter((o) => o.startsWith('BTC'))[0]).toBe('BTC=98000,ETH=2510');
    expect(outcomes).toContain('Venue "binance" failed to fetch prices: simulated fault (faults: in the config)');
    expect(replay.map((r) => r !== 'ok')).toEqual(outcomes.map((o) => !o.startsWith('BTC')));
  });
});

describe('manual venue', () => {
  it('holds config balances, never trades and quotes nothing of its own', async () => {
    const cold = createManualVenue('cold', config.venues.cold!, deps());
    expect(cold.capabilities).toEqual({ trade: false, limitOrders: false, marketOrders: false, withdraw: false, priceHistory: false });
    expect((await cold.fetchBalances()).map((b) => `${b.asset}=${b.total.toFixed()}`)).toEqual(['BTC=0.25']);
    expect(await cold.fetchPrices(['BTC'])).toEqual([]);
    expect(cold.placeOrder).toBeUndefined();
  });
});

describe('credentials', () => {
  it('resolve ${ENV} references from the environment', () => {
    expect(resolveCredentials('binance', { apiKey: '${BINANCE_KEY}', secret: '${BINANCE_SECRET}' }, { BINANCE_KEY: 'k', BINANCE_SECRET: 's' })).toEqual({ apiKey: 'k', secret: 's' });
  });

  it('name every variable that is not set, and never a value', () => {
    expect(() => resolveCredentials('okx', { apiKey: '${OKX_KEY}', password: '${OKX_PASS}' }, { OKX_KEY: 'set' })).toThrow(
      'Venue "okx": environment variable not set for credentials password (${OKX_PASS}).',
    );
  });
});
