// The rebalance_harvest tool: tax-loss harvesting candidates, as `kit rebalance harvest --json`.
import { z } from 'zod';
import type { CommandContext } from '../../host/contract.js';
import type { HostServices } from '../../host/runtime.js';
import { harvestFor } from '../../rebalancer.js';
import { harvestJson } from '../harvest-output.js';
import { jsonSource } from '../source-note.js';
import { withSession } from '../with-session.js';
import { toToolSchema } from '../tool-schema.js';

export const rebalanceHarvestArgs = z.strictObject({});

export function rebalanceHarvestTool(host: HostServices, context: () => CommandContext) {
  return {
    definition: {
      name: 'rebalance_harvest',
      description:
        'Tax-loss harvesting candidates (never trades): open lots whose unrealised loss is above tax.tlh_min_loss, with the sale, the loss, short or long term, a substitute to buy or the date a rebuy no longer washes the loss, and what is blocked and why. Use it to answer "can I harvest any losses?".',
      parameters: toToolSchema(rebalanceHarvestArgs),
    },
    handler: async (raw: Record<string, unknown>) => {
      rebalanceHarvestArgs.parse(raw ?? {});
      return withSession(context(), host, async (session, runtime) => ({
        ...jsonSource(runtime),
        as_of: runtime.clock.now().toISOString(),
        jurisdiction: runtime.config.tax.jurisdiction,
        enable_tlh: runtime.config.tax.enable_tlh,
        ...harvestJson(await harvestFor(session)),
      }));
    },
  };
}
