// The venue fields of the broker adapters (mt5, ibkr), spread into venueSchema.
import { z } from 'zod';
import { boolean } from './fields.js';
import { describeInput } from './problems.js';

export const brokerVenueFields = {
  /** adapter: mt5 and ibkr: the venue's own name for an asset (MT5 symbol such as SPY.US; IBKR conid). */
  symbols: z.record(z.string(), z.string()).optional(),
  /** adapter: ibkr: the account to use when the gateway's login sees several. */
  account_id: z.string().regex(/^[A-Za-z0-9]{1,32}$/, { error: (issue) => `${describeInput(issue.input)} is not an IBKR account id; expected one such as U1234567` }).optional(),
  /** adapter: ibkr: accept the local gateway's self-signed certificate. Only for a gateway on this machine. */
  insecure_tls: boolean().default(false),
};
