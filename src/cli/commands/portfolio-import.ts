// `kit portfolio import FILE.csv [--venue NAME] [--decimal-comma]`: trade history into the ledger,
// all or nothing; a large file shows progress on a terminal.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../../errors.js';
import type { CommandContext, CommandSpec } from '../../host/contract.js';
import type { HostServices } from '../../host/runtime.js';
import { importTrades } from '../../rebalancer.js';
import { withSession } from '../with-session.js';

function readCsv(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`import: cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message}.`);
  }
}

/** "Recording trades: 5,000 / 100,000" on a terminal, for files of 10,000 rows or more. */
function progressOn(stderr: CommandContext['stderr']) {
  const tty = 'isTTY' in stderr && (stderr as { isTTY?: boolean }).isTTY === true;
  return (rows: number) =>
    tty && rows >= 10_000 ? (done: number, total: number) => stderr.write(`\rRecording trades: ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}${done === total ? '\n' : ''}`) : undefined;
}

export function portfolioImportCommand(host: HostServices): CommandSpec {
  return {
    name: 'portfolio import',
    description: 'import trade history (CSV: date, side, asset, quantity, price or total, [fee, currency, venue, id, lot, asset_class]) into the ledger',
    arguments: [{ name: 'file', description: 'the CSV file', required: true }],
    options: [
      { flags: '--venue <name>', description: 'the venue (wallet, account) of rows without a venue column' },
      { flags: '--decimal-comma', description: 'numbers are written with a decimal comma (1.234,5); without it a comma in a number is refused' },
    ],
    async run(args, options, context) {
      const file = resolve(context.cwd, args[0] ?? '');
      const text = readCsv(file);
      return withSession(context, host, (session) => {
        const result = importTrades(session, text, {
          defaultVenue: typeof options.venue === 'string' ? options.venue : undefined,
          decimalComma: options.decimalComma === true,
          progressFor: progressOn(context.stderr),
        });
        if (!('inserted' in result)) {
          const rows = new Set(result.problems.map((p) => p.line)).size;
          throw new UsageError(`import: ${file} has ${rows} bad row${rows === 1 ? '' : 's'}; nothing was imported.`, {
            details: result.problems.map((p) => `  line ${p.line}: ${p.message}`).join('\n'),
          });
        }
        const { inserted, skipped, assets, defaultAccount } = result;
        const lines = [
          `Imported ${inserted} trade${inserted === 1 ? '' : 's'} (${assets} asset${assets === 1 ? '' : 's'}) from ${file}${skipped > 0 ? `; ${skipped} already in the ledger ${skipped === 1 ? 'was' : 'were'} left as they were` : ''}.`,
          // Most exported histories have no venue column: say where their rows went.
          ...(defaultAccount ? [`Rows without a venue went to the account "${defaultAccount}"; give --venue NAME to import them into a venue of the config.`] : []),
        ];
        return { exitCode: 0, stdout: lines.join('\n') };
      });
    },
  };
}
