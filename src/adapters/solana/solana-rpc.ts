// Solana's JSON-RPC over fetch: one POST per method. Lamport balances are u64 and can exceed
// what a JS number holds exactly, so getBalance's value is read from the answer's text and
// parseRpcJson keeps every long integer as its digits.
import { z } from 'zod';

export const TOKEN_PROGRAMS = ['TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA', 'TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb'];

/** An RPC answer that is an error: `code` is the JSON-RPC code (-32005 and 429-like ones may pass). */
export class SolanaRpcError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'SolanaRpcError';
  }
}

const tokenAccount = z.object({
  account: z.object({
    data: z.object({
      parsed: z.object({
        info: z.object({ mint: z.string(), tokenAmount: z.object({ amount: z.string().regex(/^\d+$/), decimals: z.number().int().min(0).max(255) }) }),
      }),
    }),
  }),
});
/** The part of getTokenAccountsByOwner (jsonParsed) we read; fixtures/wallets/solana-token-accounts.json is a sample. */
export const tokenAccountsAnswer = z.object({ result: z.object({ value: z.array(tokenAccount) }) });
export type TokenAccount = z.infer<typeof tokenAccount>;

export async function rpcCall(url: string, method: string, params: unknown[]): Promise<string> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
  const text = await response.text();
  if (!response.ok) throw new SolanaRpcError(`${method}: the RPC node answered HTTP ${response.status}`, response.status === 429 || response.status >= 500);
  const error = /"error"\s*:\s*\{[^}]*"message"\s*:\s*"([^"]*)"/.exec(text);
  if (error) throw new SolanaRpcError(`${method}: ${error[1]}`, /-32005|-32603|rate|busy|unavailable/i.test(text));
  return text;
}

/** Lamports held by one address. */
export async function getBalance(url: string, address: string): Promise<bigint> {
  const text = await rpcCall(url, 'getBalance', [address, { commitment: 'confirmed' }]);
  const value = /"value"\s*:\s*(\d{1,30})\s*[,}]/.exec(text)?.[1];
  if (value === undefined) throw new SolanaRpcError('getBalance: the answer has no lamport value (is rpc_url a Solana node?)', false);
  return BigInt(value);
}

/** Every SPL token account an address owns under one token program. */
export async function getTokenAccounts(url: string, owner: string, programId: string): Promise<TokenAccount[]> {
  const text = await rpcCall(url, 'getTokenAccountsByOwner', [owner, { programId }, { encoding: 'jsonParsed', commitment: 'confirmed' }]);
  const parsed = tokenAccountsAnswer.safeParse(JSON.parse(text));
  if (!parsed.success) throw new SolanaRpcError('getTokenAccountsByOwner: the answer is not a list of parsed token accounts', false);
  return parsed.data.result.value;
}

/**
 * JSON.parse, except that an integer too long for a JS number to be sure of (16+ digits: a u64
 * lamport balance) comes back as its digits in a string, so a schema can make it a bigint exactly.
 * Strings are skipped whole, so digits inside a log message are never touched.
 */
export function parseRpcJson(text: string): unknown {
  const token = /"(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*/g;
  const quoted = text.replace(token, (match) => (/^\d{16,}$/.test(match) ? `"${match}"` : match));
  return JSON.parse(quoted) as unknown;
}
