// A fake EVM JSON-RPC node on 127.0.0.1: eth_chainId, eth_getCode, eth_getBalance and eth_call,
// the latter answering ERC-20 decimals/balanceOf and multicall3 (aggregate3, getEthBalance) from
// its tables, encoded with viem's ABI coder as a real node's contracts would answer.
import { decodeFunctionData, encodeFunctionResult, erc20Abi, multicall3Abi, type Hex } from 'viem';
import { startFake, type FakeServer } from './http-fake.js';

export const MULTICALL3 = '0xca11bde05977b3631167028862be2a173976ca11';

export interface FakeEvmChain {
  chainId: number;
  /** Whether multicall3 is deployed at its canonical address. */
  multicall: boolean;
  /** Wei per address (lower-case keys). */
  native: Record<string, bigint>;
  /** Token contracts (lower-case keys): decimals and balances per holder. */
  tokens: Record<string, { decimals: number; balances: Record<string, bigint> }>;
  /** Other contracts (lower-case keys), such as a DEX quoter: calldata in, return data out, undefined to revert. */
  contracts?: Record<string, (data: Hex) => Hex | undefined>;
}

type Outcome = { ok: true; data: Hex } | { ok: false };

function callContract(chain: FakeEvmChain, to: string, data: Hex): Outcome {
  const target = to.toLowerCase();
  if (target === MULTICALL3 && chain.multicall) {
    const call = decodeFunctionData({ abi: multicall3Abi, data });
    if (call.functionName === 'getEthBalance') {
      const [who] = call.args as [string];
      return { ok: true, data: encodeFunctionResult({ abi: multicall3Abi, functionName: 'getEthBalance', result: chain.native[who.toLowerCase()] ?? 0n }) };
    }
    if (call.functionName === 'aggregate3') {
      const [calls] = call.args as [readonly { target: string; allowFailure: boolean; callData: Hex }[]];
      const results = calls.map((inner) => {
        const outcome = callContract(chain, inner.target, inner.callData);
        return outcome.ok ? { success: true, returnData: outcome.data } : { success: false, returnData: '0x' as Hex };
      });
      return { ok: true, data: encodeFunctionResult({ abi: multicall3Abi, functionName: 'aggregate3', result: results }) };
    }
  }
  const other = chain.contracts?.[target];
  if (other) {
    const data2 = other(data);
    return data2 === undefined ? { ok: false } : { ok: true, data: data2 };
  }
  const token = chain.tokens[target];
  if (!token) return { ok: false };
  const call = decodeFunctionData({ abi: erc20Abi, data });
  if (call.functionName === 'decimals') return { ok: true, data: encodeFunctionResult({ abi: erc20Abi, functionName: 'decimals', result: token.decimals }) };
  if (call.functionName === 'balanceOf') {
    const [who] = call.args as [string];
    return { ok: true, data: encodeFunctionResult({ abi: erc20Abi, functionName: 'balanceOf', result: token.balances[who.toLowerCase()] ?? 0n }) };
  }
  return { ok: false };
}

function answer(chain: FakeEvmChain, method: string, params: unknown[]): { result: unknown } | { error: { code: number; message: string } } {
  switch (method) {
    case 'eth_chainId':
      return { result: `0x${chain.chainId.toString(16)}` };
    case 'eth_getCode':
      return { result: String(params[0]).toLowerCase() === MULTICALL3 && chain.multicall ? '0x6080604052' : '0x' };
    case 'eth_getBalance':
      return { result: `0x${(chain.native[String(params[0]).toLowerCase()] ?? 0n).toString(16)}` };
    case 'eth_call': {
      const { to, data } = params[0] as { to: string; data: Hex };
      const outcome = callContract(chain, to, data);
      return outcome.ok ? { result: outcome.data } : { error: { code: 3, message: 'execution reverted' } };
    }
    default:
      return { error: { code: -32601, message: `the method ${method} does not exist/is not available` } };
  }
}

export interface FakeEvmNode extends FakeServer {
  /** The JSON-RPC methods asked, in order (eth_call to multicall3 counted as "multicall"). */
  methods(): string[];
}

export async function startFakeEvmNode(chain: FakeEvmChain): Promise<FakeEvmNode> {
  const server = await startFake((request) => {
    const body = JSON.parse(request.body) as { id: number; method: string; params: unknown[] } | { id: number; method: string; params: unknown[] }[];
    const one = (rpc: { id: number; method: string; params: unknown[] }) => ({ jsonrpc: '2.0', id: rpc.id, ...answer(chain, rpc.method, rpc.params) });
    return { json: Array.isArray(body) ? body.map(one) : one(body) };
  });
  const methods = () =>
    server.requests.flatMap((request) => {
      const body = JSON.parse(request.body) as { method: string; params: unknown[] } | { method: string; params: unknown[] }[];
      return (Array.isArray(body) ? body : [body]).map((rpc) => (rpc.method === 'eth_call' && String((rpc.params[0] as { to: string }).to).toLowerCase() === MULTICALL3 ? 'multicall' : rpc.method));
    });
  return { ...server, methods };
}
