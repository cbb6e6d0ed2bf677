// An Interactive Brokers account through the Client Portal Web API gateway (`adapter: ibkr`). The
// gateway runs on the user's machine and holds the login (made in its browser page); this skill
// holds no IBKR credential, only `base_url` (default https://localhost:5000) and the account id.
import type { VenueConfig } from '../../config.js';
import { UsageError } from '../../errors.js';
import type { CreateVenue, Venue, VenueCapabilities, VenueDeps } from '../../ports.js';
import type { Send } from '../http-json.js';
import { fetchIbkrBalances, fetchPositions, resolveAccount, type Account } from './account.js';
import { createContractBook } from './contracts.js';
import { toVenueError, type ErrorContext } from './errors.js';
import { createGateway } from './gateway.js';
import { insecureSend } from './insecure-send.js';
import { ibkrMarkets, ibkrPrices, type MarketDataContext } from './market-data.js';
import { createIbkrOrders } from './orders.js';

const CAPABILITIES: VenueCapabilities = { trade: true, limitOrders: true, marketOrders: true, withdraw: false, priceHistory: false };
export const DEFAULT_GATEWAY_URL = 'https://localhost:5000';
const TIMEOUT_MS = 15_000;

export interface IbkrOptions {
  send?: Send;
  timeoutMs?: number;
}

export const createIbkrVenue: CreateVenue = (id, config, deps) => createIbkrVenueWith(id, config, deps);

export function createIbkrVenueWith(id: string, config: VenueConfig, deps: VenueDeps, options: IbkrOptions = {}): Venue {
  const baseUrl = config.base_url ?? DEFAULT_GATEWAY_URL;
  if (config.insecure_tls && !/^https:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/|$)/.test(baseUrl)) {
    throw new UsageError(`Venue "${id}": insecure_tls is only for a gateway on this machine (https://localhost:PORT), not ${baseUrl}.`);
  }
  const gateway = createGateway({ baseUrl, timeoutMs: options.timeoutMs ?? TIMEOUT_MS, send: options.send ?? (config.insecure_tls ? insecureSend : undefined), clock: deps.clock });
  const contracts = createContractBook(gateway, config.symbols ?? {});
  const errors: ErrorContext = { venue: id, gateway: baseUrl };
  let account: Promise<Account> | undefined;
  const accountOf = () => {
    account ??= resolveAccount(gateway, id, config.account_id).catch((error: unknown) => {
      account = undefined;
      throw error;
    });
    return account;
  };
  const call = async <T>(operation: string, run: (account: Account) => Promise<T>): Promise<T> => {
    try {
      await gateway.session();
      return await run(await accountOf());
    } catch (error) {
      throw error instanceof UsageError ? error : toVenueError(errors, operation, error);
    }
  };
  const wait = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const market: MarketDataContext = { venue: id, gateway, contracts, currency: deps.currency ?? 'USD', clock: deps.clock, wait };

  /** Positions teach the contract book their conids and currencies. */
  const positions = async (acct: Account) => {
    const held = await fetchPositions(gateway, acct);
    for (const p of held) contracts.learn(p.asset, p.conid, p.currency);
    return held;
  };

  return {
    id,
    label: config.label ?? id,
    kind: config.kind,
    capabilities: CAPABILITIES,

    fetchBalances: () => call('fetch balances', (acct) => fetchIbkrBalances(gateway, acct)),

    fetchPrices: (assets) =>
      call('fetch prices', async (acct) => {
        await positions(acct);
        return ibkrPrices(market, acct, assets);
      }),

    fetchMarkets: () => call('fetch markets', async (acct) => ibkrMarkets(market, acct, await positions(acct), [...Object.keys(config.symbols ?? {}), ...Object.keys(config.markets)], config.fee_rate)),

    ...createIbkrOrders({ gateway, contracts, account: accountOf, errors, clock: deps.clock, logger: deps.logger }),
  };
}
