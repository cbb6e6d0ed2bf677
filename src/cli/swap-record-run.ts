// Recording a signed swap, as the command and the tool both run it: over a session whose ledger
// is written (the booking), with the host's tax sink; answers the JSON and the exit code
// (0 booked or already booked, 4 pending or not found: try again later, 5 failed on chain).
import type { CommandContext } from '../host/contract.js';
import { taxSinkFor } from '../host/execute-deps.js';
import type { HostServices } from '../host/runtime.js';
import { recordSwap, type RecordSwapRequest } from '../rebalancer.js';
import { swapRecordMessage } from './render-swap-record.js';
import { swapRecordJson, type SwapRecordJson } from './swap-record-json.js';
import { withSession } from './with-session.js';

export const RECORD_EXIT = { booked: 0, already_booked: 0, pending: 4, not_found: 4, failed: 5 } as const;

export function runSwapRecord(context: CommandContext, host: HostServices, request: RecordSwapRequest): Promise<{ json: SwapRecordJson; exitCode: number }> {
  return withSession(context, host, async (session, runtime) => {
    const recording = await recordSwap(session, taxSinkFor(runtime, host), request);
    const json = swapRecordJson(recording, swapRecordMessage(recording, runtime.config.currency));
    return { json, exitCode: RECORD_EXIT[recording.kind] };
  });
}
