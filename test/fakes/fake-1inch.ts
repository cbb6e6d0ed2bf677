// A fake of 1inch's Swap API v6.0 on 127.0.0.1: GET /swap/v6.0/{chainId}/quote, /swap,
// /approve/allowance and /approve/transaction with 1inch's parameter names and JSON, the API key
// checked in the `Authorization: Bearer` header, and errors in 1inch's own shape
// ({statusCode, error, description, requestId, meta}). What a swap pays is the test's `quote`
// function; approve calldata is a real ERC-20 approve() encoded with viem.
import { encodeFunctionData, erc20Abi, type Address } from 'viem';
import { startFake, type FakeAnswer, type FakeRequest, type FakeServer } from './http-fake.js';

export const NATIVE = '0xeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee';
const MAX_UINT256 = 2n ** 256n - 1n;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

export interface Fake1inchOptions {
  apiKey: string;
  chainId: number;
  /** The 1inch router: the spender of approvals and the swap's `to`. */
  router: string;
  /** Base units of `dst` for `amount` base units of `src` (lower-case addresses); undefined: no route. */
  quote(src: string, dst: string, amount: bigint): bigint | undefined;
  /** Allowance of the router per token, then per wallet (lower-case keys). */
  allowances?: Record<string, Record<string, bigint>>;
}

/** What a test may change between calls to make the fake misbehave. */
export interface Fake1inchState {
  /** The swap's dstAmount is this many basis points below the quote (the market moved). */
  swapShortfallBp: bigint;
  /** Sign the swap's tx for this address instead of `from`. */
  swapFrom?: string | undefined;
  /** Ignore `amount` and approve an unlimited allowance, as 1inch does when none is given. */
  approveUnlimited: boolean;
}

export interface Fake1inch extends FakeServer {
  state: Fake1inchState;
  /** Answers the next `times` requests with `answer` (a 429, a 500, an answer of the wrong shape). */
  failNext(answer: FakeAnswer, times?: number): void;
  /** Forgets the requests, the queued failures and the misbehaviour set by a test. */
  reset(): void;
  /** The requests of one endpoint ("quote", "swap", "approve/allowance", "approve/transaction"). */
  calls(endpoint: string): FakeRequest[];
}

/** An answer in 1inch's error format. */
export function oneInchError(status: number, error: string, description: string): FakeAnswer {
  return { status, json: { statusCode: status, error, description, requestId: 'f0e1d2c3-0000-4000-8000-000000000001', meta: [] } };
}

const badRequest = (description: string) => oneInchError(400, 'Bad Request', description);
const pad = (value: bigint) => value.toString(16).padStart(64, '0');

export async function startFake1inch(options: Fake1inchOptions): Promise<Fake1inch> {
  const state: Fake1inchState = { swapShortfallBp: 0n, approveUnlimited: false };
  const failures: FakeAnswer[] = [];
  const allowanceOf = (token: string, wallet: string) => options.allowances?.[token.toLowerCase()]?.[wallet.toLowerCase()] ?? 0n;
  const prefix = `/swap/v6.0/${options.chainId}/`;

  const routes: Record<string, (params: URLSearchParams) => FakeAnswer> = {
    quote(params) {
      const asked = swapInputs(params);
      if ('json' in asked) return asked;
      const out = options.quote(asked.src, asked.dst, asked.amount);
      return out === undefined ? badRequest('insufficient liquidity') : { json: { dstAmount: out.toString() } };
    },
    swap(params) {
      const asked = swapInputs(params);
      if ('json' in asked) return asked;
      const from = params.get('from') ?? '';
      const slippage = Number(params.get('slippage'));
      if (!ADDRESS.test(from)) return badRequest('from must be an Ethereum address');
      if (params.get('slippage') === null || !(slippage >= 0 && slippage <= 50)) return badRequest('slippage must be a number between 0 and 50');
      const native = asked.src === NATIVE;
      if (!native && params.get('disableEstimate') !== 'true' && allowanceOf(asked.src, from) < asked.amount) return badRequest('Not enough allowance');
      const out = options.quote(asked.src, asked.dst, asked.amount);
      if (out === undefined) return badRequest('insufficient liquidity');
      const dstAmount = (out * (10_000n - state.swapShortfallBp)) / 10_000n;
      const minReturn = (dstAmount * BigInt(Math.round((100 - slippage) * 100))) / 10_000n;
      const tx = { from: state.swapFrom ?? from, to: options.router, data: `0x07ed2379${pad(asked.amount)}${pad(minReturn)}`, value: native ? asked.amount.toString() : '0', gas: 0, gasPrice: '12000000000' };
      return { json: { dstAmount: dstAmount.toString(), tx } };
    },
    'approve/allowance'(params) {
      const token = params.get('tokenAddress') ?? '';
      const wallet = params.get('walletAddress') ?? '';
      if (!ADDRESS.test(token) || !ADDRESS.test(wallet)) return badRequest('tokenAddress and walletAddress must be Ethereum addresses');
      return { json: { allowance: allowanceOf(token, wallet).toString() } };
    },
    'approve/transaction'(params) {
      const token = params.get('tokenAddress') ?? '';
      if (!ADDRESS.test(token)) return badRequest('tokenAddress must be an Ethereum address');
      const written = params.get('amount');
      const amount = written === null || state.approveUnlimited ? MAX_UINT256 : BigInt(written);
      const data = encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [options.router as Address, amount] });
      return { json: { data, gasPrice: '12000000000', to: token, value: '0' } };
    },
  };

  const server = await startFake((request) => {
    if (request.headers.authorization !== `Bearer ${options.apiKey}`) return oneInchError(401, 'Unauthorized', 'Unauthorized');
    const failure = failures.shift();
    if (failure) return failure;
    if (request.method !== 'GET' || !request.path.startsWith(prefix)) return oneInchError(404, 'Not Found', `Cannot ${request.method} ${request.path}`);
    const route = routes[request.path.slice(prefix.length)];
    return route ? route(request.params) : oneInchError(404, 'Not Found', `Cannot GET ${request.path}`);
  });
  return {
    ...server,
    state,
    failNext(answer, times = 1) {
      for (let i = 0; i < times; i++) failures.push(answer);
    },
    reset() {
      server.requests.length = 0;
      failures.length = 0;
      Object.assign(state, { swapShortfallBp: 0n, swapFrom: undefined, approveUnlimited: false });
    },
    calls: (endpoint) => server.requests.filter((request) => request.path === `${prefix}${endpoint}`),
  };
}

function swapInputs(params: URLSearchParams): { src: string; dst: string; amount: bigint } | FakeAnswer {
  const src = params.get('src') ?? '';
  const dst = params.get('dst') ?? '';
  const amount = params.get('amount') ?? '';
  if (!ADDRESS.test(src)) return badRequest('src must be an Ethereum address');
  if (!ADDRESS.test(dst)) return badRequest('dst must be an Ethereum address');
  if (!/^[1-9]\d*$/.test(amount)) return badRequest('amount must be a positive integer string');
  return { src: src.toLowerCase(), dst: dst.toLowerCase(), amount: BigInt(amount) };
}
