// `kit rebalance reset-drawdown [--reason TEXT]`: clears the drawdown high-water mark (a real jump
// the guard refused, or a mark the user no longer wants to measure from); the reset is recorded.
import { formatMoney } from '../../format.js';
import type { CommandSpec } from '../../host/contract.js';
import type { HostServices } from '../../host/runtime.js';
import { resetDrawdownIn } from '../../rebalancer.js';
import { withSession } from '../with-session.js';

export function resetDrawdownCommand(host: HostServices): CommandSpec {
  return {
    name: 'rebalance reset-drawdown',
    description: 'clear the drawdown high-water mark; the next complete, fresh status takes a new one',
    options: [{ flags: '--reason <text>', description: 'why, kept in the ledger with the reset (default: reset-drawdown)' }],
    run: (_args, options, context) =>
      withSession(context, host, (session, runtime) => {
        const reason = typeof options.reason === 'string' && options.reason.trim() !== '' ? `reset-drawdown: ${options.reason.trim()}` : 'reset-drawdown';
        const cleared = resetDrawdownIn(session, reason);
        const next = 'the next complete, fresh kit portfolio status takes a new one from the value then.';
        return {
          exitCode: 0,
          stdout: cleared
            ? `High-water mark ${formatMoney(cleared.value, runtime.config.currency)} of ${cleared.at.toISOString().slice(0, 10)} cleared; ${next}`
            : `There was no high-water mark to clear; ${next}`,
        };
      }),
  };
}
