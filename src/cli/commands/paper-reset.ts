// `kit paper reset [VENUE...]`: start simulated venues again from the config's balances and lots.
import type { CommandSpec } from '../../host/contract.js';
import type { HostServices } from '../../host/runtime.js';
import { resetPaperVenues } from '../../rebalancer.js';
import { withSession } from '../with-session.js';

export function paperResetCommand(host: HostServices): CommandSpec {
  return {
    name: 'paper reset',
    description: "re-seed simulated (paper) venues from the config's balances and lots, dropping their traded state",
    arguments: [{ name: 'venues...', description: 'venue names (default: every paper venue)', required: false }],
    async run(args, _options, context) {
      return withSession(context, host, (session) => {
        const reset = resetPaperVenues(session, args.flatMap((arg) => arg.split(/\s+/)).filter(Boolean));
        const lines = reset.map(([name, venue]) => {
          const balances = Object.entries(venue.balances).map(([asset, quantity]) => `${quantity.toFixed()} ${asset}`);
          return `Reset paper venue ${name} to the config: ${balances.join(', ') || 'no balances'}${venue.lots.length > 0 ? `; ${venue.lots.length} tax lot${venue.lots.length === 1 ? '' : 's'}` : ''}.`;
        });
        return { exitCode: 0, stdout: lines.length > 0 ? lines.join('\n') : 'No paper venues in the config; nothing to reset.' };
      });
    },
  };
}
