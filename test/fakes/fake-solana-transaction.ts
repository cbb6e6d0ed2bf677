// Signed transactions as a Solana node answers getTransaction (encoding jsonParsed, a v0 message)
// and getSignatureStatuses, from a short description: the account keys (the first signs and pays),
// lamports before and after, token accounts before and after, the fee, an error, the block time.
// Lamports are written as bare u64 JSON numbers ("@@n@@", see fake-solana-rpc.ts); token amounts
// as the node writes them: integer text, a float uiAmount and the exact uiAmountString.
import { fromBaseUnits } from '../../src/adapters/units.js';

const TOKEN_PROGRAM = 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA';
const JUPITER_V6 = 'JUP6LkbZbjS1jKKwapdHNy74zcZ3tLUZoi5QNyVTaV4';
const COMPUTE_BUDGET = 'ComputeBudget111111111111111111111111111111';
const LEVELS = ['processed', 'confirmed', 'finalized'] as const;
type Commitment = (typeof LEVELS)[number];

export interface FakeTokenAccount {
  /** Index into the account keys (static, then lookup). */
  index: number;
  mint: string;
  owner: string;
  decimals: number;
  /** Base units; undefined when the account did not exist before (created) or after (closed). */
  before?: string;
  after?: string;
}

export interface FakeSolanaTransaction {
  /** The static account keys; the first `signers` (default 1) sign, the first pays the fee. */
  accounts: string[];
  signers?: number;
  /** Loaded from an address lookup table, listed after the static keys. */
  lookup?: string[];
  /** Lamports [before, after] of every account key, static then lookup. */
  lamports: [bigint, bigint][];
  tokens?: FakeTokenAccount[];
  fee: bigint;
  /** The transaction error (meta.err); undefined or null for success. */
  err?: unknown;
  /** Unix seconds; null as a node answers when it has no time for the block. Default 1764417600. */
  blockTime?: number | null;
  slot?: number;
  /** How far the cluster has confirmed it (default finalized); getTransaction at `confirmed` does not see a processed one. */
  commitment?: Commitment;
}

const u64 = (value: bigint) => `@@${value}@@`;

function tokenBalances(tx: FakeSolanaTransaction, when: 'before' | 'after') {
  return (tx.tokens ?? []).flatMap((token) => {
    const amount = token[when];
    if (amount === undefined) return [];
    const exact = fromBaseUnits(BigInt(amount), token.decimals);
    return [{ accountIndex: token.index, mint: token.mint, owner: token.owner, programId: TOKEN_PROGRAM, uiTokenAmount: { amount, decimals: token.decimals, uiAmount: amount === '0' ? null : exact.toNumber(), uiAmountString: exact.toFixed() } }];
  });
}

function transactionResult(tx: FakeSolanaTransaction, signature: string, encoding: string) {
  const signers = tx.signers ?? 1;
  const writable = new Set([...Array(signers).keys(), ...(tx.tokens ?? []).map((token) => token.index)]);
  const keys = [...tx.accounts.map((pubkey, index) => ({ pubkey, signer: index < signers, source: 'transaction', writable: writable.has(index) })), ...(tx.lookup ?? []).map((pubkey) => ({ pubkey, signer: false, source: 'lookupTable', writable: true }))];
  if (keys.length !== tx.lamports.length) throw new Error(`fake transaction ${signature}: ${keys.length} keys but ${tx.lamports.length} lamport pairs`);
  const err = tx.err ?? null;
  return {
    blockTime: tx.blockTime === undefined ? 1_764_417_600 : tx.blockTime,
    meta: {
      computeUnitsConsumed: 187_345,
      err,
      fee: u64(tx.fee),
      innerInstructions: [],
      logMessages: [`Program ${JUPITER_V6} invoke [1]`, 'Program log: Instruction: Route', 'Program log: in_amount 12345678901234567 out_amount 9007199254740993', `Program ${JUPITER_V6} ${err ? 'failed: custom program error: 0x1771' : 'success'}`],
      postBalances: tx.lamports.map(([, after]) => u64(after)),
      postTokenBalances: tokenBalances(tx, 'after'),
      preBalances: tx.lamports.map(([before]) => u64(before)),
      preTokenBalances: tokenBalances(tx, 'before'),
      rewards: [],
      status: err ? { Err: err } : { Ok: null },
    },
    slot: tx.slot ?? 348_004_012,
    transaction: {
      message: {
        accountKeys: encoding === 'jsonParsed' ? keys : keys.map((key) => key.pubkey),
        addressTableLookups: tx.lookup ? [{ accountKey: 'D6XNrxMsDoABJVVY5YyHxJuAB6WGzYCXpZeKyNtqu2v4', readonlyIndexes: [], writableIndexes: tx.lookup.map((_, index) => index) }] : [],
        instructions: [
          { accounts: [], data: 'K1FDJ7', programId: COMPUTE_BUDGET, stackHeight: null },
          { accounts: [], data: '3ay2jN33wcWh', programId: COMPUTE_BUDGET, stackHeight: null },
          { accounts: keys.slice(0, 4).map((key) => key.pubkey), data: 'PrpFmsY4d26dKbdKMofaWqTTUvDLo8vSn', programId: JUPITER_V6, stackHeight: null },
        ],
        recentBlockhash: 'EkSnNWid2cvwEVnVx9aBqawnmiCNiDgp3gUdkDPTKN1N',
      },
      signatures: [signature],
    },
    version: 0,
  };
}

/** getTransaction's answer: the result, null when unknown or not yet at the asked commitment, or the node's error for a v0 transaction asked without maxSupportedTransactionVersion. */
export function transactionAnswer(tx: FakeSolanaTransaction | undefined, signature: string, config: { commitment?: string; encoding?: string; maxSupportedTransactionVersion?: number }): { result: unknown } | { error: unknown } {
  if (!tx) return { result: null };
  if (config.maxSupportedTransactionVersion === undefined) {
    return { error: { code: -32015, message: 'Transaction version (0) is not supported by the requesting client. Please try the request again with the following configuration parameter: "maxSupportedTransactionVersion": 0' } };
  }
  const asked = LEVELS.indexOf((config.commitment ?? 'finalized') as Commitment);
  if (LEVELS.indexOf(tx.commitment ?? 'finalized') < asked) return { result: null };
  return { result: transactionResult(tx, signature, config.encoding ?? 'json') };
}

/** One entry of getSignatureStatuses' value. */
export function signatureStatus(tx: FakeSolanaTransaction | undefined): unknown {
  if (!tx) return null;
  const level = tx.commitment ?? 'finalized';
  const err = tx.err ?? null;
  return { slot: tx.slot ?? 348_004_012, confirmations: level === 'finalized' ? null : level === 'confirmed' ? 3 : 0, err, status: err ? { Err: err } : { Ok: null }, confirmationStatus: level };
}
