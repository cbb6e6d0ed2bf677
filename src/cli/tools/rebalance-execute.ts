// The rebalance_execute tool: the language model may trade only with confirm: true, which stands
// for the user's explicit yes. Answers with the same JSON as `kit rebalance execute --json`.
import { z } from 'zod';
import { STRATEGIES } from '../../config.js';
import type { CommandContext } from '../../host/contract.js';
import { executeDeps } from '../../host/execute-deps.js';
import type { HostServices } from '../../host/runtime.js';
import { executeRebalance } from '../../rebalancer.js';
import { executeJson, type ExecuteJson } from '../render-execute-json.js';
import { toToolSchema } from '../tool-schema.js';
import { withSession } from '../with-session.js';

export const executeArgs = z.object({
  confirm: z.boolean().describe('must be true: the user has seen the preview and said to trade it'),
  strategy: z.enum(STRATEGIES).optional().describe('plan with this strategy instead of the configured one'),
  dry_run: z.boolean().optional().describe('show the orders without sending any'),
});

export function rebalanceExecuteTool(host: HostServices, context: () => CommandContext) {
  return {
    definition: {
      name: 'rebalance_execute',
      description:
        'Execute the rebalance: recompute the plan from fresh data and trade it (orders journaled first, sent through the order router, fills booked as lots and trades). Moves money: call only after the user saw rebalance_preview and explicitly agreed, with confirm: true. Refuses on stale data, on turnover above execution.max_turnover_per_run, and when prices moved since the preview.',
      parameters: toToolSchema(executeArgs),
    },
    handler: async (raw: Record<string, unknown>): Promise<ExecuteJson | { error: string }> => {
      const parsed = executeArgs.safeParse(raw ?? {});
      if (!parsed.success || (parsed.data.confirm !== true && !parsed.data.dry_run)) {
        return { error: 'rebalance_execute trades real orders: call it with confirm: true, only after the user agreed to the preview (or dry_run: true to only look).' };
      }
      const args = parsed.data;
      return withSession(context(), host, async (session, runtime) => {
        const result = await executeRebalance(session, executeDeps(runtime, host, { trigger: 'tool' }), { strategy: args.strategy, dryRun: args.dry_run });
        return executeJson(result);
      });
    },
  };
}
