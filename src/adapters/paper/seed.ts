// A paper venue starts from the balances and lots in the config and then lives in the ledger, so
// that an executed rebalance shows in the next status. When the config's seed changes, the venue
// is re-seeded only if its ledger state is still exactly the old seed (nothing was traded on it);
// otherwise the ledger wins and the user is told how to reset it.
import { createHash } from 'node:crypto';
import type { VenueConfig } from '../../config.js';
import { Decimal } from '../../money.js';
import type { AssetClass, Logger, NewLot, PaperBookStore, PaperStore, PaperVenueState } from '../../ports.js';

type Store = PaperStore & PaperBookStore;

export function balanceHash(balances: ReadonlyMap<string, Decimal> | Readonly<Record<string, Decimal>>): string {
  const entries = balances instanceof Map ? [...balances.entries()] : Object.entries(balances);
  const canonical = entries
    .filter(([, quantity]) => !quantity.isZero())
    .map(([asset, quantity]) => `${asset}=${quantity.toFixed()}`)
    .sort()
    .join(';');
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

function lotsHash(config: VenueConfig): string {
  const canonical = config.lots.map((lot) => `${lot.id ?? ''}|${lot.asset}|${lot.quantity.toFixed()}|${lot.unit_cost.toFixed()}|${lot.acquired.toISOString()}`).join(';');
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

export function seedLots(venue: string, config: VenueConfig): NewLot[] {
  const defaultClass: AssetClass = config.kind === 'mt5' || config.kind === 'ibkr' ? 'security' : 'crypto';
  return config.lots.map((lot, index) => ({
    id: lot.id ?? `${venue}-${lot.asset}-${lot.acquired.toISOString().slice(0, 10)}-${index + 1}`,
    venue,
    asset: lot.asset,
    assetClass: lot.asset_class ?? defaultClass,
    acquiredAt: lot.acquired,
    quantity: lot.quantity,
    unitCost: lot.unit_cost,
    sourceTradeId: `seed:${venue}:${index + 1}`,
    label: 'config seed',
  }));
}

/** Makes sure the ledger holds this venue's state; returns the balances to use. */
export function ensureSeeded(venue: string, config: VenueConfig, ledger: Store, now: Date, logger: Logger): Map<string, Decimal> {
  const seedBalances = new Map(Object.entries(config.balances));
  const seedHash = `${balanceHash(seedBalances)}:${lotsHash(config)}`;
  const state = ledger.paperVenue(venue);
  if (state?.seedHash === seedHash) return state.balances;
  if (state) {
    const pristine = balanceHash(state.balances) === state.seedHash.split(':')[0];
    if (!pristine) {
      logger.warn(
        { venue },
        `paper venue "${venue}": the config's balances changed since it was seeded on ${state.seededAt.toISOString().slice(0, 10)}, but trades have been applied since; keeping the ledger's balances. Run "kit paper reset ${venue}" to start again from the config.`,
      );
      return state.balances;
    }
  }
  reseed(ledger, venue, { seedHash, seededAt: now, balances: seedBalances }, seedLots(venue, config));
  return seedBalances;
}

export function resetVenue(venue: string, config: VenueConfig, ledger: Store, now: Date): void {
  const balances = new Map(Object.entries(config.balances));
  reseed(ledger, venue, { seedHash: `${balanceHash(balances)}:${lotsHash(config)}`, seededAt: now, balances }, seedLots(venue, config));
}

/** New balances and no open orders, together: an order resting on the old balances would spend the new ones. */
function reseed(ledger: Store, venue: string, state: PaperVenueState, lots: readonly NewLot[]): void {
  ledger.transaction(() => {
    ledger.seedPaperVenue(venue, state, lots);
    ledger.cancelOpenPaperOrders(venue, state.seededAt, 'the paper venue was reset to the config');
  });
}

