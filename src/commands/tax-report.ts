// `kit tax report [--year YYYY] [--jurisdiction J] [--method M] [--json|--csv]` and the tax_report
// tool: every disposal of the period with its matched lots, the totals after the yearly rules, and
// what is still held at the period's end. --csv is the K.I.T. Tax Calculator's CapitalGain record.
import { z } from 'zod';
import { ensureSeeded } from '../adapters/paper/seed.js';
import { JURISDICTIONS, LOT_METHODS, type Config, type Jurisdiction } from '../config.js';
import { UsageError } from '../errors.js';
import type { CommandContext, CommandSpec } from '../host/contract.js';
import { withRuntime, type HostServices, type Runtime } from '../host/runtime.js';
import { ZERO } from '../money.js';
import { loadHistories } from '../rebalancer.js';
import { buildTaxReport, taxPeriod, type TaxReport } from '../tax/report.js';
import type { LotMethod, TaxTrade } from '../tax/types.js';
import { renderTaxReport, taxReportCsv, taxReportJson } from '../cli/render-tax-report.js';

export interface TaxReportOptions {
  year?: number | undefined;
  jurisdiction?: Jurisdiction | undefined;
  method?: LotMethod | undefined;
}

/** Every trade the ledger knows (imports, executed rebalances) plus the config's seed lots as buys. */
export function ledgerTaxTrades(runtime: Runtime): TaxTrade[] {
  const seeds: TaxTrade[] = runtime.ledger
    .openLots()
    .filter((lot) => lot.sourceTradeId?.startsWith('seed:'))
    .map((lot) => ({ id: lot.id, date: lot.acquiredAt, side: 'buy', asset: lot.asset, assetClass: lot.assetClass, quantity: lot.quantity, total: lot.quantity.times(lot.unitCost), fee: ZERO, venue: lot.venue }));
  const trades: TaxTrade[] = runtime.ledger.trades().map((trade) => ({
    id: trade.id,
    date: trade.executedAt,
    side: trade.side,
    asset: trade.asset,
    assetClass: trade.assetClass,
    quantity: trade.quantity,
    total: trade.total ?? trade.quantity.times(trade.price),
    fee: trade.fee,
    venue: trade.venue,
    lotRef: trade.lotRef,
  }));
  return [...seeds, ...trades].sort((a, b) => a.date.getTime() - b.date.getTime());
}

/** Paper and manual venues record their config lots when first used; make sure they have. */
export function seedConfigLots(runtime: Runtime): void {
  for (const [id, venue] of Object.entries(runtime.config.venues)) {
    if ((venue.adapter === 'paper' || venue.adapter === 'manual') && venue.lots.length > 0) ensureSeeded(id, venue, runtime.ledger, runtime.clock.now(), runtime.logger);
  }
}

export async function taxReportFor(runtime: Runtime, options: TaxReportOptions): Promise<TaxReport> {
  const config: Config = runtime.config;
  seedConfigLots(runtime);
  const jurisdiction = options.jurisdiction ?? config.tax.jurisdiction;
  const now = runtime.clock.now();
  // The current period by default: the calendar year, or the UK tax year that contains today.
  const year = options.year ?? (jurisdiction === 'UK' && now < taxPeriod('UK', now.getUTCFullYear()).from ? now.getUTCFullYear() - 1 : now.getUTCFullYear());
  const trades = ledgerTaxTrades(runtime);
  const histories = jurisdiction === 'FR' ? await loadHistories(runtime, [...new Set(trades.map((t) => t.asset))], now) : new Map();
  return buildTaxReport({
    trades,
    jurisdiction,
    method: options.method ?? config.tax.lot_selection,
    year,
    washSaleDays: config.tax.wash_sale_days,
    washSaleScope: config.tax.wash_sale_scope,
    perVenue: config.tax.per_venue_lots,
    eu: { exemptAfterYears: config.tax.eu_exempt_after_years, yearlyExemption: config.tax.eu_yearly_exemption },
    histories,
  });
}

function parseOptions(options: Record<string, unknown>): TaxReportOptions {
  const year = options.year === undefined ? undefined : Number(options.year);
  if (year !== undefined && !(Number.isInteger(year) && year >= 1970 && year <= 2200)) throw new UsageError(`--year: ${JSON.stringify(options.year)} is not a year such as 2025.`);
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
      return withRuntime(context, host, async (runtime) => {
        const report = await taxReportFor(runtime, parsed);
        const currency = runtime.config.currency;
        if (options.json) return { exitCode: 0, stdout: JSON.stringify(taxReportJson(report, currency), null, 2) };
        if (options.csv) return { exitCode: 0, stdout: taxReportCsv(report) };
        return { exitCode: 0, stdout: renderTaxReport(report, { currency, sourceNote: runtime.demo ? 'Showing the embedded demo portfolio.' : `Config: ${runtime.configSource}` }) };
      });
    },
  };
}

export const taxReportArgs = z.object({
  year: z.number().int().optional().describe('the tax year, e.g. 2025 (UK: the tax year starting 6 April of it)'),
  jurisdiction: z.enum(JURISDICTIONS).optional(),
  method: z.enum(LOT_METHODS).optional().describe('lot selection method'),
});

export function taxReportTool(host: HostServices, context: () => CommandContext) {
  return {
    definition: {
      name: 'tax_report',
      description: "Capital gains of a tax year from the ledger's trades: every disposal (proceeds, cost, gain, short/long/exempt, matched lots, wash-sale disallowance), totals after the jurisdiction's yearly rules, and the open lots or pools at the end.",
      parameters: z.toJSONSchema(taxReportArgs) as Record<string, unknown>,
    },
    handler: async (raw: Record<string, unknown>) => {
      const args = taxReportArgs.parse(raw ?? {});
      return withRuntime(context(), host, async (runtime) => taxReportJson(await taxReportFor(runtime, args), runtime.config.currency));
    },
  };
}
