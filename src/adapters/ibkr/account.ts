// Which brokerage account a venue reads and trades, and what it holds. The gateway needs
// /portfolio/accounts asked before any portfolio call, so the account is resolved through it:
// the configured account_id must be one of the login's accounts; without one, the login must see
// exactly one. Holdings: positions by ticker, cash per currency from the ledger. The gateway answers
// positions from a cache that a trade does not refresh, so holdings are read after invalidating it.
import { UsageError } from '../../errors.js';
import type { Balance } from '../../ports.js';
import type { Gateway } from './gateway.js';
import { accountsSchema, invalidatedSchema, ledgerSchema, positionsSchema } from './payloads.js';

export interface Account {
  id: string;
  /** The account's base currency. */
  currency: string;
}

export async function resolveAccount(gateway: Gateway, venue: string, configured: string | undefined): Promise<Account> {
  const accounts = await gateway.call('GET', '/portfolio/accounts', accountsSchema);
  const ids = accounts.map((a) => a.id);
  const chosen = configured ? accounts.find((a) => a.id === configured) : accounts.length === 1 ? accounts[0] : undefined;
  if (!chosen) {
    const why = configured ? `account_id ${configured} is not one of this login's accounts` : accounts.length === 0 ? 'the login sees no brokerage account' : 'the login sees several accounts';
    throw new UsageError(`Venue "${venue}": ${why} (${ids.join(', ') || 'none'}); set account_id: to one of them.`);
  }
  return { id: chosen.id, currency: chosen.currency ?? 'USD' };
}

export interface Position {
  asset: string;
  conid: string;
  quantity: Balance['total'];
  currency: string;
}

/** Every position, page by page (the gateway pages by 100). */
export async function fetchPositions(gateway: Gateway, account: Account): Promise<Position[]> {
  const out: Position[] = [];
  for (let page = 0; page < 50; page++) {
    const rows = await gateway.call('GET', `/portfolio/${encodeURIComponent(account.id)}/positions/${page}`, positionsSchema);
    for (const row of rows) {
      if (!row.position.isZero()) out.push({ asset: row.ticker ?? row.contractDesc, conid: row.conid, quantity: row.position, currency: row.currency });
    }
    if (rows.length < 100) break;
  }
  return out;
}

export async function fetchIbkrBalances(gateway: Gateway, account: Account): Promise<Balance[]> {
  // Without this, the shares an order just bought are missing until the cache expires on its own.
  await gateway.call('POST', `/portfolio/${encodeURIComponent(account.id)}/positions/invalidate`, invalidatedSchema, {});
  const ledger = await gateway.call('GET', `/portfolio/${encodeURIComponent(account.id)}/ledger`, ledgerSchema);
  const cash: Balance[] = Object.entries(ledger)
    .filter(([key, entry]) => key !== 'BASE' && !entry.cashbalance.isZero())
    .map(([key, entry]) => ({ asset: entry.currency ?? key, total: entry.cashbalance, free: entry.cashbalance }));
  const held = (await fetchPositions(gateway, account)).map((p) => ({ asset: p.asset, total: p.quantity, free: p.quantity }));
  return [...cash, ...held].sort((a, b) => a.asset.localeCompare(b.asset));
}
