// `kit rebalance swaps [--strategy S] [--json] [--out FILE]`: the plan's DEX legs as unsigned
// transactions for the user's own wallet (EVM to/data/value/chainId, or Jupiter's base64), without
// executing anything. This skill never signs. No DEX legs: said, exit 0; untrustworthy data: exit 3.
// `kit rebalance swaps record <CLIENT_ORDER_ID> --tx <HASH>`: a swap the user signed and sent,
// read back from its chain and booked (swap-record-run.ts). The action is an argument, so the
// command keeps its two-word name in both hosts (ours and K.I.T.'s commander tree).
import { resolve } from 'node:path';
import { STRATEGIES } from '../../config.js';
import { UsageError } from '../../errors.js';
import type { CommandSpec } from '../../host/contract.js';
import type { HostServices } from '../../host/runtime.js';
import { forReading } from '../../host/state-ledger.js';
import { writeJsonAtomically } from '../../host/swaps-file.js';
import { listSwaps, swapsFile } from '../../rebalancer.js';
import { parseStrategy } from '../parse-preview.js';
import { renderSwapListing } from '../render-swaps.js';
import { swapsListingJson } from '../swaps-json.js';
import { runSwapRecord } from '../swap-record-run.js';
import { withSession } from '../with-session.js';

export const listingRunId = (now: Date) => `swaps-${now.toISOString().replace(/\D/g, '').slice(0, 14)}`;

export function rebalanceSwapsCommand(host: HostServices): CommandSpec {
  return {
    name: 'rebalance swaps',
    description: "the plan's DEX swaps as unsigned transactions to sign in your own wallet (never signed, nothing executed)",
    arguments: [
      { name: 'action', description: 'record: book a swap you signed (with its client order id and --tx)', required: false },
      { name: 'client_order_id', description: 'record: the client_order_id of the swap, as handed out', required: false },
    ],
    options: [
      { flags: '--tx <hash>', description: 'record: the transaction hash (or Solana signature) your wallet sent' },
      { flags: '--strategy <name>', description: `plan with this strategy instead of the configured one (${STRATEGIES.join(', ')})` },
      { flags: '--json', description: 'print JSON (decimal strings) instead of text' },
      { flags: '--out <file>', description: 'also write the swaps to this JSON file' },
    ],
    run: async (args, options, context) => {
      const [action, clientOrderId] = args;
      if (action !== undefined) {
        if (action !== 'record') throw new UsageError(`rebalance swaps: unknown action ${JSON.stringify(action)}; the only one is record (kit rebalance swaps record <CLIENT_ORDER_ID> --tx <HASH>).`);
        if (!clientOrderId || typeof options.tx !== 'string' || options.tx.trim() === '') throw new UsageError('rebalance swaps record: give the swap\'s client order id and the transaction your wallet sent: kit rebalance swaps record <CLIENT_ORDER_ID> --tx <HASH>.');
        const { json, exitCode } = await runSwapRecord(context, host, { clientOrderId, transaction: options.tx });
        return { exitCode, stdout: options.json ? JSON.stringify(json, null, 2) : json.message };
      }
      return withSession(forReading(context), host, async (session, runtime) => {
        const listing = await listSwaps(session, { strategy: parseStrategy(options.strategy), newRunId: () => listingRunId(runtime.clock.now()) });
        let file: string | null = null;
        if (typeof options.out === 'string' && listing.legs.length > 0) {
          file = resolve(context.cwd, options.out);
          writeJsonAtomically(file, swapsFile(listing.runId ?? 'swaps', runtime.clock.now(), listing.legs));
        }
        const json = swapsListingJson(listing, file);
        const exitCode = listing.blocked ? 3 : listing.legs.some((leg) => leg.status === 'failed') ? 5 : 0;
        return { exitCode, stdout: options.json ? JSON.stringify(json, null, 2) : renderSwapListing(json) };
      });
    },
  };
}
