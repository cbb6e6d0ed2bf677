// `kit rebalance set-target ASSET PCT`, `remove-target ASSET` and `reset-targets`: change one
// target, rescale the unpinned others, and show the set before and after; or go back to the
// config's targets.
import { UsageError } from '../../errors.js';
import { formatPercent } from '../../format.js';
import type { CommandSpec } from '../../host/contract.js';
import type { HostServices } from '../../host/runtime.js';
import { parsePercent, type Decimal } from '../../money.js';
import { removeTargetIn, resetTargetsIn, setTargetIn } from '../../rebalancer.js';
import { renderTargetChange, rescaleNote } from '../render-target-change.js';
import { withSession } from '../with-session.js';

const RESCALE_ALL = { flags: '--rescale-all', description: 'rescale every other target, the pinned ones too (they are unpinned)' };

export function setTargetCommand(host: HostServices): CommandSpec {
  return {
    name: 'rebalance set-target',
    description: 'set one target (e.g. BTC 45%) and pin it; the targets not pinned are rescaled so they still sum to 100%',
    arguments: [
      { name: 'asset', description: 'the asset, e.g. BTC', required: true },
      { name: 'percent', description: 'the new target, e.g. 45%', required: true },
    ],
    options: [RESCALE_ALL],
    run: (args, options, context) =>
      withSession(context, host, async (session) => {
        const [asset = '', text = ''] = args;
        let target: Decimal;
        try {
          target = parsePercent(text);
        } catch (error) {
          throw new UsageError(`set-target: ${error instanceof Error ? error.message : String(error)}`);
        }
        const symbol = asset.trim().toUpperCase();
        const rescaleAll = Boolean(options.rescaleAll);
        const result = await setTargetIn(session, asset, target, `set-target ${symbol} ${text}${rescaleAll ? ' --rescale-all' : ''}`, { rescaleAll });
        return { exitCode: 0, stdout: renderTargetChange(result, `Target for ${symbol} set to ${formatPercent(target, 2)}; ${rescaleNote(result, symbol, 'rescaled')}.`) };
      }),
  };
}

export function removeTargetCommand(host: HostServices): CommandSpec {
  return {
    name: 'rebalance remove-target',
    description: 'remove (and unpin) one target and scale the targets not pinned up so they sum to 100%',
    arguments: [{ name: 'asset', description: 'the asset, e.g. SOL', required: true }],
    options: [RESCALE_ALL],
    run: (args, options, context) =>
      withSession(context, host, (session) => {
        const symbol = (args[0] ?? '').trim().toUpperCase();
        const rescaleAll = Boolean(options.rescaleAll);
        const result = removeTargetIn(session, args[0] ?? '', `remove-target ${symbol}${rescaleAll ? ' --rescale-all' : ''}`, { rescaleAll });
        return {
          exitCode: 0,
          stdout: renderTargetChange(result, `Target for ${symbol} removed; ${rescaleNote(result, symbol, 'scaled up')}. ${symbol} is now untargeted and is never sold by default.`),
        };
      }),
  };
}

export function resetTargetsCommand(host: HostServices): CommandSpec {
  return {
    name: 'rebalance reset-targets',
    description: "drop the targets saved with set-target (and every pin): the config's targets apply again",
    run: (_args, _options, context) =>
      withSession(context, host, (session) => {
        const result = resetTargetsIn(session, 'reset-targets');
        if (!result.hadSaved) return { exitCode: 0, stdout: "No targets were saved with set-target; the config's targets are in force." };
        return {
          exitCode: 0,
          stdout: renderTargetChange(result, "Saved targets cleared and unpinned; the config's targets are in force again.", "The ledger keeps the change in its target history; edit targets: in the config to change them."),
        };
      }),
  };
}
