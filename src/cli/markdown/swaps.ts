// rebalance_swaps as Markdown: each swap in a line, its transactions in a fenced block, and that
// this skill never signs.
import type { SwapsListingJson } from '../swaps-json.js';
import { swapLegLine, transactionLines } from '../render-swaps.js';
import { diagnosticLines, fenced } from './common.js';

export function swapsMarkdown(listing: SwapsListingJson): string {
  const out = ['🔏 DEX swaps to sign', ''];
  for (const refusal of listing.refusals) out.push(`⚠️ ${refusal.message}`, '');
  for (const leg of listing.swaps) out.push(`- ${swapLegLine(leg)}`, ...(leg.transactions.length > 0 ? ['', fenced(leg.transactions.flatMap(transactionLines).join('\n')), ''] : []));
  if (listing.diagnostics.length > 0) out.push('', ...diagnosticLines(listing.diagnostics));
  out.push('', listing.note);
  return out.join('\n');
}
