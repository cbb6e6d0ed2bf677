// A portfolio with a DEX venue for in-process tests: the config's venues built as usual (paper),
// with the one named `uniswap` replaced by the test swap venue (test/fakes/swap-venue.ts).
import { createVenues } from '../../src/adapters/index.js';
import { parseConfigText } from '../../src/config.js';
import { fixedClock } from '../../src/host/clock.js';
import { openLedger } from '../../src/ledger/open-ledger.js';
import type { Venue } from '../../src/ports.js';
import { testSwapVenue, type SwapVenueOptions } from '../fakes/swap-venue.js';

export const NOW = new Date('2026-11-23T14:00:00Z');
export const WALLET = '0x1111111111111111111111111111111111111111';
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** ETH on a DEX (10 ETH, 10,000 USDC) and on a paper CEX (BTC and USDC), targets that sell ETH and buy BTC. */
export const DEX_YAML = (extra = '') => `portfolio_rebalancer:
  targets: {ETH: 25%, BTC: 25%, USDC: 50%}
  cash_assets: [USDC]
  prices: {ETH: "3000", BTC: "100000", USDC: "1"}
  min_trade_value: "10"
${extra}  venues:
    uniswap:
      kind: dex
      adapter: paper
      label: Uniswap (Ethereum)
      quote: USDC
      markets: {ETH: {amount_step: "0.001"}}
      balances: {ETH: "10", USDC: "10000"}
      addresses: ["${WALLET}"]
    ex:
      kind: cex
      adapter: paper
      label: Exchange
      quote: USDC
      markets: {BTC: {amount_step: "0.0001"}}
      balances: {BTC: "0.1", USDC: "30000"}
`;

export const DEX_POOL: SwapVenueOptions = {
  label: 'Uniswap (Ethereum)',
  pools: { ETH: { reserve: '2000', price: '3000' } },
  balances: { ETH: '10', USDC: '10000' },
  prices: { ETH: '3000', USDC: '1' },
};

export async function dexWorld(options: Partial<SwapVenueOptions> = {}, yaml = DEX_YAML()) {
  const config = parseConfigText(yaml, 'test');
  const ledger = openLedger(':memory:');
  const clock = fixedClock(NOW);
  const built = await createVenues(config, { clock, ledger, env: {}, logger: quiet, prices: config.prices, pricesAt: config.prices_at, priceHistory: config.price_history });
  const dex = testSwapVenue({ ...DEX_POOL, ...options });
  const venues: Venue[] = built.map((venue) => (venue.id === 'uniswap' ? dex : venue));
  return { deps: { config, ledger, clock, venues, logger: quiet }, dex, close: () => ledger.close() };
}
