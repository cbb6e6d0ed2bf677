// A fake EVM JSON-RPC node on 127.0.0.1: eth_chainId, eth_getCode, eth_getBalance and eth_call,
// the latter answering ERC-20 decimals/balanceOf/allowance and multicall3 (aggregate3,
// getEthBalance) from its tables, encoded with viem's ABI coder as a real node's contracts would
// answer. Sent transactions (`transactions:`, which a test may add to while the node runs) answer
// eth_getTransactionByHash, eth_getTransactionReceipt (ERC-20 Transfer logs with the real topic,
// indexed from/to and the amount as data) and eth_getBlockByHash/ByNumber (their block's time). DEX contracts (a Uniswap V3 QuoterV2, a V2 router) can be backed by constant-product
// pools, so a quote's output falls with its size as a real pool's does.
import { decodeFunctionData, encodeAbiParameters, encodeEventTopics, encodeFunctionResult, erc20Abi, multicall3Abi, parseAbi, type Hex } from 'viem';
import { startFake, type FakeServer } from './http-fake.js';

export const MULTICALL3 = '0xca11bde05977b3631167028862be2a173976ca11';

export interface FakeEvmChain {
  chainId: number;
  /** Whether multicall3 is deployed at its canonical address. */
  multicall: boolean;
  /** Wei per address (lower-case keys). */
  native: Record<string, bigint>;
  /** Token contracts (lower-case keys): decimals, balances per holder, allowances per owner and spender (lower-case). */
  tokens: Record<string, { decimals: number; balances: Record<string, bigint>; allowances?: Record<string, Record<string, bigint>> }>;
  /** Other contracts (lower-case keys), such as a DEX quoter: calldata in, return data out, undefined to revert. */
  contracts?: Record<string, (data: Hex) => Hex | undefined>;
  /** Sent transactions by hash (lower-case): without `mined`, still pending in the mempool. */
  transactions?: Record<string, FakeTransaction>;
}

/** One ERC-20 Transfer event of a mined transaction. */
export interface FakeTransfer {
  token: string;
  from: string;
  to: string;
  amount: bigint;
}

export interface FakeTransaction {
  from: string;
  to: string;
  /** Wei sent with it. */
  value?: bigint;
  mined?: { status: 'success' | 'reverted'; blockNumber: bigint; timestamp: Date; gasUsed: bigint; effectiveGasPrice: bigint; transfers: FakeTransfer[] };
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
  if (call.functionName === 'allowance') {
    const [owner, spender] = call.args as [string, string];
    return { ok: true, data: encodeFunctionResult({ abi: erc20Abi, functionName: 'allowance', result: token.allowances?.[owner.toLowerCase()]?.[spender.toLowerCase()] ?? 0n }) };
  }
  return { ok: false };
}

const hex = (value: bigint | number) => `0x${value.toString(16)}`;
const blockHash = (number: bigint): Hex => `0x${number.toString(16).padStart(64, '0')}`;

function transactionJson(hash: string, tx: FakeTransaction) {
  const mined = tx.mined;
  return {
    hash, from: tx.from, to: tx.to, value: hex(tx.value ?? 0n), input: '0x', nonce: '0x0', gas: '0x30d40', gasPrice: hex(mined?.effectiveGasPrice ?? 1n), maxFeePerGas: hex(mined?.effectiveGasPrice ?? 1n), maxPriorityFeePerGas: '0x0',
    type: '0x2', chainId: '0x1', v: '0x0', r: '0x1', s: '0x1', yParity: '0x0', accessList: [],
    blockHash: mined ? blockHash(mined.blockNumber) : null, blockNumber: mined ? hex(mined.blockNumber) : null, transactionIndex: mined ? '0x0' : null,
  };
}

function receiptJson(hash: string, tx: FakeTransaction) {
  const mined = tx.mined!;
  const where = { blockHash: blockHash(mined.blockNumber), blockNumber: hex(mined.blockNumber), transactionHash: hash, transactionIndex: '0x0', removed: false };
  const logs = mined.transfers.map((transfer, index) => ({
    ...where,
    address: transfer.token,
    topics: encodeEventTopics({ abi: erc20Abi, eventName: 'Transfer', args: { from: transfer.from as Hex, to: transfer.to as Hex } }),
    data: encodeAbiParameters([{ type: 'uint256' }], [transfer.amount]),
    logIndex: hex(index),
  }));
  return {
    ...where, from: tx.from, to: tx.to, contractAddress: null, logs, logsBloom: `0x${'0'.repeat(512)}`, type: '0x2',
    status: mined.status === 'success' ? '0x1' : '0x0', gasUsed: hex(mined.gasUsed), cumulativeGasUsed: hex(mined.gasUsed), effectiveGasPrice: hex(mined.effectiveGasPrice),
  };
}

function blockJson(chain: FakeEvmChain, number: bigint) {
  const mined = Object.values(chain.transactions ?? {}).find((tx) => tx.mined?.blockNumber === number)?.mined;
  if (!mined) return null;
  return {
    number: hex(number), hash: blockHash(number), parentHash: blockHash(number - 1n), timestamp: hex(Math.floor(mined.timestamp.getTime() / 1000)), nonce: '0x0000000000000000', difficulty: '0x0', totalDifficulty: null,
    gasLimit: '0x1c9c380', gasUsed: hex(mined.gasUsed), miner: `0x${'0'.repeat(40)}`, extraData: '0x', baseFeePerGas: '0x1', size: '0x100', logsBloom: `0x${'0'.repeat(512)}`,
    sha3Uncles: blockHash(0n), stateRoot: blockHash(0n), receiptsRoot: blockHash(0n), transactionsRoot: blockHash(0n), mixHash: blockHash(0n), transactions: [], uncles: [],
  };
}

function answer(chain: FakeEvmChain, method: string, params: unknown[]): { result: unknown } | { error: { code: number; message: string } } {
  const sent = (hash: unknown) => chain.transactions?.[String(hash).toLowerCase()];
  switch (method) {
    case 'eth_getTransactionByHash': {
      const tx = sent(params[0]);
      return { result: tx ? transactionJson(String(params[0]).toLowerCase(), tx) : null };
    }
    case 'eth_getTransactionReceipt': {
      const tx = sent(params[0]);
      return { result: tx?.mined ? receiptJson(String(params[0]).toLowerCase(), tx) : null };
    }
    case 'eth_getBlockByHash':
      return { result: blockJson(chain, BigInt(String(params[0]))) };
    case 'eth_getBlockByNumber':
      return { result: blockJson(chain, BigInt(String(params[0]))) };
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

/** A constant-product pool (x * y = k) of two tokens; `fee` in millionths (3000 = 0.3%), taken from the input. */
export interface FakePool {
  tokens: [string, string];
  reserves: [bigint, bigint];
  fee: number;
  /** The most input the quoter takes before it reverts, as a V3 pool whose liquidity runs out at some price. */
  maxIn?: bigint;
}

/**
 * What `amountIn` of `tokenIn` takes out of the pool, floored as Uniswap V2's getAmountOut does
 * (amountIn x (1 - fee) x reserveOut / (reserveIn + amountIn x (1 - fee))); undefined when the pool
 * does not hold `tokenIn`, the input is zero or above `maxIn` (the contracts revert).
 */
export function constantProductOut(pool: FakePool, tokenIn: string, amountIn: bigint): bigint | undefined {
  const index = pool.tokens.findIndex((token) => token.toLowerCase() === tokenIn.toLowerCase());
  if (index < 0 || amountIn <= 0n || (pool.maxIn !== undefined && amountIn > pool.maxIn)) return undefined;
  const [reserveIn, reserveOut] = index === 0 ? pool.reserves : [pool.reserves[1], pool.reserves[0]];
  const withFee = amountIn * BigInt(1_000_000 - pool.fee);
  return (withFee * reserveOut) / (reserveIn * 1_000_000n + withFee);
}

// The deployed contracts' signatures, written out here so that the fake does not share the adapter's ABIs.
const quoterV2 = parseAbi(['function quoteExactInputSingle((address tokenIn, address tokenOut, uint256 amountIn, uint24 fee, uint160 sqrtPriceLimitX96) params) returns (uint256 amountOut, uint160 sqrtPriceX96After, uint32 initializedTicksCrossed, uint256 gasEstimate)']);
const v2Router = parseAbi(['function getAmountsOut(uint256 amountIn, address[] path) view returns (uint256[] amounts)']);

const poolOf = (pools: readonly FakePool[], a: string, b: string, fee?: number) =>
  pools.find((pool) => (fee === undefined || pool.fee === fee) && [a, b].every((token) => pool.tokens.some((held) => held.toLowerCase() === token.toLowerCase())) && a.toLowerCase() !== b.toLowerCase());

/** A Uniswap V3 QuoterV2 over `pools`: the pool of the pair at the asked fee tier, else a revert. */
export function fakeQuoterV2(pools: readonly FakePool[]): (data: Hex) => Hex | undefined {
  return (data) => {
    const [params] = decodeFunctionData({ abi: quoterV2, data }).args;
    const pool = poolOf(pools, params.tokenIn, params.tokenOut, params.fee);
    const out = pool && constantProductOut(pool, params.tokenIn, params.amountIn);
    return out === undefined ? undefined : encodeFunctionResult({ abi: quoterV2, functionName: 'quoteExactInputSingle', result: [out, 0n, 1, 90_000n] });
  };
}

/** A V2 router over `pools` (one pool per pair, its own fee): getAmountsOut along a direct path, else a revert. */
export function fakeV2Router(pools: readonly FakePool[]): (data: Hex) => Hex | undefined {
  return (data) => {
    const [amountIn, path] = decodeFunctionData({ abi: v2Router, data }).args;
    const [tokenIn, tokenOut] = path;
    const pool = path.length === 2 ? poolOf(pools, tokenIn!, tokenOut!) : undefined;
    const out = pool && constantProductOut(pool, tokenIn!, amountIn);
    return out === undefined ? undefined : encodeFunctionResult({ abi: v2Router, functionName: 'getAmountsOut', result: [amountIn, out] });
  };
}
