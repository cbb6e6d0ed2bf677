// The rebalance_swaps tool: the plan's DEX legs as unsigned transactions, as `kit rebalance swaps --json`.
import { z } from 'zod';
import { STRATEGIES } from '../../config.js';
import type { CommandContext } from '../../host/contract.js';
import type { HostServices } from '../../host/runtime.js';
import { forReading } from '../../host/state-ledger.js';
import { listSwaps } from '../../rebalancer.js';
import { listingRunId } from '../commands/rebalance-swaps.js';
import { swapsListingJson, type SwapsListingJson } from '../swaps-json.js';
import { toToolSchema } from '../tool-schema.js';
import { withSession } from '../with-session.js';
import { parseToolArgs } from './tool-args.js';

export const swapsArgs = z.strictObject({
  strategy: z.enum(STRATEGIES).optional().describe('plan with this strategy instead of the configured one'),
});

export function rebalanceSwapsTool(host: HostServices, context: () => CommandContext) {
  return {
    definition: {
      name: 'rebalance_swaps',
      description:
        "List the plan's DEX swaps (Uniswap, SushiSwap, PancakeSwap, 1inch, Jupiter) as unsigned transactions for the user's own wallet to sign: to, data, value and chain id (or Jupiter's base64 transaction), the least output accepted, pool fee and price impact. Never signs, never executes. Use it when a standalone user asks how to carry out the DEX part of a rebalance.",
      parameters: toToolSchema(swapsArgs),
    },
    handler: async (raw: Record<string, unknown>): Promise<SwapsListingJson> => {
      const args = parseToolArgs('rebalance_swaps', swapsArgs, raw);
      return withSession(forReading(context()), host, async (session, runtime) => swapsListingJson(await listSwaps(session, { strategy: args.strategy, newRunId: () => listingRunId(runtime.clock.now()) })));
    },
  };
}
