// rebalance_preview as Markdown: the trades in the seed's words ("Sell 0.012 BTC ($1,182) on
// Binance"), each with its market, limit and tax underneath, manual transfers, the weights after,
// fees, turnover, tax, every note, and the fact that nothing was traded.
import type { PlanJson } from '../plan-json.js';
import { swapLine } from '../swap-line.js';
import { renderTable } from '../table.js';
import { dec, diagnosticLines, fenced, footer, money, percent, signedPercent } from './common.js';

type Trade = PlanJson['trades'][number];

export interface PreviewMarkdownOptions {
  /** Venue id to its label ("jupiter" to "Jupiter (Solana)"), when known (portfolio_status has them). */
  labels?: ReadonlyMap<string, string>;
  /** false: only the seed's one line per trade. */
  detail?: boolean;
}

export function tradeLines(plan: PlanJson, options: PreviewMarkdownOptions = {}): string[] {
  const cash = (value: string) => money(value, plan.currency, 0);
  if (plan.trades.length === 0) {
    return [plan.before.some((row) => row.status === 'overweight' || row.status === 'underweight') ? 'No trades are planned; the notes say why.' : '✅ Nothing to trade: every asset is within its band.'];
  }
  const out = ['Recommended trades:'];
  for (const trade of plan.trades) {
    const venue = options.labels?.get(trade.venue) ?? trade.venue;
    const wait = trade.waits_for ? ` after transfer ${trade.waits_for}` : '';
    out.push(`- ${trade.side === 'buy' ? 'Buy' : 'Sell'} ${trade.quantity} ${trade.asset} (${cash(trade.value)}) on ${venue}${wait}`);
    if (options.detail !== false) out.push(`  - ${tradeDetail(trade, plan.currency, cash)}`);
    if (trade.price_impact !== null && trade.fee_rate !== null) {
      out.push(`  - ${swapLine({ venueLabel: venue, side: trade.side, quantity: dec(trade.quantity), asset: trade.asset, notional: dec(trade.notional), quote: trade.quote, feeRate: dec(trade.fee_rate), priceImpact: dec(trade.price_impact) })}`);
    }
  }
  if (plan.transfers.length > 0) {
    out.push('', 'Transfers (manual steps, before the trades that wait for them):');
    for (const t of plan.transfers) out.push(`- ${t.id}: move ${t.amount} ${t.asset} (${cash(t.value)}) from ${t.from} to ${t.to}; ${t.reason}`);
  }
  return out;
}

function tradeDetail(trade: Trade, currency: string, cash: (value: string) => string): string {
  const parts = [`${trade.market}${trade.limit_price ? `, limit ${trade.limit_price} ${trade.quote}` : ''}`, `fee about ${money(trade.fee_value, currency, 2)}`];
  const tax = trade.tax;
  if (tax) {
    if (tax.gain === null) parts.push('no recorded lots: gain and tax unknown');
    else {
      const gain = dec(tax.gain);
      const terms = [...new Set(tax.lots.map((lot) => lot.term))].join('/');
      parts.push(`${gain.isNegative() ? `loss ${cash(gain.neg().toFixed())}` : `gain ${cash(tax.gain)}`} (${terms || 'unknown'})`);
      if (tax.estimated_tax !== null) parts.push(dec(tax.estimated_tax).isNegative() ? `saves about ${cash(dec(tax.estimated_tax).neg().toFixed())}` : `tax about ${cash(tax.estimated_tax)}`);
    }
  }
  return parts.join('; ');
}

export function previewMarkdown(plan: PlanJson, options: PreviewMarkdownOptions = {}): string {
  const out = [`⚖️ Rebalance Preview (${plan.strategy === plan.base_strategy ? plan.strategy : `${plan.strategy} over ${plan.base_strategy}`})`, ''];
  out.push(...tradeLines(plan, options));
  if (plan.trades.length > 0) {
    const now = new Map(plan.before.map((row) => [row.asset, row.weight]));
    out.push(
      '',
      'After the trades:',
      fenced(renderTable(['Asset', 'Now', 'After', 'Target', 'Drift'], plan.after.map((row) => [row.asset, percent(now.get(row.asset) ?? '0'), percent(row.weight), row.target ? percent(row.target) : '—', row.drift ? signedPercent(row.drift) : '—']), [], { minWidth: 6 })),
      '',
      `Estimated fees: ${money(plan.fees.total, plan.currency)} · turnover ${percent(plan.turnover)}${taxText(plan)}`,
    );
  }
  const notes = plan.diagnostics.filter((d) => d.code !== 'plan.within_bands');
  if (notes.length > 0) out.push('', ...diagnosticLines(notes));
  out.push('', plan.executable ? 'Nothing has been traded.' : '⛔ This plan must not be executed: the data behind it is incomplete or stale (see the notes).');
  out.push('', footer({ as_of: plan.as_of, source: plan.config_source, demo: plan.demo }, [`total ${money(plan.total_value, plan.currency)}`]));
  return out.join('\n');
}

function taxText(plan: PlanJson): string {
  if (plan.estimated_tax === undefined || plan.estimated_tax === null) return plan.estimated_tax_bound === 'unknown' ? ' · estimated tax unknown (sales without recorded lots)' : '';
  const tax = dec(plan.estimated_tax);
  const text = tax.isNegative() ? `${money(tax.neg().toFixed(), plan.currency, 0)} saved` : money(plan.estimated_tax, plan.currency, 0);
  return ` · estimated tax ${plan.estimated_tax_bound === 'at_least' ? 'at least ' : ''}${text}`;
}
