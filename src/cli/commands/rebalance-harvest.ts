// `kit rebalance harvest [--json]`: tax-loss harvesting candidates, without trading.
import { formatInstant } from '../../format.js';
import type { CommandSpec } from '../../host/contract.js';
import type { HostServices } from '../../host/runtime.js';
import { forReading } from '../../host/state-ledger.js';
import { harvestFor } from '../../rebalancer.js';
import { harvestJson, renderHarvest } from '../harvest-output.js';
import { sourceNote } from '../source-note.js';
import { withSession } from '../with-session.js';

export function rebalanceHarvestCommand(host: HostServices): CommandSpec {
  return {
    name: 'rebalance harvest',
    description: 'tax-loss harvesting: lots with an unrealised loss above tax.tlh_min_loss, the sale, a substitute or the safe rebuy date, without trading',
    options: [{ flags: '--json', description: 'print JSON (decimal strings)' }],
    run: (_args, options, context) =>
      withSession(forReading(context), host, async (session, runtime) => {
        const result = await harvestFor(session);
        if (options.json) return { exitCode: 0, stdout: JSON.stringify(harvestJson(result), null, 2) };
        const { tax, currency } = runtime.config;
        const head = [`🌾 Tax-loss harvesting (${tax.jurisdiction})`, sourceNote(runtime), `As of ${formatInstant(runtime.clock.now())}${tax.enable_tlh ? '' : '; tax.enable_tlh is off, so previews do not show this'}`, ''];
        return { exitCode: 0, stdout: [...head, renderHarvest(result, currency), '', 'Nothing has been traded.'].join('\n') };
      }),
  };
}
