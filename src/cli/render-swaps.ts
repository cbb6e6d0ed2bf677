// DEX swaps handed out to sign, for people: a line per swap (what goes in, the least that comes
// out, pool fee and price impact) and, in full, each unsigned transaction. Always said: unsigned.
import { formatPercent } from '../format.js';
import { Decimal } from '../money.js';
import type { SwapLegJson, UnsignedTransactionJson } from '../rebalancer.js';
import type { SwapsListingJson } from './swaps-json.js';

const pct = (fraction: string | null) => (fraction === null ? '?' : formatPercent(new Decimal(fraction), 2));

export function swapLegLine(leg: SwapLegJson): string {
  const [base, quote] = leg.market.split('/') as [string, string];
  const out = leg.side === 'sell' ? quote : base;
  const guard = leg.min_amount_out !== null ? `, at least ${leg.min_amount_out} ${out} out` : '';
  const after = leg.after.length > 0 ? `; after ${leg.after.join(', ')}` : '';
  const status = leg.status === 'failed' ? ` — not built: ${leg.error ?? 'unknown error'}` : '';
  return `${leg.step}. ${leg.venue} ${leg.market}: ${leg.side} ${leg.quantity} ${base}${guard}, pool fee ${pct(leg.fee_rate)}, price impact ${pct(leg.price_impact)}${after}${status} [${leg.client_order_id}]`;
}

/** Once a swap is signed and sent, this books it (trade, lots, tax records). */
export const RECORD_HINT = 'Once a swap is sent, book it: kit rebalance swaps record <CLIENT_ORDER_ID> --tx <HASH> (the id in brackets).';

export function transactionLines(tx: UnsignedTransactionJson, index: number): string[] {
  if (tx.chain === 'evm') return [`   tx ${index + 1}: ${tx.description}`, `      chainId ${tx.chain_id}, from ${tx.from}`, `      to ${tx.to}, value ${tx.value}`, `      data ${tx.data}`];
  return [`   tx ${index + 1}: ${tx.description}`, `      Solana, from ${tx.from}${tx.last_valid_block_height !== null ? `, valid until block height ${tx.last_valid_block_height}` : ''}`, `      transaction (base64) ${tx.transaction}`];
}

/** Execute's summary of the swaps it handed out: the count, the file, a line per swap. */
export function swapsSummary(swaps: { file: string | null; legs: readonly SwapLegJson[] }): string[] {
  const ready = swaps.legs.filter((leg) => leg.status !== 'failed').length;
  const head = swaps.file
    ? `${ready} DEX swap${ready === 1 ? '' : 's'} to sign in your wallet (unsigned; this skill never signs): ${swaps.file}`
    : `${swaps.legs.length} DEX swap${swaps.legs.length === 1 ? '' : 's'} would be handed out to sign in your wallet (never sent by this skill)`;
  const ordered = swaps.legs.some((leg) => leg.after.length > 0) ? ['   Sign them in step order: a buy spends what an earlier sell brings.'] : [];
  const record = swaps.file && ready > 0 ? [`   ${RECORD_HINT}`] : [];
  return [head, ...swaps.legs.map((leg) => `   ${swapLegLine(leg)}`), ...ordered, ...record];
}

/** `kit rebalance swaps` as text: each swap with its transactions in full, and that nothing is signed. */
export function renderSwapListing(listing: SwapsListingJson): string {
  const out: string[] = [];
  for (const refusal of listing.refusals) out.push(`${listing.swaps.length === 0 ? 'Not built' : 'Note'}: ${refusal.message}`);
  if (listing.swaps.length === 0) return [...out, listing.note].join('\n');
  out.push('DEX swaps of the plan, to sign in your own wallet:');
  for (const leg of listing.swaps) out.push('', swapLegLine(leg), ...leg.transactions.flatMap(transactionLines));
  for (const d of listing.diagnostics) out.push('', `${d.severity === 'error' ? '✗' : '⚠️'} ${d.message}`);
  if (listing.file) out.push('', `Written to ${listing.file}.`);
  out.push('', listing.note);
  if (listing.swaps.some((leg) => leg.status === 'to_sign')) out.push(RECORD_HINT);
  return out.join('\n');
}
