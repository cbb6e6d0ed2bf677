// The tax_report tool: the tax report use-case answering with JSON.
import { z } from 'zod';
import { JURISDICTIONS, LOT_METHODS } from '../../config.js';
import type { CommandContext } from '../../host/contract.js';
import type { HostServices } from '../../host/runtime.js';
import { forReading } from '../../host/state-ledger.js';
import { taxReportFor } from '../../rebalancer.js';
import { taxReportJson } from '../render-tax-report.js';
import { withSession } from '../with-session.js';
import { toToolSchema } from '../tool-schema.js';
import { parseToolArgs } from './tool-args.js';

export const taxReportArgs = z.strictObject({
  year: z.number().int().min(1).max(9999).optional().describe('the tax year, e.g. 2025 (UK: the tax year starting 6 April of it)'),
  jurisdiction: z.enum(JURISDICTIONS).optional(),
  method: z.enum(LOT_METHODS).optional().describe('lot selection method'),
});

export function taxReportTool(host: HostServices, context: () => CommandContext) {
  return {
    definition: {
      name: 'tax_report',
      description: "Capital gains of a tax year from the ledger's trades: every disposal (proceeds, cost, gain, short/long/exempt, matched lots, wash-sale disallowance), totals after the jurisdiction's yearly rules, and the open lots or pools at the end.",
      parameters: toToolSchema(taxReportArgs, { jurisdiction: 'whose rules to apply (US, UK, DE, FR or EU); default tax.jurisdiction from the config' }),
    },
    handler: async (raw: Record<string, unknown>) => {
      const args = parseToolArgs('tax_report', taxReportArgs, raw);
      return withSession(forReading(context()), host, async (session, runtime) => taxReportJson(await taxReportFor(session, args), runtime.config.currency));
    },
  };
}
