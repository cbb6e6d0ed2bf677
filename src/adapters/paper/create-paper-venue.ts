// A simulated venue of any kind (cex, dex, mt5, ...), configured entirely from the YAML: balances,
// prices, markets and fees. It is the embedded default and what the demo runs on.
import type { VenueConfig } from '../../config.js';
import type { Balance, CreateVenue, MarketRules, PricePoint, PriceQuote, VenueCapabilities } from '../../ports.js';
import { ZERO } from '../../money.js';
import { createFaults } from '../faults.js';
import { createPaperExchange } from './paper-exchange.js';
import { createPaperSwap } from './paper-swap.js';
import { ensureSeeded } from './seed.js';

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const createPaperVenue: CreateVenue = (id, config, deps) => {
  const fault = createFaults(id, config.faults);
  const tradable = config.kind !== 'wallet';
  const listed: Set<string> = new Set([...Object.keys(config.markets), ...Object.keys(config.balances), ...(config.quote ? [config.quote] : [])]);
  const history = (asset: string) => config.price_history[asset] ?? (listed.has(asset) ? deps.priceHistory[asset] : undefined);
  // With swap_pools: a paper DEX: quotes and unsigned swaps, no orders (as a real DEX venue here).
  const pools = tradable ? config.swap_pools : undefined;
  const capabilities: VenueCapabilities = pools
    ? { trade: true, limitOrders: false, marketOrders: true, withdraw: false, priceHistory: true, swap: true }
    : { trade: tradable, limitOrders: tradable, marketOrders: tradable, withdraw: false, priceHistory: true };
  const priceOf = (asset: string) => config.prices?.[asset] ?? (listed.has(asset) ? deps.prices[asset] : undefined);
  const seed = () => ensureSeeded(id, config, deps.ledger, deps.clock.now(), deps.logger);
  const exchange = createPaperExchange({ venue: id, config, store: deps.ledger, clock: deps.clock, sleep: deps.sleep ?? realSleep, markets: () => marketRules(config), priceOf, ensureSeeded: seed });

  return {
    id,
    label: config.label ?? id,
    kind: config.kind,
    capabilities,

    async fetchBalances(): Promise<Balance[]> {
      fault('fetch_balances');
      const balances = seed();
      // What open orders hold back is not free, as on a real venue.
      const held = exchange.reserved();
      return [...balances].filter(([, total]) => !total.isZero()).map(([asset, total]) => ({ asset, total, free: total.minus(held.get(asset) ?? ZERO) }));
    },

    async fetchPrices(assets): Promise<PriceQuote[]> {
      fault('fetch_prices');
      const at = config.prices_at ?? deps.pricesAt ?? deps.clock.now();
      const quotes: PriceQuote[] = [];
      for (const asset of assets) {
        const price = priceOf(asset);
        if (price !== undefined) quotes.push({ asset, price, at, source: id });
      }
      return quotes;
    },

    /** Daily closes from the config, oldest first, within [from, to]. */
    async fetchPriceHistory(asset: string, from: Date, to: Date): Promise<PricePoint[]> {
      return Object.entries(history(asset) ?? {})
        .map(([day, price]) => ({ at: new Date(`${day}T00:00:00Z`), price }))
        .filter((point) => point.at >= from && point.at <= to)
        .sort((a, b) => a.at.getTime() - b.at.getTime());
    },

    async fetchMarkets(): Promise<MarketRules[]> {
      return marketRules(config);
    },

    ...(pools
      ? createPaperSwap({ venue: id, label: config.label ?? id, reserves: pools, chainId: config.chain_id, markets: () => marketRules(config), priceOf })
      : tradable ? { placeOrder: exchange.placeOrder, fetchOrder: exchange.fetchOrder, cancelOrder: exchange.cancelOrder } : {}),
  };
};

function marketRules(config: VenueConfig): MarketRules[] {
  const quote = config.quote;
  if (!quote) return [];
  return Object.entries(config.markets).map(([base, market]) => {
    const fee = market.fee_rate ?? config.fee_rate;
    return {
      symbol: `${base}/${quote}`,
      base,
      quote,
      amountStep: market.amount_step,
      priceStep: market.price_step,
      minAmount: market.min_amount,
      minNotional: market.min_notional,
      takerFee: fee,
      makerFee: fee,
    };
  });
}
