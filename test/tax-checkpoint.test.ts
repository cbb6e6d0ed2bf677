// A preview over a saved tax checkpoint says exactly what a preview over a full replay of the
// history says, and a checkpoint stops being used the moment the history or settings change.
import { describe, expect, it } from 'vitest';
import { createVenues } from '../src/adapters/index.js';
import { parseConfigText, type Config } from '../src/config.js';
import { fixedClock } from '../src/host/clock.js';
import { openLedger } from '../src/ledger/open-ledger.js';
import { Decimal } from '../src/money.js';
import type { Ledger, TradeRecord } from '../src/ports.js';
import { buildTaxState, createSession, ledgerTaxTrades, taxedPreview, type Session } from '../src/rebalancer.js';
import { mulberry32 } from './helpers/random-portfolio.js';

const NOW = new Date('2026-11-23T14:00:00Z');
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

const yaml = (jurisdiction: string, currency: string) => `portfolio_rebalancer:
  currency: ${currency}
  targets: {BTC: 40%, ETH: 20%, USDC: 40%}
  cash_assets: [USDC]
  prices: {BTC: "100000", ETH: "2500", USDC: "1"}
  price_history:
    BTC: {"2026-11-20": "98000", "2026-11-21": "99000", "2026-11-22": "100000"}
    ETH: {"2026-11-20": "2400", "2026-11-21": "2450", "2026-11-22": "2500"}
  tax: {jurisdiction: ${jurisdiction}, lot_selection: fifo, long_term_preference: true, enable_tlh: true, wash_sale_days: 30, wash_sale_scope: all}
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

/** Buys and sells over two years up to a few days ago, the last weeks dense (wash windows, harvest). */
function history(seed: number, count: number, from = 0): TradeRecord[] {
  const rng = mulberry32(seed);
  const held = new Map<string, number>();
  const trades: TradeRecord[] = [];
  for (let i = 0; i < count; i++) {
    const asset = rng() < 0.5 ? 'BTC' : 'ETH';
    const venue = asset === 'BTC' && rng() < 0.3 ? 'other' : 'ex';
    const key = `${asset}@${venue}`;
    const daysAgo = i < count * 0.7 ? 730 - Math.floor((i / count) * 900) : Math.floor(rng() * 60) + 1;
    const base = asset === 'BTC' ? 100_000 : 2_500;
    const price = new Decimal(Math.round(base * (0.6 + rng() * 0.8)));
    const have = held.get(key) ?? 0;
    const sell = have > 0.2 && rng() < 0.45;
    const quantity = sell ? Math.round(have * rng() * 0.5 * 1000) / 1000 : Math.round((0.01 + rng()) * 1000) / 1000;
    if (quantity <= 0) continue;
    held.set(key, have + (sell ? -quantity : quantity));
    const executedAt = new Date(NOW.getTime() - daysAgo * 86_400_000 - Math.floor(rng() * 80_000_000));
    trades.push({ id: `h${from + i}`, source: 'import', venue, executedAt, side: sell ? 'sell' : 'buy', asset, assetClass: 'crypto', quantity: new Decimal(quantity), price, total: price.times(quantity), fee: new Decimal('0.5'), currency: 'USD' });
  }
  return trades;
}

async function sessionOn(config: Config, ledger: Ledger, reads: { count: number }, now = NOW): Promise<Session> {
  const clock = fixedClock(now);
  const venues = await createVenues(config, { clock, ledger, env: {}, logger: quiet, prices: config.prices, pricesAt: config.prices_at, priceHistory: config.price_history });
  const counting: Ledger = { ...ledger, tradeHistory: () => (reads.count++, ledger.tradeHistory()) };
  return createSession({ config, ledger: counting, clock, venues, logger: quiet });
}

/** The preview as the CLI's --json sees it (Decimals as their text). */
const previewJson = async (session: Session) => JSON.stringify(await taxedPreview(session, { harvest: true }));

/** A session whose tax state is the full replay of every trade, without any checkpoint. */
async function replayed(config: Config, ledger: Ledger): Promise<string> {
  const session = await sessionOn(config, ledger, { count: 0 });
  return previewJson({ ...session, taxState: () => buildTaxState(config, ledgerTaxTrades(ledger), NOW) });
}

describe('tax checkpoint', () => {
  for (const [jurisdiction, currency] of [['US', 'USD'], ['UK', 'GBP'], ['DE', 'EUR']] as const) {
    it(`${jurisdiction}: a preview from the checkpoint equals one from a full replay, before and after trades are added`, async () => {
      const config = parseConfigText(yaml(jurisdiction, currency), 'test');
      const ledger = openLedger(':memory:');
      ledger.recordTrades(history(3, 400));
      const reference = await replayed(config, ledger);
      // The preview has something to lose: a plan with taxed sales, and (US) wash-sale blocks.
      expect(reference).toContain('"taxes"');
      if (jurisdiction === 'US') expect(reference).toContain('tax.wash_sale_blocked');

      const reads = { count: 0 };
      expect(await previewJson(await sessionOn(config, ledger, reads))).toBe(reference); // replays and saves
      expect(reads.count).toBe(1);
      expect(await previewJson(await sessionOn(config, ledger, reads))).toBe(reference); // reads the checkpoint
      expect(reads.count).toBe(1);

      // New trades (some in the wash window) make the checkpoint stale: the next preview replays.
      ledger.recordTrades(history(9, 40, 10_000));
      const after = await replayed(config, ledger);
      expect(after).not.toBe(reference);
      expect(await previewJson(await sessionOn(config, ledger, reads))).toBe(after);
      expect(reads.count).toBe(2);
      expect(await previewJson(await sessionOn(config, ledger, reads))).toBe(after);
      expect(reads.count).toBe(2);
      ledger.close();
    });
  }

  it('other tax settings, or a trade dated between the checkpoint and now, are not served from it', async () => {
    const config = parseConfigText(yaml('US', 'USD'), 'test');
    const ledger = openLedger(':memory:');
    ledger.recordTrades(history(5, 200));
    const reads = { count: 0 };
    await previewJson(await sessionOn(config, ledger, reads));
    const hifo = { ...config, tax: { ...config.tax, lot_selection: 'hifo' as const } };
    expect(await previewJson(await sessionOn(hifo, ledger, reads))).toBe(await replayed(hifo, ledger));
    expect(reads.count).toBe(2);
    // A trade dated after the checkpoint's instant (already recorded, so the mark does not move):
    // a later session must see it, so it replays.
    ledger.recordTrades([{ ...history(6, 1)[0]!, id: 'between', side: 'buy', executedAt: new Date(NOW.getTime() + 60_000) }]);
    await previewJson(await sessionOn(hifo, ledger, reads));
    expect(reads.count).toBe(3);
    expect((await sessionOn(hifo, ledger, reads)).taxState().trades.some((t) => t.id === 'between')).toBe(false);
    expect(reads.count).toBe(3);
    const later = new Date(NOW.getTime() + 3_600_000);
    const state = (await sessionOn(hifo, ledger, reads, later)).taxState();
    expect(reads.count).toBe(4);
    expect(state.trades.some((t) => t.id === 'between')).toBe(true);
    ledger.close();
  });
});
