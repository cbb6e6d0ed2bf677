// `kit rebalance set-target ASSET PCT` and `kit rebalance remove-target ASSET`: change one target,
// rescale the others, and show the set before and after.
import { UsageError } from '../../errors.js';
import { formatPercent } from '../../format.js';
import type { CommandSpec } from '../../host/contract.js';
import type { HostServices } from '../../host/runtime.js';
import { parsePercent, type Decimal } from '../../money.js';
import { removeTargetIn, setTargetIn } from '../../rebalancer.js';
import { renderTargetChange } from '../render-target-change.js';
import { withSession } from '../with-session.js';

export function setTargetCommand(host: HostServices): CommandSpec {
  return {
    name: 'rebalance set-target',
    description: 'set one target (e.g. BTC 45%) and rescale the others so they still sum to 100%',
    arguments: [
      { name: 'asset', description: 'the asset, e.g. BTC', required: true },
      { name: 'percent', description: 'the new target, e.g. 45%', required: true },
    ],
    run: (args, _options, context) =>
      withSession(context, host, (session) => {
        const [asset = '', text = ''] = args;
        let target: Decimal;
        try {
          target = parsePercent(text);
        } catch (error) {
          throw new UsageError(`set-target: ${error instanceof Error ? error.message : String(error)}`);
        }
        const result = setTargetIn(session, asset, target, `set-target ${asset.toUpperCase()} ${text}`);
        return { exitCode: 0, stdout: renderTargetChange(result, `Target for ${asset.toUpperCase()} set to ${formatPercent(target, 2)}; the others rescaled in proportion.`) };
      }),
  };
}

export function removeTargetCommand(host: HostServices): CommandSpec {
  return {
    name: 'rebalance remove-target',
    description: 'remove one target and scale the others up so they sum to 100%',
    arguments: [{ name: 'asset', description: 'the asset, e.g. SOL', required: true }],
    run: (args, _options, context) =>
      withSession(context, host, (session) => {
        const asset = args[0] ?? '';
        const result = removeTargetIn(session, asset, `remove-target ${asset.toUpperCase()}`);
        return { exitCode: 0, stdout: renderTargetChange(result, `Target for ${asset.toUpperCase()} removed; the others scaled up in proportion. ${asset.toUpperCase()} is now untargeted and is never sold by default.`) };
      }),
  };
}
