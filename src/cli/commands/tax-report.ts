// `kit tax report [--year YYYY] [--jurisdiction J] [--method M] [--json|--csv]`: the capital gains
// of a period. --csv is the K.I.T. Tax Calculator's CapitalGain record.
import { JURISDICTIONS, LOT_METHODS, type Jurisdiction } from '../../config.js';
import { UsageError } from '../../errors.js';
import type { CommandSpec } from '../../host/contract.js';
import type { HostServices } from '../../host/runtime.js';
import { forReading } from '../../host/state-ledger.js';
import { taxReportFor, type TaxReportOptions } from '../../rebalancer.js';
import type { LotMethod } from '../../tax/types.js';
import { renderTaxReport, taxReportCsv, taxReportJson } from '../render-tax-report.js';
import { withSession } from '../with-session.js';

function parseOptions(options: Record<string, unknown>): TaxReportOptions {
  const year = options.year === undefined ? undefined : /^\d{1,4}$/.test(String(options.year).trim()) ? Number(options.year) : Number.NaN;
  // Any year the calendar has (IRS examples are from the 1950s); not -5, 99999999 or "2025.5".
  if (year !== undefined && !(Number.isInteger(year) && year >= 1 && year <= 9999)) throw new UsageError(`--year: ${JSON.stringify(options.year)} is not a year; expected a year from 1 to 9999, such as 2025.`);
  const jurisdiction = options.jurisdiction === undefined ? undefined : String(options.jurisdiction).toUpperCase();
  if (jurisdiction !== undefined && !(JURISDICTIONS as readonly string[]).includes(jurisdiction)) throw new UsageError(`--jurisdiction: unknown jurisdiction ${JSON.stringify(options.jurisdiction)}; expected one of ${JURISDICTIONS.join(', ')}.`);
  const method = options.method === undefined ? undefined : String(options.method).toLowerCase();
  if (method !== undefined && !(LOT_METHODS as readonly string[]).includes(method)) throw new UsageError(`--method: unknown lot method ${JSON.stringify(options.method)}; expected one of ${LOT_METHODS.join(', ')}.`);
  if (options.json && options.csv) throw new UsageError('--json and --csv: choose one.');
  return { year, jurisdiction: jurisdiction as Jurisdiction | undefined, method: method as LotMethod | undefined };
}

export function taxReportCommand(host: HostServices): CommandSpec {
  return {
    name: 'tax report',
    description: 'capital gains of a year: every disposal with its lots, totals after the yearly rules, open lots at the end',
    options: [
      { flags: '--year <yyyy>', description: 'the tax year (UK: the one starting 6 April of that year); default the current one' },
      { flags: '--jurisdiction <j>', description: `override tax.jurisdiction (${JURISDICTIONS.join(', ')})` },
      { flags: '--method <m>', description: `override tax.lot_selection (${LOT_METHODS.join(', ')})` },
      { flags: '--json', description: 'print JSON (decimal strings)' },
      { flags: '--csv', description: "print the K.I.T. Tax Calculator's CapitalGain records as CSV" },
    ],
    async run(_args, options, context) {
      const parsed = parseOptions(options);
      return withSession(forReading(context), host, async (session, runtime) => {
        const report = await taxReportFor(session, parsed);
        const currency = runtime.config.currency;
        // A sale without a price or without lots to match leaves the report incomplete: exit 3.
        const exitCode = report.incomplete.length > 0 ? 3 : 0;
        if (options.json) return { exitCode, stdout: JSON.stringify(taxReportJson(report, currency), null, 2) };
        if (options.csv) return { exitCode, stdout: taxReportCsv(report) };
        return { exitCode, stdout: renderTaxReport(report, { currency, sourceNote: runtime.demo ? 'Showing the embedded demo portfolio.' : `Config: ${runtime.configSource}` }) };
      });
    },
  };
}
