// One run, one look at the world: each use-case takes one snapshot (balances and prices once per
// venue), fetches each venue's markets at most once, each asset's history at most once per venue,
// and reads and replays the ledger's trade history at most once, however many steps it runs.
import { describe, expect, it, vi } from 'vitest';
import { createVenues } from '../src/adapters/index.js';
import { parseConfigText } from '../src/config.js';
import { fixedClock } from '../src/host/clock.js';
import { openLedger } from '../src/ledger/open-ledger.js';
import { Decimal } from '../src/money.js';
import type { Ledger, TradeRecord, Venue } from '../src/ports.js';
import { createSession, harvestFor, portfolioStatus, taxedPreview, taxReportFor } from '../src/rebalancer.js';
import { buildTaxReport } from '../src/tax/report.js';
import { planPass } from '../src/rebalancer.js';
import { prepareRun } from '../src/rebalancer/execute/prepare.js';
import { dexWorld } from './helpers/dex-world.js';

// Counts the tax engine's replays; the engine itself runs unchanged.
vi.mock('../src/tax/report.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/tax/report.js')>();
  return { ...original, buildTaxReport: vi.fn(original.buildTaxReport) };
});

const NOW = new Date('2026-11-23T14:00:00Z');
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

// US rules (wash sales on crypto too) with every tax step on: a short-term BTC gain that turns long-term within 30 days
// (deferred), ETH sold at a loss 13 days ago (its rebuy is blocked), a remaining ETH lot at a
// loss (harvestable), BTC on two venues (the venue order matters), and daily closes.
const YAML = `portfolio_rebalancer:
  targets: {BTC: 40%, ETH: 20%, USDC: 40%}
  cash_assets: [USDC]
  prices: {BTC: "100000", ETH: "2500", USDC: "1"}
  price_history:
    BTC: {"2026-11-20": "98000", "2026-11-21": "99000", "2026-11-22": "100000"}
    ETH: {"2026-11-20": "2400", "2026-11-21": "2450", "2026-11-22": "2500"}
  tax: {jurisdiction: US, lot_selection: fifo, long_term_preference: true, enable_tlh: true, wash_sale_days: 30, wash_sale_scope: all}
  venues:
    ex:
      kind: cex
      adapter: paper
      quote: USDC
      markets: {BTC: {amount_step: "0.0001"}, ETH: {amount_step: "0.001"}}
      balances: {BTC: "0.40", ETH: "4", USDC: "44000"}
      lots:
        - {asset: BTC, quantity: "0.40", unit_cost: "60000", acquired: 2025-12-10}
    other:
      kind: cex
      adapter: paper
      quote: USDC
      markets: {BTC: {amount_step: "0.0001"}}
      balances: {BTC: "0.06"}
      lots:
        - {asset: BTC, quantity: "0.06", unit_cost: "60000", acquired: 2025-12-12}
`;

const HISTORY: TradeRecord[] = [
  { id: 'eth-buy', source: 'import', venue: 'ex', executedAt: new Date('2026-01-05T00:00:00Z'), side: 'buy', asset: 'ETH', assetClass: 'crypto', quantity: new Decimal(6), price: new Decimal(4000), fee: new Decimal(0), currency: 'USD' },
  { id: 'eth-loss', source: 'import', venue: 'ex', executedAt: new Date('2026-11-10T00:00:00Z'), side: 'sell', asset: 'ETH', assetClass: 'crypto', quantity: new Decimal(2), price: new Decimal(2400), fee: new Decimal(0), currency: 'USD' },
];

type Calls = Record<'fetchBalances' | 'fetchPrices' | 'fetchMarkets' | 'fetchPriceHistory', string[]>;

/** The venue as given, counting every call that goes over the network on a real one. */
function counting(venue: Venue, calls: Calls): Venue {
  return {
    id: venue.id,
    label: venue.label,
    kind: venue.kind,
    capabilities: venue.capabilities,
    fetchBalances: () => (calls.fetchBalances.push(venue.id), venue.fetchBalances()),
    fetchPrices: (assets) => (calls.fetchPrices.push(venue.id), venue.fetchPrices(assets)),
    fetchMarkets: () => (calls.fetchMarkets.push(venue.id), venue.fetchMarkets()),
    fetchPriceHistory: (asset, from, to) => (calls.fetchPriceHistory.push(`${venue.id}:${asset}`), venue.fetchPriceHistory!(asset, from, to)),
  };
}

async function world() {
  const config = parseConfigText(YAML, 'test');
  const ledger = openLedger(':memory:');
  ledger.recordTrades(HISTORY);
  const clock = fixedClock(NOW);
  const venues = await createVenues(config, { clock, ledger, env: {}, logger: quiet, prices: config.prices, pricesAt: config.prices_at, priceHistory: config.price_history });
  const calls: Calls = { fetchBalances: [], fetchPrices: [], fetchMarkets: [], fetchPriceHistory: [] };
  const reads = { trades: 0 };
  // Either way of reading the history counts as a read.
  const countingLedger: Ledger = { ...ledger, trades: (filter) => (reads.trades++, ledger.trades(filter)), tradeHistory: () => (reads.trades++, ledger.tradeHistory()) };
  vi.mocked(buildTaxReport).mockClear();
  const deps = { config, ledger: countingLedger, clock, venues: venues.map((venue) => counting(venue, calls)), logger: quiet };
  return { deps, calls, reads, replays: () => vi.mocked(buildTaxReport).mock.calls.length, close: () => ledger.close() };
}

const once = (ids: string[]) => expect([...ids].sort()).toEqual(['ex', 'other']);
const noRepeats = (ids: string[]) => expect(ids.length).toBe(new Set(ids).size);

describe('one session per run', () => {
  it('a preview with every tax step and harvest takes one snapshot, one markets fetch per venue and one replay', async () => {
    const { deps, calls, reads, replays, close } = await world();
    const result = await taxedPreview(createSession(deps), { harvest: true });
    close();
    const codes = result.plan!.diagnostics.map((d) => d.code);
    // Every step ran: the wash window, the deferral's second pass, the sale taxes and the harvest.
    expect(codes).toContain('tax.wash_sale_blocked');
    expect(codes).toContain('tax.long_term_deferred');
    expect(result.taxes).toBeDefined();
    expect(result.harvest?.candidates.map((c) => c.asset)).toContain('ETH');
    once(calls.fetchBalances);
    once(calls.fetchPrices);
    once(calls.fetchMarkets);
    noRepeats(calls.fetchPriceHistory);
    expect(calls.fetchPriceHistory.length).toBeGreaterThan(0);
    expect(reads.trades).toBe(1);
    expect(replays()).toBe(1);
  });

  it('status takes one snapshot and never reads the trade history', async () => {
    const { deps, calls, reads, replays, close } = await world();
    const report = await portfolioStatus(deps);
    close();
    expect(report.complete).toBe(true);
    once(calls.fetchBalances);
    once(calls.fetchPrices);
    expect(calls.fetchMarkets).toEqual([]);
    expect(reads.trades).toBe(0);
    expect(replays()).toBe(0);
  });

  it('harvest takes one snapshot and one replay', async () => {
    const { deps, calls, reads, replays, close } = await world();
    const result = await harvestFor(createSession(deps));
    close();
    expect(result.candidates.map((c) => c.asset)).toContain('ETH');
    once(calls.fetchBalances);
    once(calls.fetchPrices);
    expect(reads.trades).toBe(1);
    expect(replays()).toBe(1);
  });

  it('a tax report reads the history once and replays it once, touching no venue', async () => {
    const { deps, calls, reads, replays, close } = await world();
    const report = await taxReportFor(createSession(deps), {});
    close();
    expect(report.disposals.map((d) => d.asset)).toEqual(['ETH']);
    expect(calls.fetchBalances).toEqual([]);
    expect(calls.fetchPrices).toEqual([]);
    expect(reads.trades).toBe(1);
    expect(replays()).toBe(1);
  });

  it('an FR tax report fetches each asset\'s history at most once per venue', async () => {
    const { deps, calls, reads, replays, close } = await world();
    // FR figures are in euros: the same history, recorded in EUR.
    const session = createSession({ ...deps, config: { ...deps.config, currency: 'EUR' } });
    await taxReportFor(session, { jurisdiction: 'FR' });
    await session.histories(['BTC', 'ETH']);
    close();
    noRepeats(calls.fetchPriceHistory);
    expect(calls.fetchPriceHistory.length).toBeGreaterThan(0);
    expect(reads.trades).toBe(1);
    expect(replays()).toBe(1);
  });

  it("a run with a DEX venue asks each swap quote (venue, market, side, size) once, however many passes plan it", async () => {
    const { deps, dex, close } = await dexWorld({ pools: { ETH: { reserve: '300', price: '3000' } } });
    const session = createSession(deps);
    const preview = await taxedPreview(session);
    const afterPreview = dex.quotes.length;
    // Execute's planning over the same session plans again (and the tax steps could twice more).
    await prepareRun(session, { newRunId: () => 'r1', routerName: 'direct' }, {});
    await planPass(session);
    close();
    expect(preview.plan!.trades.some((t) => t.swap)).toBe(true);
    expect(afterPreview).toBeGreaterThan(1);
    expect(dex.quotes.length).toBe(afterPreview);
    noRepeats(dex.quotes.map((q) => `${q.symbol} ${q.side} ${q.quantity.toFixed()}`));
  });
});
