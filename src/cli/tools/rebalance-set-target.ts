// The rebalance_set_target tool: set-target answering with the target sets before and after.
import { z } from 'zod';
import type { CommandContext } from '../../host/contract.js';
import type { HostServices } from '../../host/runtime.js';
import { parsePercent, type Decimal } from '../../money.js';
import { setTargetIn } from '../../rebalancer.js';
import { withSession } from '../with-session.js';

export const setTargetArgs = z.strictObject({
  asset: z.string().describe('the asset, e.g. BTC'),
  percent: z.string().describe('the new target with a % sign, e.g. "45%"; the other targets are rescaled to keep 100%'),
});

export function setTargetTool(host: HostServices, context: () => CommandContext) {
  return {
    definition: {
      name: 'rebalance_set_target',
      description: "Set one asset's target allocation (e.g. BTC to 45%); the other targets are rescaled in proportion to keep 100%, and a target that would break a risk limit is refused with the reason.",
      parameters: z.toJSONSchema(setTargetArgs) as Record<string, unknown>,
    },
    handler: async (raw: Record<string, unknown>) => {
      const args = setTargetArgs.parse(raw ?? {});
      const target = parsePercent(args.percent);
      return withSession(context(), host, (session) => {
        const result = setTargetIn(session, args.asset, target, `set-target ${args.asset.toUpperCase()} ${args.percent} (tool)`);
        const json = (map: Map<string, Decimal>) => Object.fromEntries([...map].map(([asset, value]) => [asset, value.toFixed()]));
        return { before: json(result.before), after: json(result.after) };
      });
    },
  };
}
