// A fake Solana JSON-RPC node on 127.0.0.1: getBalance (lamports, written as the exact integer a
// u64 can be, beyond what a JS number holds), getTokenAccountsByOwner with jsonParsed token
// accounts per program, getTokenSupply, and signed transactions through getTransaction (jsonParsed,
// v0, see fake-solana-transaction.ts) and getSignatureStatuses. Its own server, since http-fake
// can only send what JSON.stringify writes.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signatureStatus, transactionAnswer, type FakeSolanaTransaction } from './fake-solana-transaction.js';

export interface FakeSolanaAccount {
  lamports: bigint;
  /** Token accounts: mint, integer amount (text), decimals, and the owning token program. */
  tokens?: { mint: string; amount: string; decimals: number; program?: string }[];
}

const TOKEN_PROGRAM = 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA';

export interface FakeSolana {
  url: string;
  methods: string[];
  /** Every request's method and params, in order. */
  calls: { method: string; params: unknown[] }[];
  /** Signature -> transaction; tests may add or change them while the node runs. */
  transactions: Record<string, FakeSolanaTransaction>;
  close(): Promise<void>;
}

/** `mints`: the decimals getTokenSupply answers for each mint. */
export async function startFakeSolana(accounts: Record<string, FakeSolanaAccount>, mints: Record<string, number> = {}, transactions: Record<string, FakeSolanaTransaction> = {}): Promise<FakeSolana> {
  const methods: string[] = [];
  const calls: FakeSolana['calls'] = [];
  const route = (body: string): { json: unknown } => {
    const rpc = JSON.parse(body) as { id: number; method: string; params: [string, { programId?: string }?, unknown?] };
    const owner = rpc.params[0];
    methods.push(rpc.method);
    calls.push({ method: rpc.method, params: rpc.params });
    if (rpc.method === 'getTransaction') return { json: { jsonrpc: '2.0', id: rpc.id, ...transactionAnswer(transactions[owner], owner, (rpc.params[1] ?? {}) as Parameters<typeof transactionAnswer>[2]) } };
    if (rpc.method === 'getSignatureStatuses') {
      const signatures = rpc.params[0] as unknown as string[];
      return { json: { jsonrpc: '2.0', id: rpc.id, result: { context: { apiVersion: '2.2.16', slot: 348_004_100 }, value: signatures.map((signature) => signatureStatus(transactions[signature])) } } };
    }
    if (rpc.method === 'getTokenSupply' && mints[owner] !== undefined) return { json: { jsonrpc: '2.0', id: rpc.id, result: { context: { slot: 1 }, value: { amount: '1000000000000', decimals: mints[owner], uiAmountString: '1' } } } };
    const account = accounts[owner];
    if (!account) return { json: { jsonrpc: '2.0', id: rpc.id, error: { code: -32602, message: 'Invalid param: Invalid' } } };
    if (rpc.method === 'getBalance') return { json: { jsonrpc: '2.0', id: rpc.id, result: { context: { slot: 1 }, value: `@@${account.lamports}@@` } } };
    if (rpc.method === 'getTokenAccountsByOwner') {
      const program = rpc.params[1]?.programId;
      const value = (account.tokens ?? [])
        .filter((token) => (token.program ?? TOKEN_PROGRAM) === program)
        .map((token) => ({
          pubkey: 'C2gJg6tKpQs41PRS1nC8aw3ZKNZK3HQQZGVrDFDup5nx',
          account: { data: { program: 'spl-token', parsed: { info: { mint: token.mint, owner, tokenAmount: { amount: token.amount, decimals: token.decimals, uiAmount: Number(token.amount) / 10 ** token.decimals } }, type: 'account' } }, owner: program },
        }));
      return { json: { jsonrpc: '2.0', id: rpc.id, result: { context: { slot: 1 }, value } } };
    }
    return { json: { jsonrpc: '2.0', id: rpc.id, error: { code: -32601, message: 'Method not found' } } };
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      // "@@n@@" marks a u64 written as a bare JSON number.
      const text = JSON.stringify(route(Buffer.concat(chunks).toString('utf8')).json).replace(/"@@(\d+)@@"/g, '$1');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    methods,
    calls,
    transactions,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
