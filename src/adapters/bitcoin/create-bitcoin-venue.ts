// Bitcoin addresses (`adapter: bitcoin`), counted and never traded, through an Esplora-compatible
// API (blockstream.info, mempool.space, a self-hosted esplora): GET /address/{addr} gives funded
// minus spent outputs in satoshis, confirmed (chain_stats) plus unconfirmed (mempool_stats).
// An xpub/ypub/zpub in addresses: counts its first derive_addresses receive and change addresses.
import { z } from 'zod';
import { UsageError, VenueError } from '../../errors.js';
import type { Balance, CreateVenue } from '../../ports.js';
import { fromBaseUnits } from '../units.js';
import { deriveAddresses, isExtendedKey } from './derive-addresses.js';
import { configQuotes, READ_ONLY, walletAddresses, walletBalances, walletEndpoint, walletError } from '../wallet.js';

export const DEFAULT_ESPLORA = 'https://blockstream.info/api';
const SATS = 8;
// Legacy (1...), script (3...), bech32/bech32m (bc1...), and testnet/signet forms.
const BTC_ADDRESS = /^([13mn2][1-9A-HJ-NP-Za-km-z]{25,39}|(bc|tb|bcrt)1[02-9ac-hj-np-z]{11,87})$/;

const stats = z.object({ funded_txo_sum: z.number().int().nonnegative(), spent_txo_sum: z.number().int().nonnegative() });
/** The part of Esplora's address answer we read (fixtures/esplora-address.json is a sample). */
export const esploraAddress = z.object({ address: z.string().optional(), chain_stats: stats, mempool_stats: stats });

export const createBitcoinVenue: CreateVenue = (id, config, deps) => {
  const endpoint = walletEndpoint(id, { ...config, rpc_url: undefined }, deps.env, DEFAULT_ESPLORA);
  const addresses = walletAddresses(id, config);
  for (const address of addresses) {
    if (!BTC_ADDRESS.test(address) && !isExtendedKey(address)) {
      throw new UsageError(`Venue "${id}": ${JSON.stringify(address)} is not a Bitcoin address or an xpub, ypub or zpub.`, { details: /^[tuv]pub/.test(address) ? 'Testnet extended keys are not derived; list the addresses instead.' : undefined });
    }
  }
  let expanded: Promise<string[]> | undefined;
  // Derived once per venue; an extended key that does not parse is the config's problem.
  const allAddresses = () =>
    (expanded ??= Promise.all(addresses.map((entry) => (isExtendedKey(entry) ? deriveAddresses(entry, config.derive_addresses) : [entry]))).then((lists) => [...new Set(lists.flat())]).catch((error: unknown) => {
      expanded = undefined;
      throw new UsageError(`Venue "${id}": an extended key in addresses: cannot be read (${error instanceof Error ? error.message : String(error)}).`, { cause: error });
    }));
  const base = endpoint.url.replace(/\/+$/, '');

  const satsOf = async (address: string): Promise<bigint> => {
    const response = await fetch(`${base}/address/${address}`, { headers: { accept: 'application/json' } });
    if (!response.ok) throw new VenueError(id, 'fetch balances', `the Esplora API answered HTTP ${response.status} for ${address}`, response.status === 429 || response.status >= 500);
    const parsed = esploraAddress.safeParse(await response.json());
    if (!parsed.success) throw new VenueError(id, 'fetch balances', `the Esplora API's answer for ${address} is not an address record (is base_url an Esplora API?)`, false);
    const { chain_stats: chain, mempool_stats: mempool } = parsed.data;
    return BigInt(chain.funded_txo_sum) - BigInt(chain.spent_txo_sum) + BigInt(mempool.funded_txo_sum) - BigInt(mempool.spent_txo_sum);
  };

  return {
    id,
    label: config.label ?? id,
    kind: config.kind,
    capabilities: READ_ONLY,

    async fetchBalances(): Promise<Balance[]> {
      try {
        const sats = await Promise.all((await allAddresses()).map(satsOf));
        return walletBalances(new Map([['BTC', fromBaseUnits(sats.reduce((a, b) => a + b, 0n), SATS)]]));
      } catch (error) {
        throw walletError(id, 'fetch balances', endpoint, error, (e) => e instanceof TypeError || (e instanceof Error && e.name === 'AbortError'));
      }
    },

    fetchPrices: async (assets) => configQuotes(id, config, deps, assets),
    fetchMarkets: async () => [],
  };
};
