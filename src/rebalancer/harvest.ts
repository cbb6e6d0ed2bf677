// `rebalance harvest`: tax-loss harvesting candidates from the session's open lots at the
// snapshot's prices: the sale, the loss, a substitute or the safe rebuy date, and what a recent
// purchase (or a buy the plan makes) would wash.
import { findHarvests, type HarvestResult } from '../tax/harvest.js';
import type { Session } from './session.js';

export async function harvestFor(session: Session, plannedBuys?: ReadonlySet<string>): Promise<HarvestResult> {
  const { config, clock } = session.deps;
  const state = session.taxState();
  const status = await session.status();
  const prices = new Map([...status.snapshot.prices].map(([asset, quote]) => [asset, quote.price]));
  return findHarvests({
    now: clock.now(),
    jurisdiction: config.tax.jurisdiction,
    openLots: state.lots,
    prices,
    assetClass: state.assetClass,
    trades: state.trades,
    minLoss: config.tax.tlh_min_loss,
    washSaleDays: config.tax.wash_sale_days,
    washSaleScope: config.tax.wash_sale_scope,
    substitutes: new Map(Object.entries(config.tax.substitutes)),
    identicalGroups: config.tax.identical_groups,
    ...(plannedBuys ? { plannedBuys } : {}),
  });
}
