// The account side of a ccxt venue: which credentials an exchange needs (by their config names),
// and ccxt's balance structure as our balances.
import type { Exchange } from 'ccxt';
import type { VenueConfig } from '../../config.js';
import { UsageError } from '../../errors.js';
import type { Balance } from '../../ports.js';
import { dec } from './numbers.js';

const CREDENTIAL_KEYS = ['api_key', 'secret', 'password'];

/** The credentials this exchange needs, as the config names them; a missing one is a clear error. */
export function requiredCredentials(id: string, config: VenueConfig): Record<string, string> {
  const needed = ['api_key', 'secret', ...(config.exchange === 'okx' ? ['password'] : [])];
  const given = config.credentials ?? {};
  const missing = needed.filter((key) => !given[key]);
  if (missing.length > 0) {
    throw new UsageError(`Venue "${id}": ${config.exchange} needs credentials ${missing.map((key) => `${key}: \${...}`).join(', ')}.`, {
      details: `Write them under credentials:, such as api_key: \${${id.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_API_KEY}, and set those variables in the environment.`,
    });
  }
  return Object.fromEntries(Object.entries(given).filter(([key]) => CREDENTIAL_KEYS.includes(key)));
}

/** Every asset with a non-zero total; free is what is not locked in orders. */
export function balancesOf(balance: Awaited<ReturnType<Exchange['fetchBalance']>>): Balance[] {
  const totals = (balance.total ?? {}) as unknown as Record<string, unknown>;
  const out: Balance[] = [];
  for (const asset of Object.keys(totals).sort()) {
    const entry = balance[asset] as { free?: unknown; used?: unknown; total?: unknown } | undefined;
    const free = dec(entry?.free);
    const used = dec(entry?.used);
    const total = dec(entry?.total) ?? (free && used ? free.plus(used) : undefined);
    if (!total || total.isZero()) continue;
    out.push({ asset, total, free: free ?? total.minus(used ?? 0) });
  }
  return out;
}
