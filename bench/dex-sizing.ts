// Preview with DEX venues whose every request (balances, prices, each quote) takes `ms`: the cost
// of pricing swaps at their planned size. Three paper DEX venues (swap_pools: constant-product
// pools), two traded assets each; with a wide tolerance every leg is quoted once at its size, with
// a tight one each leg is cut to the largest size within it (a bounded search of at most six
// quotes). Reported: preview time (median of 3) and the quotes asked.
import { createVenues } from '../src/adapters/index.js';
import { parseConfigText } from '../src/config.js';
import { fixedClock } from '../src/host/clock.js';
import { openLedger } from '../src/ledger/open-ledger.js';
import type { Venue } from '../src/ports.js';
import { previewRebalance } from '../src/rebalancer.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const NOW = new Date('2026-11-23T14:00:00Z');

const dexVenue = (id: string, a: string, b: string) => `    ${id}:
      kind: dex
      adapter: paper
      quote: USDC
      markets: {${a}: {amount_step: "0.0001"}, ${b}: {amount_step: "0.0001"}}
      balances: {${a}: "40", USDC: "1000"}
      swap_pools: {${a}: "4000", ${b}: "4000"}
      addresses: ["0x1111111111111111111111111111111111111111"]
`;

const yaml = (tolerance: string) => `portfolio_rebalancer:
  targets: {A1: 10%, B1: 10%, A2: 10%, B2: 10%, A3: 10%, B3: 10%, USDC: 40%}
  cash_assets: [USDC]
  prices: {A1: "100", B1: "100", A2: "100", B2: "100", A3: "100", B3: "100", USDC: "1"}
  min_trade_value: "10"
  execution: {slippage_tolerance: "${tolerance}"}
  venues:
${dexVenue('dex1', 'A1', 'B1')}${dexVenue('dex2', 'A2', 'B2')}${dexVenue('dex3', 'A3', 'B3')}`;

function slow(venue: Venue, ms: number, counter: { quotes: number }): Venue {
  return {
    ...venue,
    fetchBalances: async () => (await sleep(ms), venue.fetchBalances()),
    fetchPrices: async (assets) => (await sleep(ms), venue.fetchPrices(assets)),
    quoteSwap: async (request) => {
      counter.quotes += 1;
      await sleep(ms);
      return venue.quoteSwap!(request);
    },
  };
}

async function previewTime(tolerance: string, ms: number): Promise<{ ms: number; quotes: number; legs: number }> {
  const config = parseConfigText(yaml(tolerance), 'bench');
  const ledger = openLedger(':memory:');
  const clock = fixedClock(NOW);
  const counter = { quotes: 0 };
  const built = await createVenues(config, { clock, ledger, env: {}, logger: quiet, prices: config.prices, pricesAt: config.prices_at, priceHistory: config.price_history });
  const venues = built.map((venue) => slow(venue, ms, counter));
  const start = process.hrtime.bigint();
  const { plan } = await previewRebalance({ config, ledger, clock, venues, logger: quiet });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  ledger.close();
  return { ms: elapsed, quotes: counter.quotes, legs: plan?.trades.length ?? 0 };
}

export async function dexSizing(): Promise<string> {
  const lines: string[] = [];
  for (const [label, tolerance, ms] of [
    ['3 DEX venues, 6 legs, 300 ms per request, tolerance 5% (no cut)', '5%', 300],
    ['3 DEX venues, 6 legs, 300 ms per request, tolerance 0.2% (cut)', '0.2%', 300],
    ['the same, 0 ms per request (in-process work only)', '0.2%', 0],
  ] as const) {
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await previewTime(tolerance, ms));
    const median = runs.map((r) => r.ms).sort((x, y) => x - y)[1]!;
    lines.push(`${label.padEnd(66)} preview ${median.toFixed(0).padStart(5)} ms (median of 3), ${runs[0]!.quotes} quotes, ${runs[0]!.legs} trades`);
  }
  return lines.join('\n');
}
