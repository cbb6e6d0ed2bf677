// Assets as IBKR contracts (conids) and their prices. A conid comes from the config's `symbols:`,
// else from a position, else from the contract search (the first stock listing of that symbol).
// A market data snapshot answers the first request for a conid with no fields while it subscribes,
// so a snapshot missing fields is asked again a few times before that asset goes unpriced.
import { Decimal } from '../../money.js';
import type { Gateway } from './gateway.js';
import { searchSchema, snapshotSchema } from './payloads.js';

export interface ContractBook {
  conidOf(asset: string): Promise<string | undefined>;
  /** Remembers conids (and currencies) learned from positions. */
  learn(asset: string, conid: string, currency: string): void;
  currencyOf(asset: string): string | undefined;
}

export function createContractBook(gateway: Gateway, configured: Readonly<Record<string, string>>): ContractBook {
  const known = new Map<string, Promise<string | undefined>>(Object.entries(configured).map(([asset, conid]) => [asset, Promise.resolve(conid)]));
  const currencies = new Map<string, string>();
  return {
    conidOf(asset) {
      let pending = known.get(asset);
      if (!pending) {
        pending = gateway.call('GET', `/iserver/secdef/search?symbol=${encodeURIComponent(asset)}`, searchSchema).then(
          (found) => found.find((c) => (c.symbol ?? asset) === asset && c.sections.some((s) => s.secType === 'STK'))?.conid,
          (error: unknown) => {
            known.delete(asset);
            throw error;
          },
        );
        known.set(asset, pending);
      }
      return pending;
    },
    learn(asset, conid, currency) {
      if (!(asset in configured)) known.set(asset, Promise.resolve(conid));
      currencies.set(asset, currency);
    },
    currencyOf: (asset) => currencies.get(asset),
  };
}

/** "C601.20" (a close) or "601.20" to 601.20; an empty or unreadable field to undefined. */
export function fieldPrice(text: string | undefined): Decimal | undefined {
  const number = text?.replace(/^[A-Za-z]+/, '').replace(/,/g, '');
  return number && /^\d+(\.\d+)?$/.test(number) && Number(number) > 0 ? new Decimal(number) : undefined;
}

export interface Snapshot {
  price: Decimal;
  at: Date | undefined;
}

/** Bid/ask midpoint where both are sane, else the last price; conids still without either are left out. */
export async function fetchSnapshots(gateway: Gateway, conids: readonly string[], wait: (ms: number) => Promise<void>): Promise<Map<string, Snapshot>> {
  const out = new Map<string, Snapshot>();
  let missing = [...new Set(conids)];
  for (let attempt = 0; attempt < 3 && missing.length > 0; attempt++) {
    if (attempt > 0) await wait(500);
    const rows = await gateway.call('GET', `/iserver/marketdata/snapshot?conids=${missing.join(',')}&fields=31,84,86`, snapshotSchema);
    for (const row of rows) {
      const bid = fieldPrice(row['84']);
      const ask = fieldPrice(row['86']);
      const price = bid && ask && ask.gte(bid) ? bid.plus(ask).div(2) : fieldPrice(row['31']);
      if (price) out.set(row.conid, { price, at: row._updated ? new Date(row._updated) : undefined });
    }
    missing = missing.filter((conid) => !out.has(conid));
  }
  return out;
}
