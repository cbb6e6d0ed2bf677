// tax_report as Markdown: the disposals' table, the totals after the yearly rules, every note.
import type { taxReportJson } from '../render-tax-report.js';
import { renderTable } from '../table.js';
import { fenced, money } from './common.js';

type TaxJson = ReturnType<typeof taxReportJson>;

export function taxMarkdown(report: TaxJson): string {
  const cash = (value: string) => money(value, report.currency);
  const out = [`🧾 Tax report: ${report.jurisdiction}, ${report.method.toUpperCase()}, ${report.period.label}`, ''];
  if (report.disposals.length === 0) out.push('No disposals in this period.');
  else {
    out.push(
      'Disposals:',
      fenced(
        renderTable(
          ['Date', 'Asset', 'Quantity', 'Proceeds', 'Cost', 'Gain', 'Term'],
          report.disposals.map((d) => [d.date.slice(0, 10), d.asset, d.quantity, cash(d.proceeds), cash(d.cost), cash(d.recognised_gain), d.term]),
          [],
          { alignRight: [2, 3, 4, 5] },
        ),
      ),
    );
    for (const d of report.disposals.filter((row) => row.wash_sale && row.wash_sale.disallowed !== '0')) {
      out.push(`⚠️ Wash sale: ${cash(d.wash_sale!.disallowed)} of the ${d.date.slice(0, 10)} ${d.asset} loss is disallowed and added to the basis of ${d.wash_sale!.replacements.map((r) => r.lot_id).join(', ')}.`);
    }
  }
  const t = report.totals;
  out.push('', `**Taxable: ${cash(t.taxable)}** (short-term ${cash(t.short)}, long-term ${cash(t.long)}, exempt ${cash(t.exempt)}, disallowed ${cash(t.disallowed)})`);
  out.push(...t.notes.map((note) => `ℹ️ ${note}`));
  if (report.problems.length > 0) out.push('', ...report.problems.map((p) => `⚠️ ${p.trade_id ? `${p.trade_id}: ` : ''}${p.message}`));
  if (!report.complete) out.push('', `⛔ Incomplete: ${report.incomplete.map((p) => p.trade_id).join(', ')} could not be put in the figures; the totals leave them out.`);
  return out.join('\n');
}
