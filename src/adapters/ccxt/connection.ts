// One ccxt client per venue, built and given its markets on first use. A failed start is not
// kept: the next call tries again (the exchange may have been down for a moment).
import type { Exchange } from 'ccxt';
import { loadExchange, type ExchangeSettings } from './load-exchange.js';

export interface Connection {
  /** The client with its markets loaded. */
  ready(): Promise<Exchange>;
  /** The client if it was built, for what its last answer said (a Retry-After header). */
  current(): Exchange | undefined;
}

export function createConnection(settings: ExchangeSettings): Connection {
  let client: Exchange | undefined;
  let pending: Promise<Exchange> | undefined;
  return {
    ready() {
      pending ??= (async () => {
        client ??= await loadExchange(settings);
        await client.loadMarkets();
        return client;
      })().catch((error: unknown) => {
        pending = undefined;
        throw error;
      });
      return pending;
    },
    current: () => client,
  };
}

/** Seconds from the last answer's Retry-After header, if it had one. */
export function retryAfterSeconds(client: Exchange | undefined): number | undefined {
  const headers = (client?.last_response_headers ?? {}) as Record<string, string | undefined>;
  const raw = headers['retry-after'] ?? headers['Retry-After'];
  const value = Number(raw);
  return raw !== undefined && Number.isFinite(value) && value >= 0 ? value : undefined;
}
