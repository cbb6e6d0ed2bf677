// The rebalance_history tool: the history use-case answering with the --json shape.
import { z } from 'zod';
import type { CommandContext } from '../../host/contract.js';
import type { HostServices } from '../../host/runtime.js';
import { DEFAULT_HISTORY_LIMIT, rebalanceHistoryFor } from '../../rebalancer.js';
import { historyJson } from '../render-history-json.js';
import { jsonSource } from '../source-note.js';
import { withSession } from '../with-session.js';
import { toToolSchema } from '../tool-schema.js';

export const rebalanceHistoryArgs = z.object({
  limit: z.number().int().positive().optional().describe(`how many of the latest events to list (default ${DEFAULT_HISTORY_LIMIT}); performance spans the whole history`),
});

export function rebalanceHistoryTool(host: HostServices, context: () => CommandContext) {
  return {
    definition: {
      name: 'rebalance_history',
      description:
        "Past rebalances from the ledger (date, trigger, strategy, orders, each DEX swap handed out to sign and its state: to sign, booked with its transaction, amounts and fee, or failed; turnover, fees, largest drift before and after, realised gain; figures_partial while swaps are still to sign) and performance: portfolio value over time, cumulative fees, and the rebalancing bonus against holding the first recorded snapshot unchanged. Use it to answer 'how has rebalancing done?'.",
      parameters: toToolSchema(rebalanceHistoryArgs),
    },
    handler: async (raw: Record<string, unknown>) => {
      const args = rebalanceHistoryArgs.parse(raw ?? {});
      return withSession(context(), host, (session, runtime) => historyJson(rebalanceHistoryFor(session, args), jsonSource(runtime)));
    },
  };
}
