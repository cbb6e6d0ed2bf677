// Holdings written in the config and never traded: cold storage, a hardware wallet, an account
// the rebalancer may only look at. They count in the allocation; their prices come from elsewhere.
import type { Balance, CreateVenue, PriceQuote } from '../../ports.js';

export const createManualVenue: CreateVenue = (id, config, deps) => ({
  id,
  label: config.label ?? id,
  kind: config.kind,
  capabilities: { trade: false, limitOrders: false, marketOrders: false, withdraw: false, priceHistory: false },

  async fetchBalances(): Promise<Balance[]> {
    // Seeding records the config's lots in the ledger; the balances themselves stay the config's.
    const balances = Object.entries(config.balances).filter(([, total]) => !total.isZero());
    if (config.lots.length > 0) {
      const { ensureSeeded } = await import('../paper/seed.js');
      ensureSeeded(id, config, deps.ledger, deps.clock.now(), deps.logger);
    }
    return balances.map(([asset, total]) => ({ asset, total, free: total }));
  },

  async fetchPrices(assets): Promise<PriceQuote[]> {
    const at = config.prices_at ?? deps.pricesAt ?? deps.clock.now();
    return assets.flatMap((asset) => {
      const price = config.prices?.[asset];
      return price === undefined ? [] : [{ asset, price, at, source: id }];
    });
  },

  async fetchMarkets() {
    return [];
  },
});
