// A run's DEX leg in `rebalance history`, in process with the test swap venue: a standalone execute
// hands the ETH sale out to sign; its signed transaction reverts on chain, so `swaps record` marks
// the leg failed. The history shows the leg failed, with the transaction and the reason, in text,
// JSON and Markdown; nothing was booked, so the run's fees and gain are its orders' alone, and
// nothing is still to sign, so they are not partial.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDirectRouter } from '../src/adapters/direct-router.js';
import { historyMarkdown } from '../src/cli/markdown/history.js';
import { historyJson } from '../src/cli/render-history-json.js';
import { renderHistory } from '../src/cli/render-history.js';
import { createSwapsFile } from '../src/host/swaps-file.js';
import { createSession, executeRebalance, rebalanceHistoryFor, recordSwap, type ExecuteDeps } from '../src/rebalancer.js';
import { dexWorld } from './helpers/dex-world.js';
import { tempDir } from './helpers/run-kit.js';

const TX = `0x${'ef'.repeat(32)}`;
const AT = new Date('2026-11-23T13:59:30Z');

describe('rebalance history: a DEX swap whose signed transaction failed', () => {
  it('shows the leg failed with its transaction and reason; the run figures are its orders alone and not partial', async () => {
    const world = await dexWorld({ receipts: { [TX]: { status: 'failed', at: AT, reason: 'reverted: Too little received' } } });
    const router = createDirectRouter(world.deps.venues);
    const deps: ExecuteDeps = { router, routerName: 'direct', sleep: async () => undefined, random: () => 0.5, lock: { holder: 'test', pid: 1, host: 'test-host', isAlive: () => true }, newRunId: () => 'r-dex-1', swaps: createSwapsFile(join(tempDir('kit-state-'), 'swaps')) };
    const result = await executeRebalance(createSession(world.deps), deps);
    const [leg] = result.swaps!.legs;
    expect([result.kind, leg!.status]).toEqual(['executed', 'to_sign']);

    const json = () => historyJson(rebalanceHistoryFor(createSession(world.deps)), { source: 'test', demo: false, currency: 'USD' });
    expect(json().events[0]).toMatchObject({ id: 'r-dex-1', swaps_to_sign: 1, figures_partial: true, swaps: [{ state: 'to_sign', client_order_id: leg!.client_order_id }] });

    expect((await recordSwap(createSession(world.deps), undefined, { clientOrderId: leg!.client_order_id, transaction: TX })).kind).toBe('failed');
    const history = rebalanceHistoryFor(createSession(world.deps));
    const answer = json();
    const [event] = answer.events;
    expect(event).toMatchObject({ id: 'r-dex-1', swaps_to_sign: 0, figures_partial: false, fees: result.fees.toFixed(), realised_gain: result.realisedGain.toFixed() });
    expect(event!.swaps).toEqual([
      {
        client_order_id: leg!.client_order_id, venue: 'uniswap', market: 'ETH/USDC', side: 'sell', quantity: '3.333', state: 'failed', token_in: 'ETH', token_out: 'USDC',
        quoted_amount_in: leg!.amount_in, quoted_amount_out: leg!.amount_out, min_amount_out: leg!.min_amount_out,
        transaction: null, executed_at: null, amount_in: null, amount_out: null, fee: null, network_fee: null, network_fee_asset: null, realised_gain: null,
        failure: { transaction: TX, reason: 'reverted: Too little received', at: AT.toISOString() },
      },
    ]);
    expect(answer.performance.notes.join(' ')).not.toContain('still to sign');
    expect(world.deps.ledger.trades().filter((t) => t.asset === 'ETH')).toEqual([]);

    const text = renderHistory(history, { currency: 'USD' });
    expect(text).toContain(`  sell 3.333 ETH on uniswap: failed, tx ${TX}: reverted: Too little received (quoted 3.333 ETH → `);
    expect(text).not.toContain('(partial)');
    expect(text).not.toContain('still to sign');
    expect(historyMarkdown(answer)).toContain(`  - DEX swap sell 3.333 ETH on uniswap: **failed**, tx \`${TX}\`: reverted: Too little received`);
    world.close();
  });
});
