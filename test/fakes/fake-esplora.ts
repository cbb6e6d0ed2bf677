// A fake Esplora API on 127.0.0.1: GET /address/{addr} answers fixtures/wallets/esplora-address.json's
// shape with the sums given per address; any other address is a 400 as blockstream.info answers it.
import { startFake, type FakeServer } from './http-fake.js';

export interface EsploraAddress {
  funded: number;
  spent: number;
  mempoolFunded?: number;
  mempoolSpent?: number;
}

export function startFakeEsplora(addresses: Record<string, EsploraAddress>, prefix = ''): Promise<FakeServer> {
  return startFake((request) => {
    const address = new RegExp(`^${prefix}/address/([A-Za-z0-9]+)$`).exec(request.path)?.[1];
    const entry = address ? addresses[address] : undefined;
    if (!address || !entry) return { status: 400, json: 'Invalid Bitcoin address' };
    const stats = (funded: number, spent: number) => ({ funded_txo_count: 1, funded_txo_sum: funded, spent_txo_count: 1, spent_txo_sum: spent, tx_count: 2 });
    return { json: { address, chain_stats: stats(entry.funded, entry.spent), mempool_stats: stats(entry.mempoolFunded ?? 0, entry.mempoolSpent ?? 0) } };
  });
}
