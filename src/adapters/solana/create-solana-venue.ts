// Solana addresses (`adapter: solana`), counted and never traded: SOL from getBalance (lamports)
// and SPL tokens from getTokenAccountsByOwner under both token programs. Each token account's
// integer `amount` and `decimals` give the quantity exactly; only the mints named in `tokens:`
// count (an unknown mint has no symbol and no price).
import { UsageError } from '../../errors.js';
import type { Decimal } from '../../money.js';
import type { Balance, CreateVenue } from '../../ports.js';
import { fromBaseUnits } from '../units.js';
import { configQuotes, READ_ONLY, walletAddresses, walletBalances, walletEndpoint, walletError } from '../wallet.js';
import { getBalance, getTokenAccounts, SolanaRpcError, TOKEN_PROGRAMS } from './solana-rpc.js';

export const DEFAULT_SOLANA_RPC = 'https://api.mainnet-beta.solana.com';
const LAMPORTS = 9;
const BASE58 = /^[1-9A-HJ-NP-Za-km-z]{32,44}$/;

export const createSolanaVenue: CreateVenue = (id, config, deps) => {
  const endpoint = walletEndpoint(id, config, deps.env, DEFAULT_SOLANA_RPC);
  const addresses = walletAddresses(id, config);
  const symbolOf = new Map<string, string>();
  for (const [symbol, mint] of Object.entries(config.tokens)) symbolOf.set(mint, symbol.toUpperCase());
  for (const address of [...addresses, ...symbolOf.keys()]) {
    if (!BASE58.test(address)) throw new UsageError(`Venue "${id}": ${JSON.stringify(address)} is not a Solana address.`);
  }

  const holdingsOf = async (owner: string): Promise<Array<[string, Decimal]>> => {
    const [lamports, ...programs] = await Promise.all([getBalance(endpoint.url, owner), ...(symbolOf.size > 0 ? TOKEN_PROGRAMS.map((program) => getTokenAccounts(endpoint.url, owner, program)) : [])]);
    const out: Array<[string, Decimal]> = [['SOL', fromBaseUnits(lamports, LAMPORTS)]];
    for (const account of programs.flat()) {
      const { mint, tokenAmount } = account.account.data.parsed.info;
      const symbol = symbolOf.get(mint);
      if (symbol) out.push([symbol, fromBaseUnits(BigInt(tokenAmount.amount), tokenAmount.decimals)]);
    }
    return out;
  };

  return {
    id,
    label: config.label ?? id,
    kind: config.kind,
    capabilities: READ_ONLY,

    async fetchBalances(): Promise<Balance[]> {
      try {
        const totals = new Map<string, Decimal>();
        for (const [asset, quantity] of (await Promise.all(addresses.map(holdingsOf))).flat()) {
          totals.set(asset, totals.has(asset) ? totals.get(asset)!.plus(quantity) : quantity);
        }
        return walletBalances(totals);
      } catch (error) {
        throw walletError(id, 'fetch balances', endpoint, error, (e) => (e instanceof SolanaRpcError ? e.retryable : e instanceof TypeError));
      }
    },

    fetchPrices: async (assets) => configQuotes(id, config, deps, assets),
    fetchMarkets: async () => [],
  };
};
