// A fake Jupiter API on 127.0.0.1 with Jupiter's paths and JSON: GET /swap/v1/quote (exact in,
// through constant-product pools, a pool's volume split over DEX labels), POST /swap/v1/swap (an
// unsigned v0 transaction, base64) and GET /price/v3 (usdPrice written as the bare JSON number
// given, digits a float cannot hold included). Checks x-api-key when given one; keeps every
// request and every quote it answered; `failNext` answers the next request with an error.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Decimal } from '../../src/money.js';

export interface FakePool {
  /** Reserves in base units; the price is quoteReserve/baseReserve. */
  base: { mint: string; reserve: bigint };
  quote: { mint: string; reserve: bigint };
  feeBps: number;
  /** The DEXes the volume is split over, with their percent (summing to 100). */
  legs: { label: string; percent: number }[];
}

export interface FakeJupiterOptions {
  pools: FakePool[];
  /** usdPrice by mint, as the JSON number's text. */
  prices?: Record<string, string>;
  decimals?: Record<string, number>;
  apiKey?: string;
  transaction?: string;
}

export interface FakeJupiterRequest {
  method: string;
  path: string;
  params: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface FakeJupiter {
  url: string;
  requests: FakeJupiterRequest[];
  /** Every quote answered, as sent. */
  quotes: Record<string, unknown>[];
  failNext(status: number, body: unknown): void;
  /** Basis points Jupiter takes off the threshold beyond the slippage asked (a quote that guarantees less). */
  extraThresholdBps: number;
  close(): Promise<void>;
}

/** An unsigned v0 transaction: one empty signature slot, then a message. */
export const UNSIGNED_TX = Buffer.concat([Buffer.from([1]), Buffer.alloc(64), Buffer.from([0x80, 1, 0, 1]), Buffer.alloc(96, 7)]).toString('base64');

export async function startFakeJupiter(options: FakeJupiterOptions): Promise<FakeJupiter> {
  const requests: FakeJupiterRequest[] = [];
  const quotes: Record<string, unknown>[] = [];
  let failure: { status: number; body: unknown } | undefined;
  const fake = { extraThresholdBps: 0 };

  const quote = (params: URLSearchParams): { status: number; json: unknown } => {
    const [inputMint, outputMint] = [params.get('inputMint') ?? '', params.get('outputMint') ?? ''];
    const amount = BigInt(params.get('amount') ?? '0');
    const slippageBps = Number(params.get('slippageBps') ?? 50);
    const pool = options.pools.find((p) => (p.base.mint === inputMint && p.quote.mint === outputMint) || (p.quote.mint === inputMint && p.base.mint === outputMint));
    if (!pool || amount <= 0n) return { status: 400, json: { error: 'Could not find any route', errorCode: 'COULD_NOT_FIND_ANY_ROUTE' } };
    const [from, to] = pool.base.mint === inputMint ? [pool.base, pool.quote] : [pool.quote, pool.base];
    let given = 0n;
    const routePlan = pool.legs.map((leg, index) => {
      // Each leg trades its percent of the amount against its percent of the reserves (one price).
      const legIn = index === pool.legs.length - 1 ? amount - given : (amount * BigInt(leg.percent)) / 100n;
      given += legIn;
      const fee = (legIn * BigInt(pool.feeBps)) / 10_000n;
      const net = legIn - fee;
      const [x, y] = [(from.reserve * BigInt(leg.percent)) / 100n, (to.reserve * BigInt(leg.percent)) / 100n];
      const out = (net * y) / (x + net);
      return { swapInfo: { ammKey: `Amm${index}${inputMint.slice(0, 8)}`, label: leg.label, inputMint, outputMint, inAmount: legIn.toString(), outAmount: out.toString(), feeAmount: fee.toString(), feeMint: inputMint }, percent: leg.percent, bps: leg.percent * 100 };
    });
    const outAmount = routePlan.reduce((sum, step) => sum + BigInt(step.swapInfo.outAmount), 0n);
    const net = amount - routePlan.reduce((sum, step) => sum + BigInt(step.swapInfo.feeAmount), 0n);
    const impact = new Decimal(1).minus(new Decimal(outAmount.toString()).times(from.reserve.toString()).div(new Decimal(net.toString()).times(to.reserve.toString())));
    const threshold = (outAmount * BigInt(10_000 - slippageBps - fake.extraThresholdBps)) / 10_000n;
    const json = { inputMint, inAmount: amount.toString(), outputMint, outAmount: outAmount.toString(), otherAmountThreshold: threshold.toString(), swapMode: 'ExactIn', slippageBps, platformFee: null, priceImpactPct: impact.toSignificantDigits(6).toFixed(), routePlan, contextSlot: 324307186, timeTaken: 0.012 };
    quotes.push(json);
    return { status: 200, json };
  };

  const route = (request: FakeJupiterRequest): { status: number; json: unknown } => {
    if (options.apiKey !== undefined && request.headers['x-api-key'] !== options.apiKey) return { status: 401, json: { code: 401, message: 'Unauthorized' } };
    if (failure) {
      const answer = { status: failure.status, json: failure.body };
      failure = undefined;
      return answer;
    }
    if (request.method === 'GET' && request.path === '/swap/v1/quote') return quote(request.params);
    if (request.method === 'POST' && request.path === '/swap/v1/swap') {
      const body = JSON.parse(request.body) as { userPublicKey?: string; quoteResponse?: unknown };
      if (!body.userPublicKey || !body.quoteResponse) return { status: 400, json: { error: 'userPublicKey and quoteResponse are required' } };
      return { status: 200, json: { swapTransaction: options.transaction ?? UNSIGNED_TX, lastValidBlockHeight: 279632475, prioritizationFeeLamports: 9999, computeUnitLimit: 388876, prioritizationType: { computeBudget: { microLamports: 25707, estimatedMicroLamports: 25707 } }, dynamicSlippageReport: null, simulationError: null } };
    }
    if (request.method === 'GET' && request.path === '/price/v3') {
      const ids = (request.params.get('ids') ?? '').split(',').filter(Boolean);
      const priced = ids.filter((id) => options.prices?.[id] !== undefined);
      return { status: 200, json: Object.fromEntries(priced.map((id) => [id, { createdAt: '2024-06-05T08:55:25.527Z', liquidity: 621679197.67, usdPrice: `@@${options.prices![id]}@@`, blockId: 348004023, decimals: options.decimals?.[id] ?? 6, priceChange24h: 1.29 }])) };
    }
    return { status: 404, json: { message: 'Route not found' } };
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const [path = '/', query = ''] = (req.url ?? '/').split('?', 2);
      const request = { method: req.method ?? 'GET', path, params: new URLSearchParams(query), headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(request);
      const answer = route(request);
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      // "@@n@@" marks a number written with exactly the digits given.
      res.end(JSON.stringify(answer.json).replace(/"@@(-?[\d.eE+-]+)@@"/g, '$1'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}`,
    requests,
    quotes,
    failNext: (status: number, body: unknown) => {
      failure = { status, body };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
