// rebalance_harvest as Markdown: the candidates' table, the loss, what is blocked, nothing traded.
import type { harvestJson } from '../harvest-output.js';
import { renderTable } from '../table.js';
import { diagnosticLines, fenced, footer, money } from './common.js';

export type HarvestToolJson = ReturnType<typeof harvestJson> & { source: string; demo: boolean; currency: string; as_of: string; jurisdiction: string; enable_tlh: boolean };

export function harvestMarkdown(result: HarvestToolJson): string {
  const cash = (value: string) => money(value, result.currency);
  const out = [`🌾 Tax-loss harvesting (${result.jurisdiction})`, ''];
  if (result.candidates.length === 0) out.push('No lot has an unrealised loss above tlh_min_loss that can be harvested now.');
  else {
    const then = (c: (typeof result.candidates)[number]) =>
      [c.replacement ? `buy ${c.replacement}` : '', c.rebuy_safe_from ? `rebuy ${c.asset} from ${c.rebuy_safe_from.slice(0, 10)}` : ''].filter(Boolean).join('; ') || '—';
    out.push(
      fenced(renderTable(['Asset', 'Venue', 'Sell', 'Proceeds', 'Basis', 'Loss', 'Term', 'Then'], result.candidates.map((c) => [c.asset, c.venue, c.quantity, cash(c.proceeds), cash(c.basis), cash(c.loss), c.term, then(c)]), [], { alignRight: [2, 3, 4, 5] })),
      '',
      `Loss harvested if all are sold: ${cash(result.total_loss)}`,
    );
  }
  if (result.blocked.length > 0) out.push('', ...diagnosticLines(result.blocked));
  out.push('', `Nothing has been traded.${result.enable_tlh ? '' : ' (tax.enable_tlh is off, so previews do not show these.)'}`);
  out.push('', footer(result));
  return out.join('\n');
}
