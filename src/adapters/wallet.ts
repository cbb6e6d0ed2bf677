// What the read-only wallet adapters (evm, bitcoin, solana) share: they can do nothing but be
// counted; their endpoint may carry an API key, so it may be written as ${ENV_VAR}, is resolved
// only when the venue is built, and is scrubbed from every message that leaves the adapter.
import type { VenueConfig } from '../config.js';
import { UsageError, VenueError } from '../errors.js';
import type { Balance, PriceQuote, VenueCapabilities, VenueDeps } from '../ports.js';
import { createScrubber } from './ccxt/scrub.js';

export const READ_ONLY: VenueCapabilities = { trade: false, limitOrders: false, marketOrders: false, withdraw: false, priceHistory: false };
/** Every DEX venue (uniswap, sushiswap, pancakeswap, 1inch, jupiter): trades are swaps its wallet signs, never orders sent from here. */
export const SWAPS_ONLY: VenueCapabilities = { trade: true, limitOrders: false, marketOrders: true, withdraw: false, priceHistory: false, swap: true };

export interface WalletEndpoint {
  url: string;
  scrub: (text: string) => string;
}

/** The venue's rpc_url (or base_url), `${ENV}` resolved; else the adapter's default. */
export function walletEndpoint(id: string, config: VenueConfig, env: VenueDeps['env'], fallback?: string): WalletEndpoint {
  const written = config.rpc_url ?? config.base_url ?? fallback;
  if (!written) throw new UsageError(`Venue "${id}": adapter ${config.adapter} needs rpc_url: (the node's JSON-RPC URL, or \${ENV_VAR}).`);
  const name = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(written.trim())?.[1];
  const url = name ? env[name] : written;
  if (!url) throw new UsageError(`Venue "${id}": environment variable not set for rpc_url (\${${name}}).`, { details: 'Set it in the environment of the process that runs kit.' });
  if (!/^https?:\/\/\S+$/.test(url)) throw new UsageError(`Venue "${id}": rpc_url (\${${name}}) is not an http(s) URL.`);
  // A URL from the environment is a secret (providers put the key in the path); one written in the config is not.
  const scrubUrl = createScrubber(name ? [url, url.replace(/\/+$/, '')] : []);
  return { url, scrub: scrubUrl };
}

/** The addresses, or a clear error when there are none. */
export function walletAddresses(id: string, config: VenueConfig): string[] {
  if (config.addresses.length === 0) throw new UsageError(`Venue "${id}": adapter ${config.adapter} needs addresses: [...] (the addresses whose holdings count).`);
  return [...new Set(config.addresses)];
}

/** The venue's own `prices:` (like a manual venue); other prices come from the config or other venues. */
export function configQuotes(id: string, config: VenueConfig, deps: VenueDeps, assets: readonly string[]): PriceQuote[] {
  const at = config.prices_at ?? deps.pricesAt ?? deps.clock.now();
  return assets.flatMap((asset) => {
    const price = config.prices?.[asset];
    return price === undefined ? [] : [{ asset, price, at, source: id }];
  });
}

/** Totals per asset in a fixed order; nothing zero. */
export function walletBalances(totals: ReadonlyMap<string, import('../money.js').Decimal>): Balance[] {
  return [...totals.entries()].filter(([, total]) => !total.isZero()).sort(([a], [b]) => a.localeCompare(b)).map(([asset, total]) => ({ asset, total, free: total }));
}

/** A failed wallet read as our VenueError, scrubbed, with the original as cause. */
export function walletError(id: string, operation: string, endpoint: WalletEndpoint, error: unknown, retryable: (error: unknown) => boolean): VenueError {
  if (error instanceof VenueError) return error;
  // viem's errors: a short line, and details such as "fetch failed" that say why.
  const { shortMessage, details } = error as { shortMessage?: string; details?: string };
  const text = (error instanceof Error ? (shortMessage ? `${shortMessage}${details ? ` (${details})` : ''}` : error.message) : String(error)).replace(/\s+/g, ' ').trim();
  if (error instanceof Error) {
    error.message = endpoint.scrub(error.message);
    if (error.stack) error.stack = endpoint.scrub(error.stack);
  }
  return new VenueError(id, operation, endpoint.scrub(text.length > 300 ? `${text.slice(0, 300)}...` : text), retryable(error), { cause: error });
}
