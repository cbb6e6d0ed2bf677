// A tax report three ways: a table for people, JSON (decimal strings) for tools, and CSV rows in
// the K.I.T. Tax Calculator's CapitalGain shape (one row per matched lot).
import { formatMoney, formatQuantity } from '../format.js';
import type { Decimal } from '../money.js';
import { recognised, type TaxReport } from '../tax/report.js';
import { lotFigures, wholeDaysHeld } from '../tax/lot-figures.js';
import { DEFAULT_MAX_ROWS, renderTable } from './table.js';

const day = (date: Date) => date.toISOString().slice(0, 10);

/** What the pools of each jurisdiction are (only the UK's are Section 104 holdings). */
const POOL_TITLE: Record<TaxReport['jurisdiction'], string> = {
  UK: 'Section 104 pools',
  FR: 'Acquisition-cost pool of the whole portfolio (Art. 150 VH bis CGI)',
  DE: 'Average-cost pools per wallet',
  EU: 'Average-cost pools per wallet',
  US: 'Pools',
};


const EVERY_ROW = 'use --json or --csv for every row';
const OPEN_LOT_ROWS = 50;

export function renderTaxReport(report: TaxReport, options: { currency: string; sourceNote: string }): string {
  const money = (value: Decimal) => formatMoney(value, options.currency);
  const out = [`🧾 Tax report: ${report.jurisdiction}, ${report.method.toUpperCase()}, ${report.period.label}`, options.sourceNote, ''];
  if (report.disposals.length === 0) out.push('No disposals in this period.');
  else {
    out.push('Disposals:');
    out.push(
      renderTable(
        ['Date', 'Asset', 'Quantity', 'Proceeds', 'Cost', 'Gain (after wash sales)', 'Term', 'Lots'],
        report.disposals.slice(0, DEFAULT_MAX_ROWS).map((d) => [
          day(d.date),
          d.asset,
          formatQuantity(d.quantity),
          money(d.proceeds),
          money(d.cost),
          money(recognised(d)),
          d.term,
          d.matches.map((m) => `${m.rule} ${m.lotId}${m.acquiredAt ? ` (${day(m.acquiredAt)})` : ''} ${formatQuantity(m.quantity)} @ ${money(m.cost)}`).join('; '),
        ]),
        [],
        { alignRight: [2, 3, 4, 5], moreHint: EVERY_ROW, totalRows: report.disposals.length },
      ),
    );
    const washed = report.disposals.filter((d) => d.washSale && d.washSale.disallowed.gt(0));
    for (const d of washed) {
      const to = d.washSale!.replacements.map((r) => `${r.lotId} (+${money(r.basisAdded)} on ${formatQuantity(r.quantity)})`).join(', ');
      out.push(`⚠️ Wash sale: ${money(d.washSale!.disallowed)} of the ${day(d.date)} ${d.asset} loss is disallowed and added to the basis of ${to}.`);
    }
  }
  const t = report.totals;
  out.push('', `Totals: short-term ${money(t.short)}, long-term ${money(t.long)}, exempt ${money(t.exempt)}, disallowed ${money(t.disallowed)}; taxable ${money(t.taxable)}`);
  out.push(...t.notes.map((note) => `ℹ️ ${note}`));
  if (report.openLots.length > 0) {
    out.push('', `Open lots at the end of the period:`);
    out.push(
      renderTable(
        ['Asset', 'Venue', 'Acquired', 'Held since', 'Quantity', 'Adjusted basis', 'Lot'],
        report.openLots.slice(0, OPEN_LOT_ROWS).map((lot) => [lot.asset, lot.venue, day(lot.acquiredAt), day(lot.holdingStart), formatQuantity(lot.quantity), money(lot.cost), lot.lotId]),
        [],
        // A bot's history leaves hundreds of thousands of open lots: the first ones, then a count.
        { alignRight: [4, 5], maxRows: OPEN_LOT_ROWS, moreHint: EVERY_ROW, totalRows: report.openLots.length },
      ),
    );
  }
  if (report.pools.length > 0) {
    out.push('', `${POOL_TITLE[report.jurisdiction]} at the end of the period:`);
    out.push(renderTable(['Asset', 'Quantity', 'Cost'], report.pools.map((p) => [p.asset, formatQuantity(p.quantity), money(p.cost)]), [], { alignRight: [1, 2] }));
  }
  if (report.problems.length > 0) out.push('', 'Notes:', ...report.problems.map((p) => `⚠️ ${p.tradeId ? `${p.tradeId}: ` : ''}${p.message}`));
  if (report.incomplete.length > 0) {
    out.push('', `⛔ Incomplete: ${report.incomplete.length} sale${report.incomplete.length === 1 ? '' : 's'} (${report.incomplete.map((p) => p.tradeId).join(', ')}) could not be put in the figures (see the notes); the totals above leave them out.`);
  }
  return out.join('\n');
}

export function taxReportJson(report: TaxReport, currency: string) {
  return {
    jurisdiction: report.jurisdiction,
    method: report.method,
    period: { label: report.period.label, from: report.period.from.toISOString(), to: report.period.to.toISOString() },
    currency,
    disposals: report.disposals.map((d) => ({
      trade_id: d.tradeId,
      date: d.date.toISOString(),
      asset: d.asset,
      asset_class: d.assetClass,
      venue: d.venue,
      quantity: d.quantity.toFixed(),
      proceeds: d.proceeds.toFixed(),
      cost: d.cost.toFixed(),
      gain: d.gain.toFixed(),
      recognised_gain: recognised(d).toFixed(),
      term: d.term,
      holding_days: d.holdingDays,
      matches: d.matches.map((m) => {
        const lot = lotFigures(d, m);
        return {
          rule: m.rule,
          lot_id: m.lotId,
          acquired_at: m.acquiredAt?.toISOString() ?? null,
          quantity: m.quantity.toFixed(),
          proceeds: lot.proceeds.toFixed(),
          cost: m.cost.toFixed(),
          gain: lot.gain.toFixed(),
          recognised_gain: lot.recognised.toFixed(),
          term: m.term,
        };
      }),
      wash_sale: d.washSale ? { disallowed: d.washSale.disallowed.toFixed(), replacements: d.washSale.replacements.map((r) => ({ lot_id: r.lotId, quantity: r.quantity.toFixed(), basis_added: r.basisAdded.toFixed() })) } : null,
    })),
    totals: { short: report.totals.short.toFixed(), long: report.totals.long.toFixed(), exempt: report.totals.exempt.toFixed(), disallowed: report.totals.disallowed.toFixed(), taxable: report.totals.taxable.toFixed(), notes: report.totals.notes },
    open_lots: report.openLots.map((lot) => ({ lot_id: lot.lotId, asset: lot.asset, venue: lot.venue, acquired_at: lot.acquiredAt.toISOString(), holding_start: lot.holdingStart.toISOString(), quantity: lot.quantity.toFixed(), adjusted_basis: lot.cost.toFixed() })),
    pools: report.pools.map((p) => ({ asset: p.asset, quantity: p.quantity.toFixed(), cost: p.cost.toFixed() })),
    problems: report.problems.map((p) => ({ trade_id: p.tradeId, message: p.message })),
    complete: report.incomplete.length === 0,
    incomplete: report.incomplete.map((p) => ({ trade_id: p.tradeId, reason: p.reason, message: p.message })),
  };
}

/** The Tax Calculator skill's CapitalGain fields, in its dataclass order (skills/tax-calculator/tax_calculator.py). */
export const CSV_HEADER = 'trade_id,asset,quantity,cost_basis,proceeds,gain_loss,holding_period_days,is_long_term,acquisition_date,disposal_date,lot_id';

/**
 * One row per matched lot, with that lot's own figures (lotFigures): a wash sale's disallowed loss
 * sits on the loss lots that carry it, not spread over the disposal. gain_loss is the lot's
 * recognised gain; the rows of a disposal add up to it. Figures are exact decimals. Holding days
 * are whole days, floored as Python's timedelta.days. is_long_term follows the law, not the Tax
 * Calculator's `>= 365` (README: Tax Calculator feed): `true`/`false`, or `exempt` where the sale
 * is tax-free (DE: a private sale held over a year). A pool match (UK) has no acquisition date.
 */
export function taxReportCsv(report: TaxReport): string {
  const rows = [CSV_HEADER];
  for (const d of report.disposals) {
    for (const m of d.matches) {
      const lot = lotFigures(d, m);
      const held = wholeDaysHeld(d, m);
      const longTerm = m.term === 'exempt' ? 'exempt' : m.term === 'long' ? 'true' : 'false';
      rows.push([d.tradeId, d.asset, m.quantity.toFixed(), m.cost.toFixed(), lot.proceeds.toFixed(), lot.recognised.toFixed(), String(held), longTerm, m.acquiredAt ? day(m.acquiredAt) : '', day(d.date), m.lotId].map(csvCell).join(','));
    }
  }
  return rows.join('\n');
}

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
