// `kit portfolio import FILE.csv [--venue NAME]`: trade history into the ledger, all or nothing.
// Every bad row is listed by line and nothing is written; importing the same file again changes
// nothing (trade ids); a large file shows progress on a terminal.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import type { CommandSpec } from '../host/contract.js';
import { withRuntime, type HostServices } from '../host/runtime.js';
import type { TradeRecord } from '../ports.js';
import { parseTradesCsv } from '../tax/import-csv.js';

export function portfolioImportCommand(host: HostServices): CommandSpec {
  return {
    name: 'portfolio import',
    description: 'import trade history (CSV: date, side, asset, quantity, price or total, [fee, currency, venue, id, lot, asset_class]) into the ledger',
    arguments: [{ name: 'file', description: 'the CSV file', required: true }],
    options: [{ flags: '--venue <name>', description: 'the venue (wallet, account) of rows without a venue column' }],
    async run(args, options, context) {
      const file = resolve(context.cwd, args[0] ?? '');
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        throw new UsageError(`import: cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message}.`);
      }
      return withRuntime(context, host, async (runtime) => {
        const kinds = new Map(Object.entries(runtime.config.venues).map(([id, venue]) => [id, venue.kind]));
        const parsed = parseTradesCsv(text, {
          currency: runtime.config.currency,
          defaultVenue: typeof options.venue === 'string' ? options.venue : undefined,
          defaultClass: (_asset, venue) => (kinds.get(venue) === 'mt5' || kinds.get(venue) === 'ibkr' ? 'security' : 'crypto'),
        });
        if (parsed.problems.length > 0) {
          const rows = new Set(parsed.problems.map((p) => p.line)).size;
          throw new UsageError(`import: ${file} has ${rows} bad row${rows === 1 ? '' : 's'}; nothing was imported.`, {
            details: parsed.problems.map((p) => `  line ${p.line}: ${p.message}`).join('\n'),
          });
        }
        const records: TradeRecord[] = parsed.trades.map((trade) => ({
          id: trade.id,
          source: 'import',
          venue: trade.venue,
          executedAt: trade.date,
          side: trade.side,
          asset: trade.asset,
          assetClass: trade.assetClass,
          quantity: trade.quantity,
          price: trade.total.div(trade.quantity),
          total: trade.total,
          fee: trade.fee,
          currency: runtime.config.currency,
          lotRef: trade.lotRef,
        }));
        const tty = 'isTTY' in context.stderr && (context.stderr as { isTTY?: boolean }).isTTY === true;
        const progress = tty && records.length >= 10_000 ? (done: number, total: number) => context.stderr.write(`\rRecording trades: ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}${done === total ? '\n' : ''}`) : undefined;
        const { inserted, skipped } = runtime.ledger.recordTrades(records, progress);
        const assets = new Set(parsed.trades.map((t) => t.asset)).size;
        return {
          exitCode: 0,
          stdout: `Imported ${inserted} trade${inserted === 1 ? '' : 's'} (${assets} asset${assets === 1 ? '' : 's'}) from ${file}${skipped > 0 ? `; ${skipped} already in the ledger ${skipped === 1 ? 'was' : 'were'} left as they were` : ''}.`,
        };
      });
    },
  };
}
