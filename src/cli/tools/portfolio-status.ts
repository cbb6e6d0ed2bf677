// The portfolio_status tool: the status use-case answering with JSON.
import { z } from 'zod';
import type { CommandContext } from '../../host/contract.js';
import type { HostServices } from '../../host/runtime.js';
import { forReading } from '../../host/state-ledger.js';
import { jsonSource } from '../source-note.js';
import { statusJson, type StatusJson } from '../status-json.js';
import { withSession } from '../with-session.js';
import { toToolSchema } from '../tool-schema.js';
import { parseToolArgs } from './tool-args.js';

export const portfolioStatusArgs = z.strictObject({
  config: z.string().optional().describe('path of a rebalancer.yaml to use instead of the configured one'),
});

export function portfolioStatusTool(host: HostServices, context: () => CommandContext) {
  return {
    definition: {
      name: 'portfolio_status',
      description:
        "The portfolio's current allocation against its targets across every venue: value, weight, target and drift per asset, which assets exceed the drift threshold, and any venue or price problem. Use it to answer 'what is my portfolio drift?'.",
      parameters: toToolSchema(portfolioStatusArgs),
    },
    handler: async (raw: Record<string, unknown>): Promise<StatusJson> => {
      const args = parseToolArgs('portfolio_status', portfolioStatusArgs, raw);
      const base = context();
      return withSession(forReading({ ...base, global: { ...base.global, config: args.config ?? base.global.config } }), host, async (session, runtime) =>
        statusJson(await session.status(), { ...jsonSource(runtime), threshold: runtime.config.drift_threshold }),
      );
    },
  };
}
