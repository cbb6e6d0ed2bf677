import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createVenues } from '../../src/adapters/index.js';
import { parseConfigText, type Config } from '../../src/config.js';
import { fixedClock } from '../../src/host/clock.js';
import { mergePriceHistoryFile } from '../../src/host/price-history-file.js';
import { openLedger } from '../../src/ledger/open-ledger.js';
import type { Ledger } from '../../src/ports.js';
import { previewRebalance, type PreviewOptions } from '../../src/rebalancer.js';

export const DEMO_PATH = fileURLToPath(new URL('../../fixtures/demo/rebalancer.yaml', import.meta.url));
export const DEMO_YAML = readFileSync(DEMO_PATH, 'utf8');
export const NOW = new Date('2026-11-23T14:00:00Z');
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** A preview run in-process on real paper venues and an in-memory ledger. */
export async function preview(yaml: string, options: PreviewOptions = {}, prepare?: (ledger: Ledger, config: Config) => void) {
  const config = mergePriceHistoryFile(parseConfigText(yaml, 'test'), DEMO_PATH, 'test');
  const ledger = openLedger(':memory:');
  prepare?.(ledger, config);
  const clock = fixedClock(NOW);
  const venues = await createVenues(config, { clock, ledger, env: {}, logger: quiet, prices: config.prices, pricesAt: config.prices_at, priceHistory: config.price_history });
  const result = await previewRebalance({ config, venues, ledger, clock }, options);
  ledger.close();
  return result;
}

/** "Sell 0.05257 BTC on binance" lines. */
export function tradeLines(plan: NonNullable<Awaited<ReturnType<typeof preview>>['plan']>): string[] {
  return plan.trades.map((t) => `${t.side === 'buy' ? 'Buy' : 'Sell'} ${t.quantity.toFixed()} ${t.asset} on ${t.venue}${t.waitsFor ? ` after ${t.waitsFor}` : ''}`);
}
