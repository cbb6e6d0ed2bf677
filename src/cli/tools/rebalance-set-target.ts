// The rebalance_set_target tool: set-target answering with the target sets before and after.
import { z } from 'zod';
import type { CommandContext } from '../../host/contract.js';
import type { HostServices } from '../../host/runtime.js';
import { parsePercent, type Decimal } from '../../money.js';
import { setTargetIn } from '../../rebalancer.js';
import { withSession } from '../with-session.js';
import { toToolSchema } from '../tool-schema.js';

export const setTargetArgs = z.strictObject({
  asset: z.string().describe('the asset, e.g. BTC'),
  percent: z.string().describe('the new target with a % sign, e.g. "45%"; the targets not pinned are rescaled to keep 100%'),
  rescale_all: z.boolean().optional().describe('rescale every other target, the pinned ones too (they are unpinned); default false'),
});

export function setTargetTool(host: HostServices, context: () => CommandContext) {
  return {
    definition: {
      name: 'rebalance_set_target',
      description:
        "Set one asset's target allocation (e.g. BTC to 45%) and pin it. The other targets not pinned (set explicitly since the last reset) are rescaled in proportion to keep 100%; pinned ones are kept. A change that cannot keep the pins is refused with the arithmetic (retry with rescale_all), and a target that would break a risk limit is refused with the reason.",
      parameters: toToolSchema(setTargetArgs),
    },
    handler: async (raw: Record<string, unknown>) => {
      const args = setTargetArgs.parse(raw ?? {});
      const target = parsePercent(args.percent);
      return withSession(context(), host, async (session) => {
        const rescaleAll = args.rescale_all ?? false;
        const reason = `set-target ${args.asset.trim().toUpperCase()} ${args.percent}${rescaleAll ? ' --rescale-all' : ''} (tool)`;
        const result = await setTargetIn(session, args.asset, target, reason, { rescaleAll });
        const json = (map: Map<string, Decimal>) => Object.fromEntries([...map].map(([asset, value]) => [asset, value.toFixed()]));
        return { before: json(result.before), after: json(result.after), pinned: [...result.pinned], warnings: result.warnings };
      });
    },
  };
}
