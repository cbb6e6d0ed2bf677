// A signed transaction read back from a Solana node: getTransaction with jsonParsed (whose
// accountKeys already hold the addresses a v0 transaction loads from lookup tables, so every
// balance index points into it) at `confirmed`, and getSignatureStatuses for one the node has
// seen but not yet confirmed. Lamports (fee, balances) are u64, read exactly as bigint.
import { z } from 'zod';
import { parseRpcJson, rpcCall, SolanaRpcError } from './solana-rpc.js';

const u64 = z.union([z.number().int().nonnegative().refine(Number.isSafeInteger), z.string().regex(/^\d{1,20}$/)]).transform((value) => BigInt(value));

const tokenBalance = z.object({
  accountIndex: z.number().int().nonnegative(),
  mint: z.string(),
  /** The token account's owner (a wallet); absent on answers from very old nodes. */
  owner: z.string().optional(),
  uiTokenAmount: z.object({ amount: z.string().regex(/^\d{1,30}$/), decimals: z.number().int().min(0).max(255) }),
});
export type TokenBalance = z.infer<typeof tokenBalance>;

// jsonParsed gives {pubkey, signer, source, writable}; plain json gives the address alone.
const accountKey = z.union([z.string(), z.object({ pubkey: z.string() })]).transform((key) => (typeof key === 'string' ? key : key.pubkey));

const transaction = z.object({
  slot: z.number().int().nonnegative(),
  blockTime: z.number().int().nullish(),
  meta: z
    .object({
      err: z.unknown(),
      fee: u64,
      preBalances: z.array(u64),
      postBalances: z.array(u64),
      preTokenBalances: z.array(tokenBalance).nullish(),
      postTokenBalances: z.array(tokenBalance).nullish(),
    })
    .nullable(),
  transaction: z.object({ message: z.object({ accountKeys: z.array(accountKey).min(1) }) }),
});
export type SolanaTransaction = z.infer<typeof transaction>;

const transactionAnswer = z.object({ result: transaction.nullable() });
const statusAnswer = z.object({ result: z.object({ value: z.array(z.object({ confirmationStatus: z.string().nullish() }).nullable()) }) });

/** The transaction with its status metadata, or null when the node has none at `confirmed` (not found, or only processed). */
export async function getTransaction(url: string, signature: string): Promise<SolanaTransaction | null> {
  const text = await rpcCall(url, 'getTransaction', [signature, { encoding: 'jsonParsed', commitment: 'confirmed', maxSupportedTransactionVersion: 0 }]);
  const parsed = transactionAnswer.safeParse(orUndefined(() => parseRpcJson(text)));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SolanaRpcError(`getTransaction: the answer is not a parsed transaction${issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : ''} (is rpc_url a Solana node?)`, false);
  }
  const found = parsed.data.result;
  const meta = found?.meta;
  if (found && meta) {
    const size = found.transaction.message.accountKeys.length;
    const inRange = (entry: TokenBalance) => entry.accountIndex < size;
    if (meta.preBalances.length !== size || meta.postBalances.length !== size || ![...(meta.preTokenBalances ?? []), ...(meta.postTokenBalances ?? [])].every(inRange)) {
      throw new SolanaRpcError(`getTransaction: the balances of ${signature} do not match its ${size} account keys`, false);
    }
  }
  return found;
}

/** The node's confirmation status of a signature in its recent cache ("processed", "confirmed", "finalized"), or null if it has none. */
export async function getSignatureStatus(url: string, signature: string): Promise<string | null> {
  const text = await rpcCall(url, 'getSignatureStatuses', [[signature], { searchTransactionHistory: false }]);
  const parsed = statusAnswer.safeParse(orUndefined(() => JSON.parse(text) as unknown));
  if (!parsed.success) throw new SolanaRpcError('getSignatureStatuses: the answer is not a list of statuses (is rpc_url a Solana node?)', false);
  const status = parsed.data.result.value[0];
  return status ? (status.confirmationStatus ?? 'processed') : null;
}

/** Not JSON (a proxy's HTML page) fails the schema like any other wrong answer. */
function orUndefined(parse: () => unknown): unknown {
  try {
    return parse();
  } catch {
    return undefined;
  }
}
