// `kit venues check [NAME] [--json]`: is every venue reachable, what does it hold, can it trade
// what the targets need. A venue that cannot even be built (a variable not set) is reported with
// the others: the runtime keeps it as a stand-in. Exit 0 when all answered, 4 when some did not.
import type { CommandSpec } from '../../host/contract.js';
import type { HostServices } from '../../host/runtime.js';
import { withRuntime } from '../../host/runtime.js';
import { forReading } from '../../host/state-ledger.js';
import { createSession } from '../../rebalancer.js';
import { allAnswered, checkVenues } from '../../rebalancer/venues-check.js';
import { renderVenuesCheck, venuesCheckJson } from '../render-venues-check.js';

export function venuesCheckCommand(host: HostServices): CommandSpec {
  return {
    name: 'venues check',
    description: 'ask every venue (or the one named) whether it answers: latency, holdings, the markets the targets need, capabilities, and which variable to set for a missing credential',
    arguments: [{ name: 'name', description: 'one venue of the config (default: all)', required: false }],
    options: [{ flags: '--json', description: 'print JSON (decimal strings) instead of a table' }],
    run: (args, options, context) =>
      withRuntime(
        forReading(context),
        host,
        async (runtime) => {
          const { config } = runtime;
          const targets = createSession(runtime).targets();
          const neededAssets = [...targets.targets.keys()].filter((asset) => asset !== 'CASH' && !config.cash_assets.includes(asset) && asset !== config.currency);
          const checks = await checkVenues({ venues: runtime.venues, neededAssets, cashAssets: config.cash_assets, timeoutMs: config.monitoring.venue_timeout, elapsed: () => performance.now() }, args[0]);
          return {
            exitCode: allAnswered(checks) ? 0 : 4,
            stdout: options.json ? JSON.stringify(venuesCheckJson(checks), null, 2) : renderVenuesCheck(checks, { timeoutMs: config.monitoring.venue_timeout }),
          };
        },
        { keepUnbuiltVenues: true },
      ),
  };
}
