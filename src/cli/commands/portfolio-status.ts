// `kit portfolio status [--by-venue] [--json]`: the allocation against the targets.
import type { CommandSpec } from '../../host/contract.js';
import type { HostServices } from '../../host/runtime.js';
import { forReading } from '../../host/state-ledger.js';
import { renderStatus } from '../render-status.js';
import { jsonSource, sourceNote } from '../source-note.js';
import { statusJson } from '../status-json.js';
import { withSession } from '../with-session.js';

export function portfolioStatusCommand(host: HostServices): CommandSpec {
  return {
    name: 'portfolio status',
    description: 'Current allocation against the targets: weights, drift, the threshold warning and what to do about it',
    options: [
      { flags: '--by-venue', description: 'also list every holding per venue' },
      { flags: '--json', description: 'print JSON (decimal strings) instead of tables' },
    ],
    run: (_args, options, context) =>
      withSession(forReading(context), host, async (session, runtime) => {
        const report = await session.status();
        return {
          // 0 when every venue answered and every held asset is priced, 3 when the figures are incomplete.
          exitCode: report.complete ? 0 : 3,
          stdout: options.json
            ? JSON.stringify(statusJson(report, { ...jsonSource(runtime), threshold: runtime.config.drift_threshold }), null, 2)
            : renderStatus(report, { byVenue: Boolean(options.byVenue), currency: runtime.config.currency, sourceNote: sourceNote(runtime) }),
        };
      }),
  };
}
