// `kit rebalance history [--json] [--limit N] [--svg FILE]`: past rebalances and how the portfolio
// did across them. --svg writes the charts to FILE too (an alert can attach it); --json keeps
// stdout to the JSON alone and says where the SVG went on stderr.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../../errors.js';
import { forReading } from '../../host/state-ledger.js';
import type { CommandSpec } from '../../host/contract.js';
import type { HostServices } from '../../host/runtime.js';
import { DEFAULT_HISTORY_LIMIT, rebalanceHistoryFor } from '../../rebalancer.js';
import { historyJson } from '../render-history-json.js';
import { renderHistory } from '../render-history.js';
import { jsonSource, sourceNote } from '../source-note.js';
import { historySvg } from '../svg-history.js';
import { withSession } from '../with-session.js';

export function parseLimit(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  const limit = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(limit) || limit < 1) throw new UsageError(`--limit: ${JSON.stringify(value)} is not a number of events; expected a positive whole number such as --limit 10.`);
  return limit;
}

export function rebalanceHistoryCommand(host: HostServices): CommandSpec {
  return {
    name: 'rebalance history',
    description: 'past rebalances (orders, turnover, fees, drift, realised gain) and performance: value over time, cumulative fees, the rebalancing bonus',
    options: [
      { flags: '--json', description: 'print JSON (decimal strings) instead of tables' },
      { flags: '--limit <n>', description: `list the latest N events (default ${DEFAULT_HISTORY_LIMIT}); performance always spans the whole history` },
      { flags: '--svg <file>', description: "also write the charts (value, each asset's weight against its band) to FILE as a self-contained SVG" },
    ],
    async run(_args, options, context) {
      const limit = parseLimit(options.limit);
      if (options.svg !== undefined && (typeof options.svg !== 'string' || options.svg.trim() === '')) throw new UsageError('--svg: expected a file name, such as --svg history.svg.');
      return withSession(forReading(context), host, (session, runtime) => {
        const history = rebalanceHistoryFor(session, { limit });
        const currency = runtime.config.currency;
        let svgNote: string | undefined;
        if (typeof options.svg === 'string') {
          const file = resolve(context.cwd, options.svg);
          const svg = historySvg(history, { currency });
          if (svg) {
            try {
              writeFileSync(file, svg);
            } catch (error) {
              throw new UsageError(`--svg: cannot write ${file}: ${(error as Error).message}.`, { cause: error });
            }
          }
          svgNote = svg ? `Wrote the charts to ${file}.` : `No rebalances recorded yet: nothing to chart, ${file} not written.`;
        }
        if (options.json) {
          if (svgNote) context.stderr.write(`${svgNote}\n`);
          return { exitCode: 0, stdout: JSON.stringify(historyJson(history, jsonSource(runtime)), null, 2) };
        }
        const text = renderHistory(history, { currency, sourceNote: sourceNote(runtime) });
        return { exitCode: 0, stdout: svgNote ? `${text}\n\n${svgNote}` : text };
      });
    },
  };
}
