// The rebalance_preview tool: the same taxed preview as the command, answering with JSON.
import { z } from 'zod';
import { STRATEGIES } from '../../config.js';
import type { CommandContext } from '../../host/contract.js';
import type { HostServices } from '../../host/runtime.js';
import { forReading } from '../../host/state-ledger.js';
import { taxedPreview } from '../../rebalancer.js';
import { parseDeposit } from '../parse-preview.js';
import { planJson, type PlanJson } from '../plan-json.js';
import { jsonSource } from '../source-note.js';
import { withSession } from '../with-session.js';
import { toToolSchema } from '../tool-schema.js';
import { parseToolArgs } from './tool-args.js';

export const previewArgs = z.strictObject({
  strategy: z.enum(STRATEGIES).optional().describe('plan with this strategy instead of the configured one'),
  deposit: z.string().optional().describe('plan a deposit before it arrives, e.g. "5000 USDC"'),
  deposit_venue: z.string().optional().describe('the venue the deposit arrives on'),
});

export function rebalancePreviewTool(host: HostServices, context: () => CommandContext) {
  return {
    definition: {
      name: 'rebalance_preview',
      description:
        'Plan the trades that would bring the portfolio back to its targets (never trades): each trade with venue, market, side, quantity, price and fee, manual transfers, the weights after, estimated fees and every warning. Use it to answer "what would a rebalance do?".',
      parameters: toToolSchema(previewArgs),
    },
    handler: async (raw: Record<string, unknown>): Promise<PlanJson | { error: string; exit_code: number }> => {
      const args = parseToolArgs('rebalance_preview', previewArgs, raw);
      return withSession(forReading(context()), host, async (session, runtime) => {
        const { status, plan, taxes } = await taxedPreview(session, { strategy: args.strategy, deposit: parseDeposit(args.deposit, args.deposit_venue) });
        if (!plan) return { error: status.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message).join(' ') || 'There is nothing to plan.', exit_code: 3 };
        return planJson(plan, { ...jsonSource(runtime), ...(taxes ? { taxes } : {}) });
      });
    },
  };
}
