// Booking a signed swap, in process, through a DEX venue written against the port (a constant-
// product pool with readSwap answering from a table): the legs handed out are kept in the ledger;
// a buy becomes a lot whose cost is exactly what was paid (the pool fee booked apart from a gross
// total, never twice); a second listing replaces nothing booked; one transaction books one swap;
// a reverted one marks the leg failed and books nothing. And the rules as a table: the fill check.
import { describe, expect, it } from 'vitest';
import { Decimal } from '../src/money.js';
import type { DisposalRecord, StoredSwapLeg } from '../src/ports.js';
import { createSession, listSwaps, recordSwap } from '../src/rebalancer.js';
import { fillMismatch, swapTrades } from '../src/rebalancer/swaps/swap-trades.js';
import { DEX_YAML, dexWorld, WALLET } from './helpers/dex-world.js';

const d = (value: string | number) => new Decimal(value);
// ETH 30% of 100,000 against a 50% target: the plan buys ETH on the DEX with the USDC there.
const BUY_YAML = DEX_YAML().replace('targets: {ETH: 25%, BTC: 25%, USDC: 50%}', 'targets: {ETH: 50%, BTC: 10%, USDC: 40%}').replace('balances: {ETH: "10", USDC: "10000"}', 'balances: {ETH: "10", USDC: "30000"}');
const TX = `0x${'Ab'.repeat(32)}`;
const AT = new Date('2026-11-23T13:59:30Z');

describe('recordSwap: a signed DEX buy booked like a filled order', () => {
  it('books the buy as a lot costing exactly the USDC paid, once; a listing again replaces nothing booked; the transaction books no other swap', async () => {
    const receipts: NonNullable<Parameters<typeof dexWorld>[0]>['receipts'] = {};
    const world = await dexWorld({ receipts, balances: { ETH: '10', USDC: '30000' } }, BUY_YAML);
    const { ledger } = world.deps;
    const listing = await listSwaps(createSession(world.deps), { newRunId: () => 'swaps-1' });
    const buy = listing.legs.find((leg) => leg.side === 'buy')!;
    const leg = ledger.swapLeg(buy.client_order_id)!;
    expect(leg).toMatchObject({ status: 'to_sign', venue: 'uniswap', symbol: 'ETH/USDC', side: 'buy', base: 'ETH', quote: 'USDC', from: WALLET, runId: 'swaps-1', taxSent: false });
    expect([leg.quantity.toFixed(), leg.amountIn.toFixed(), leg.minAmountOut.toFixed(), leg.quoteValue.toFixed(), leg.feeRate.toFixed()]).toEqual([buy.quantity, buy.amount_in, buy.min_amount_out, '1', '0.003']);

    // The chain: exactly the USDC the swap was built with went in, a little more ETH than the minimum came out.
    const paid = leg.amountIn;
    const got = leg.minAmountOut.plus('0.0005');
    receipts[TX.toLowerCase()] = { status: 'confirmed', at: AT, amountIn: paid, amountOut: got, networkFee: d('0.0021'), networkFeeAsset: 'ETH' };
    const sent: DisposalRecord[][] = [];
    const sink = { record: async (records: readonly DisposalRecord[]) => void sent.push([...records]) };
    const booked = await recordSwap(createSession(world.deps), sink, { clientOrderId: ` ${leg.clientOrderId}`, transaction: TX });
    expect(booked.kind).toBe('booked');
    const trades = ledger.trades({ asset: 'ETH' });
    expect(trades.map((t) => [t.id, t.side, t.quantity.toFixed(), t.rebalanceId, t.executedAt.toISOString()])).toEqual([[leg.clientOrderId, 'buy', got.toFixed(), 'swaps-1', AT.toISOString()]]);
    expect(trades[0]!.fee.toFixed()).toBe(paid.times('0.003').toFixed());
    expect(trades[0]!.total!.plus(trades[0]!.fee).toFixed()).toBe(paid.toFixed());
    const lot = createSession(world.deps).taxState().lots.find((l) => l.asset === 'ETH' && l.venue === 'uniswap' && l.quantity.eq(got));
    expect(lot?.cost.toFixed()).toBe(paid.toFixed());
    expect(sent).toEqual([]);
    expect(ledger.swapLeg(leg.clientOrderId)).toMatchObject({ status: 'booked', taxSent: true, fill: { transaction: TX.toLowerCase(), amountIn: paid, amountOut: got } });

    // The same transaction again: nothing added.
    expect((await recordSwap(createSession(world.deps), sink, { clientOrderId: leg.clientOrderId, transaction: TX.toUpperCase().replace('0X', '0x') })).kind).toBe('already_booked');
    expect(ledger.trades({ asset: 'ETH' })).toHaveLength(1);
    // The same plan listed again under the same run id: the booked leg stays booked.
    await listSwaps(createSession(world.deps), { newRunId: () => 'swaps-1' });
    expect(ledger.swapLeg(leg.clientOrderId)?.status).toBe('booked');
    // A new listing hands out a new leg; the booked transaction cannot book it.
    const second = (await listSwaps(createSession(world.deps), { newRunId: () => 'swaps-2' })).legs.find((l) => l.side === 'buy')!;
    await expect(recordSwap(createSession(world.deps), sink, { clientOrderId: second.client_order_id, transaction: TX })).rejects.toThrow(`Transaction ${TX.toLowerCase()} is already booked as swap ${leg.clientOrderId}`);
    world.close();
  });

  it('a reverted transaction marks the leg failed and books nothing; one not found writes nothing', async () => {
    const receipts: NonNullable<Parameters<typeof dexWorld>[0]>['receipts'] = { [TX.toLowerCase()]: { status: 'failed', at: AT, reason: 'reverted: Too little received' } };
    const world = await dexWorld({ receipts });
    const { ledger } = world.deps;
    const [sale] = (await listSwaps(createSession(world.deps), { newRunId: () => 'swaps-1' })).legs;
    const missing = await recordSwap(createSession(world.deps), undefined, { clientOrderId: sale!.client_order_id, transaction: `0x${'cd'.repeat(32)}` });
    expect([missing.kind, ledger.swapLeg(sale!.client_order_id)?.status]).toEqual(['not_found', 'to_sign']);
    const failed = await recordSwap(createSession(world.deps), undefined, { clientOrderId: sale!.client_order_id, transaction: TX });
    expect(failed).toMatchObject({ kind: 'failed', reason: 'reverted: Too little received' });
    expect(ledger.swapLeg(sale!.client_order_id)).toMatchObject({ status: 'failed', failure: { transaction: TX.toLowerCase(), reason: 'reverted: Too little received', at: AT } });
    expect(ledger.trades({ asset: 'ETH' })).toEqual([]);
    world.close();
  });
});

const leg = (over: Partial<StoredSwapLeg>): StoredSwapLeg => ({
  clientOrderId: 'c1', runId: 'r1', venue: 'uniswap', symbol: 'WETH/USDC', side: 'sell', base: 'WETH', quote: 'USDC',
  quantity: d('3.3'), amountIn: d('3.3'), amountOut: d('9710'), minAmountOut: d('9224.5'), feeRate: d('0.003'), baseUnit: d('1e-18'), quoteUnit: d('0.000001'),
  quoteValue: d('1'), assetClass: 'crypto', lots: [], from: WALLET, createdAt: AT, status: 'to_sign', taxSent: false, ...over,
});

describe('the fill check: is this transaction this swap?', () => {
  it.each([
    ['a sale of exactly the planned quantity, above the minimum', leg({}), '3.3', '9300', undefined],
    ['a sale one base unit off (the chain rounds)', leg({}), '3.299999999999999999', '9300', undefined],
    ['a sale two base units off', leg({}), '3.299999999999999998', '9300', 'the transaction put in 3.299999999999999998 WETH, but this swap puts in 3.3 WETH'],
    ['a sale paying out less than the minimum', leg({}), '3.3', '9224.499999', "the transaction paid out 9224.499999 USDC, below this swap's minimum of 9224.5 USDC"],
    ['a buy putting in the quote it was built with', leg({ side: 'buy', amountIn: d('9800'), minAmountOut: d('3.1') }), '9800', '3.2', undefined],
    ['a buy putting in more quote', leg({ side: 'buy', amountIn: d('9800'), minAmountOut: d('3.1') }), '9800.01', '3.2', 'the transaction put in 9800.01 USDC, but this swap puts in 9800 USDC'],
  ])('%s', (_name, swap, amountIn, amountOut, problem) => {
    expect(fillMismatch(swap, { at: AT, amountIn: d(amountIn), amountOut: d(amountOut) })).toBe(problem);
  });

  it('a sale under specific identification is split over the chosen lots; totals and fees add up to the whole exactly', () => {
    const sale = leg({ lots: [{ lotId: 'L1', quantity: d('1.1') }, { lotId: 'L2', quantity: d('5') }], quoteValue: d('0.9998') });
    const trades = swapTrades(sale, { at: AT, amountIn: d('3.3'), amountOut: d('9710.450123') }, 'USD');
    expect(trades.map((t) => [t.id, t.lotRef, t.quantity.toFixed()])).toEqual([['c1#1', 'L1', '1.1'], ['c1#2', 'L2', '2.2']]);
    const sum = (pick: (t: (typeof trades)[number]) => Decimal) => trades.reduce((acc, t) => acc.plus(pick(t)), d(0));
    const received = d('9710.450123').times('0.9998');
    expect(sum((t) => t.fee).toFixed()).toBe(received.times('0.003').toFixed());
    expect(sum((t) => t.total!).minus(sum((t) => t.fee)).toFixed()).toBe(received.toFixed());
  });
});
