// The rebalance_record_swap tool: a DEX swap the user signed, read back from its chain and booked
// (trades, lots, tax records), as `kit rebalance swaps record <id> --tx <hash> --json` answers.
import { z } from 'zod';
import { UsageError } from '../../errors.js';
import type { CommandContext } from '../../host/contract.js';
import type { HostServices } from '../../host/runtime.js';
import { runSwapRecord } from '../swap-record-run.js';
import type { SwapRecordJson } from '../swap-record-json.js';
import { toToolSchema } from '../tool-schema.js';
import { parseToolArgs } from './tool-args.js';

export const recordSwapArgs = z.strictObject({
  client_order_id: z.string().describe('the client_order_id of the swap, as rebalance_swaps or execute handed it out'),
  transaction: z.string().describe('the transaction hash (0x...) or Solana signature the wallet sent'),
});

export function rebalanceRecordSwapTool(host: HostServices, context: () => CommandContext) {
  return {
    definition: {
      name: 'rebalance_record_swap',
      description:
        "Book a DEX swap the user signed and sent from their own wallet: reads the transaction back from the chain (what left and reached the wallet), checks it is that swap (its input, at least its minimum out), then records the trade, the lot change and, for a sale, the tax records. Idempotent: the same transaction twice books once. status pending/not_found means try again later; failed means it reverted on chain.",
      parameters: toToolSchema(recordSwapArgs),
    },
    handler: async (raw: Record<string, unknown>): Promise<SwapRecordJson> => {
      const args = parseToolArgs('rebalance_record_swap', recordSwapArgs, raw);
      // K.I.T.'s tool shape has no minLength: an empty argument is refused here.
      if (args.client_order_id.trim() === '' || args.transaction.trim() === '') throw new UsageError('rebalance_record_swap needs both client_order_id (the swap, as handed out) and transaction (the hash or signature the wallet sent).');
      return (await runSwapRecord(context(), host, { clientOrderId: args.client_order_id, transaction: args.transaction })).json;
    },
  };
}
