// `kit paper reset [VENUE...]`: start simulated venues again from the config's balances and lots,
// dropping whatever was traded on them. Only paper and manual venues can be reset.
import { resetVenue } from '../adapters/paper/seed.js';
import { UsageError } from '../errors.js';
import type { CommandSpec } from '../host/contract.js';
import { withRuntime, type HostServices } from '../host/runtime.js';

export function paperResetCommand(host: HostServices): CommandSpec {
  return {
    name: 'paper reset',
    description: "re-seed simulated (paper) venues from the config's balances and lots, dropping their traded state",
    arguments: [{ name: 'venues...', description: 'venue names (default: every paper venue)', required: false }],
    async run(args, _options, context) {
      return withRuntime(context, host, async (runtime) => {
        const paper = Object.entries(runtime.config.venues).filter(([, venue]) => venue.adapter === 'paper');
        const names = args.flatMap((arg) => arg.split(/\s+/)).filter(Boolean);
        for (const name of names) {
          const venue = runtime.config.venues[name];
          if (!venue) throw new UsageError(`No venue named "${name}"; the config has ${Object.keys(runtime.config.venues).join(', ') || 'none'}.`);
          if (venue.adapter !== 'paper') throw new UsageError(`Venue "${name}" uses adapter ${venue.adapter}; only paper venues can be reset.`);
        }
        const chosen = names.length > 0 ? paper.filter(([name]) => names.includes(name)) : paper;
        const now = runtime.clock.now();
        const lines = chosen.map(([name, venue]) => {
          resetVenue(name, venue, runtime.ledger, now);
          const balances = Object.entries(venue.balances).map(([asset, quantity]) => `${quantity.toFixed()} ${asset}`);
          return `Reset paper venue ${name} to the config: ${balances.join(', ') || 'no balances'}${venue.lots.length > 0 ? `; ${venue.lots.length} tax lot${venue.lots.length === 1 ? '' : 's'}` : ''}.`;
        });
        return { exitCode: 0, stdout: lines.length > 0 ? lines.join('\n') : 'No paper venues in the config; nothing to reset.' };
      });
    },
  };
}
