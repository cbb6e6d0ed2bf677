// Booking a signed DEX swap through the built CLI, with the real uniswap adapter (viem) against a
// fake JSON-RPC node: a standalone execute hands the WETH sale out to sign and remembers it in the
// ledger; the node then holds the wallet's transaction (a receipt with its Transfer logs);
// `kit rebalance swaps record <id> --tx <hash>` reads it back and books it: the trade, the lots it
// disposed of (tax report), the tax sink's records; a second recording adds nothing; a transaction
// paying out less than the swap's minimum, one not mined yet and an unknown id are refused.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { swapRecordJsonSchema } from '../src/cli/swap-record-json.js';
import { Decimal } from '../src/money.js';
import { constantProductOut, type FakeEvmChain, type FakeEvmNode } from './fakes/fake-evm-node.js';
import { ALICE, POOL, SWAP_ROUTER02, USDC, uniswapWorld, WETH } from './helpers/uniswap-world.js';
import { runKit, tempDir, writeConfig } from './helpers/run-kit.js';

const POOL_ADDRESS = '0x4444444444444444444444444444444444444444';
const STATE = 'plugin-data/portfolio-rebalancer';
const hash = (n: number) => `0x${n.toString(16).padStart(64, 'b')}`;

let node: FakeEvmNode | undefined;
afterEach(() => node?.close());

async function world(): Promise<{ chain: FakeEvmChain; config: string }> {
  const built = await uniswapWorld('5%', '  tax: {lot_selection: specific}\n');
  node = built.node;
  return { chain: built.chain, config: built.config };
}

/** The wallet's signed swap as the node will report it: `weth` in from ALICE, `usdc` out to her. */
const swapTx = (weth: bigint, usdc: bigint) => ({
  from: ALICE,
  to: SWAP_ROUTER02,
  mined: {
    status: 'success' as const,
    blockNumber: 21_000_000n,
    timestamp: new Date('2026-11-23T13:59:00Z'),
    gasUsed: 180_000n,
    effectiveGasPrice: 10_000_000_000n,
    transfers: [
      { token: WETH, from: ALICE, to: POOL_ADDRESS, amount: weth },
      { token: USDC, from: POOL_ADDRESS, to: ALICE, amount: usdc },
    ],
  },
});

interface HistoryEventJson {
  id: string;
  fees: string | null;
  realised_gain: string | null;
  swaps_to_sign: number;
  figures_partial: boolean;
  swaps: Record<string, unknown>[];
}

interface SwapLeg {
  client_order_id: string;
  quantity: string;
  min_amount_out: string;
}

describe('kit rebalance swaps record: a signed Uniswap swap booked like a filled order', () => {
  it('execute hands it out; record books the sale once (trade, lots, tax sink) and refuses what is not this swap', async () => {
    const { chain, config } = await world();
    const home = tempDir('kit-home-');
    const kit = (...args: string[]) => runKit(['--config', config, ...args], { env: { KIT_HOME: home } });
    const csv = writeConfig('date,side,asset,quantity,price,venue,id\n2025-01-10,buy,WETH,6,2500,uniswap,w1\n2026-03-01,buy,WETH,4,3600,uniswap,w2\n', 'trades.csv');
    expect((await kit('portfolio', 'import', csv)).code).toBe(0);

    const executed = await kit('rebalance', 'execute', '--yes', '--json');
    expect(executed.stderr).toBe('');
    const result = JSON.parse(executed.stdout) as { run_id: string; fees: string; realised_gain: string; swaps: { file: string; legs: SwapLeg[] } };
    const [leg] = result.swaps.legs;

    // The history, before the swap is booked: the run's leg is to sign and its figures say they are partial.
    const historyEvent = async () => {
      const history = JSON.parse((await kit('rebalance', 'history', '--json')).stdout) as { events: HistoryEventJson[]; performance: { notes: string[]; total_fees: string } };
      return { history, event: history.events.find((e) => e.id === result.run_id)! };
    };
    const before = await historyEvent();
    expect(before.event).toMatchObject({ swaps_to_sign: 1, figures_partial: true, fees: result.fees, realised_gain: result.realised_gain });
    expect(before.event.swaps).toEqual([
      expect.objectContaining({ client_order_id: leg!.client_order_id, state: 'to_sign', side: 'sell', market: 'WETH/USDC', quantity: leg!.quantity, token_in: 'WETH', token_out: 'USDC', min_amount_out: leg!.min_amount_out, transaction: null, amount_in: null, amount_out: null, fee: null, failure: null }),
    ]);
    expect(before.history.performance.notes).toContain('1 DEX swap is still to sign (run of 2026-11-23): fees and realised gains are partial until each is booked with kit rebalance swaps record <id> --tx <hash>.');
    const beforeText = (await kit('rebalance', 'history')).stdout;
    expect(beforeText).toContain(`  sell ${leg!.quantity} WETH on uniswap: to sign (quoted ${leg!.quantity} WETH → `);
    expect(beforeText).toContain("1 swap is still to sign: this run's fees and realised gain are partial until booked");
    expect(beforeText).toContain('(partial)');
    const wei = BigInt(new Decimal(leg!.quantity).times(1e18).toFixed(0));
    const out = constantProductOut(POOL, WETH, wei)!;

    // An id that was never handed out: exit 2, naming the one that was.
    const unknown = await kit('rebalance', 'swaps', 'record', 'kit-nope', '--tx', hash(1));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(`the swaps waiting to be booked are ${leg!.client_order_id}`);

    // Not mined yet: exit 4, nothing written.
    chain.transactions![hash(2)] = { from: ALICE, to: SWAP_ROUTER02 };
    const pending = await kit('rebalance', 'swaps', 'record', leg!.client_order_id, '--tx', hash(2));
    expect([pending.code, pending.stdout.trim()]).toEqual([4, `Transaction ${hash(2)} is not mined yet; nothing was booked. Run this again once it is confirmed.`]);

    // Paid out below the swap's minimum: refused (exit 3) naming both figures, nothing booked.
    const minimum = new Decimal(leg!.min_amount_out);
    const short = BigInt(minimum.times(1e6).toFixed(0, Decimal.ROUND_DOWN)) - 1n;
    chain.transactions![hash(3)] = swapTx(wei, short);
    const refused = await kit('rebalance', 'swaps', 'record', leg!.client_order_id, '--tx', hash(3));
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain(`the transaction paid out ${new Decimal(short.toString()).div(1e6).toFixed()} USDC, below this swap's minimum of ${minimum.toFixed()} USDC`);
    expect(existsSync(join(home, STATE, 'tax-sink.jsonl'))).toBe(false);

    // The real one: booked.
    chain.transactions![hash(4)] = swapTx(wei, out);
    const booked = await kit('rebalance', 'swaps', 'record', leg!.client_order_id, '--tx', hash(4), '--json');
    expect([booked.code, booked.stderr]).toEqual([0, '']);
    const json = swapRecordJsonSchema.parse(JSON.parse(booked.stdout));
    const usdc = new Decimal(out.toString()).div(1e6);
    expect(json).toMatchObject({ status: 'booked', side: 'sell', market: 'WETH/USDC', amount_in: leg!.quantity, amount_out: usdc.toFixed(), quantity: leg!.quantity, network_fee: '0.0018', network_fee_asset: 'ETH', executed_at: '2026-11-23T13:59:00.000Z' });
    // The fee is the pool's share, booked apart from a gross total: total - fee is exactly what arrived.
    const total = json.trades.reduce((sum, t) => sum.plus(t.total), new Decimal(0));
    const fee = json.trades.reduce((sum, t) => sum.plus(t.fee), new Decimal(0));
    expect(fee.toFixed()).toBe(usdc.times('0.003').toFixed());
    expect(total.minus(fee).toFixed()).toBe(usdc.toFixed());
    expect(json.trades.every((t) => t.id.startsWith(leg!.client_order_id) && t.lot_ref !== null)).toBe(true);
    expect(json.lots.length).toBeGreaterThan(0);

    const sink = () => readFileSync(join(home, STATE, 'tax-sink.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, string>);
    expect(sink().map((r) => [r.lot_id, r.quantity])).toEqual(json.lots.map((l) => [l.lot_id, l.quantity]));
    expect(sink().every((r) => r.trade_id!.startsWith(leg!.client_order_id) && r.asset === 'WETH' && r.disposal_date === '2026-11-23')).toBe(true);

    // The history, once booked: the leg with its transaction, the amounts the chain moved and its fee; the run's fees and gain include it.
    const after = await historyEvent();
    expect(after.event).toMatchObject({ swaps_to_sign: 0, figures_partial: false });
    expect(after.event.swaps).toEqual([
      expect.objectContaining({ client_order_id: leg!.client_order_id, state: 'booked', transaction: hash(4), executed_at: '2026-11-23T13:59:00.000Z', amount_in: leg!.quantity, amount_out: usdc.toFixed(), fee: fee.toFixed(), network_fee: '0.0018', network_fee_asset: 'ETH', realised_gain: json.realised_gain, failure: null }),
    ]);
    expect(after.event.fees).toBe(new Decimal(result.fees).plus(fee).toFixed());
    expect(after.event.realised_gain).toBe(new Decimal(result.realised_gain).plus(json.realised_gain).toFixed());
    expect(new Decimal(json.realised_gain).isZero()).toBe(false);
    expect(after.history.performance.total_fees).toBe(new Decimal(before.history.performance.total_fees).plus(fee).toFixed());
    expect(after.history.performance.notes.join(' ')).not.toContain('still to sign');
    const afterText = (await kit('rebalance', 'history')).stdout;
    expect(afterText).toContain(`  sell ${leg!.quantity} WETH on uniswap: booked, tx ${hash(4)}: ${leg!.quantity} WETH → ${usdc.toFixed()} USDC, fee $`);
    expect(afterText).not.toContain('(partial)');
    const historyTool = JSON.parse((await kit('tools', 'call', 'rebalance_history', '{}')).stdout) as { events: HistoryEventJson[]; markdown: string };
    expect(historyTool.events.find((e) => e.id === result.run_id)?.swaps).toEqual(after.event.swaps);
    expect(historyTool.markdown).toContain(`DEX swap sell ${leg!.quantity} WETH on uniswap: **booked**, tx \`${hash(4)}\`, ${leg!.quantity} WETH → ${usdc.toFixed()} USDC, fee $`);

    // The lots after: what was sold is gone from the WETH lots on uniswap.
    const report = JSON.parse((await kit('tax', 'report', '--json')).stdout) as { open_lots: { asset: string; quantity: string }[] };
    const left = report.open_lots.filter((lot) => lot.asset === 'WETH').reduce((sum, lot) => sum.plus(lot.quantity), new Decimal(0));
    expect(left.toFixed()).toBe(new Decimal(10).minus(leg!.quantity).toFixed());

    // Again: nothing added, said so; the tax sink is not written twice.
    const again = await kit('rebalance', 'swaps', 'record', leg!.client_order_id, '--tx', hash(4));
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(new RegExp(`^Already booked \\(nothing added\\): sell ${leg!.quantity.replace('.', '\\.')} WETH for [\\d,.]+ USDC on Uniswap \\(Ethereum\\), tx 0xbbbbbbbb…bbbbb4, lots `));
    expect(sink()).toHaveLength(json.lots.length);
    // The tool answers the same, with its Markdown.
    const tool = await kit('tools', 'call', 'rebalance_record_swap', JSON.stringify({ client_order_id: leg!.client_order_id, transaction: hash(4) }));
    const answer = JSON.parse(tool.stdout) as { status: string; trades: unknown[]; markdown: string };
    expect([tool.code, answer.status, answer.trades]).toEqual([0, 'already_booked', json.trades]);
    expect(answer.markdown).toMatch(/^Already booked \(nothing added\): sell /);
    // Another transaction for a booked swap is refused.
    const other = await kit('rebalance', 'swaps', 'record', leg!.client_order_id, '--tx', hash(3));
    expect(other.code).toBe(2);
    expect(other.stderr).toContain(`is already booked, with transaction ${hash(4)}`);
  }, 90_000);
});
