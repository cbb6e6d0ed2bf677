// Harvest candidates as JSON and as a table: `kit rebalance harvest` and the preview's
// tax.enable_tlh section print the same thing.
import { formatMoney, formatQuantity } from '../format.js';
import type { HarvestResult } from '../tax/harvest.js';
import { diagnosticJson } from './json-parts.js';
import { renderTable } from './table.js';

export function harvestJson(result: HarvestResult) {
  return {
    total_loss: result.totalLoss.toFixed(),
    candidates: result.candidates.map((c) => ({
      asset: c.asset,
      venue: c.venue,
      lot_ids: c.lotIds,
      quantity: c.quantity.toFixed(),
      price: c.price.toFixed(),
      proceeds: c.proceeds.toFixed(),
      basis: c.basis.toFixed(),
      loss: c.loss.toFixed(),
      term: c.term,
      // Each lot's own term and loss: a candidate over long- and short-term lots is 'mixed'.
      lots: c.lots.map((lot) => ({ lot_id: lot.lotId, quantity: lot.quantity.toFixed(), basis: lot.basis.toFixed(), loss: lot.loss.toFixed(), term: lot.term })),
      replacement: c.replacement ?? null,
      rebuy_safe_from: c.rebuySafeFrom?.toISOString() ?? null,
    })),
    blocked: result.blocked.map(diagnosticJson),
  };
}

export function renderHarvest(result: HarvestResult, currency: string): string {
  const money = (value: Parameters<typeof formatMoney>[0]) => formatMoney(value, currency);
  const out: string[] = [];
  if (result.candidates.length === 0) out.push('No lot has an unrealised loss above tlh_min_loss that can be harvested now.');
  else {
    out.push(
      renderTable(
        ['Asset', 'Venue', 'Sell', 'Proceeds', 'Basis', 'Loss', 'Term', 'Then'],
        result.candidates.map((c) => [
          c.asset,
          c.venue,
          formatQuantity(c.quantity),
          money(c.proceeds),
          money(c.basis),
          money(c.loss),
          c.term,
          [c.replacement ? `buy ${c.replacement}` : '', c.rebuySafeFrom ? `rebuy ${c.asset} from ${c.rebuySafeFrom.toISOString().slice(0, 10)}` : ''].filter(Boolean).join('; ') || '—',
        ]),
        [],
        { alignRight: [2, 3, 4, 5] },
      ),
      `Loss harvested: ${money(result.totalLoss)}`,
    );
  }
  if (result.blocked.length > 0) out.push(...result.blocked.map((d) => `ℹ️ ${d.message}`));
  return out.join('\n');
}
