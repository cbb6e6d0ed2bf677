// A DEX trade in the plan stands on its venue's quote at the planned size: the quote's price,
// pool fee and price impact; shrunk to keep the impact within slippage_tolerance, left out when no
// size fits or the quote fails (the rest of the plan untouched), and shown in text, JSON and Markdown.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quotePool } from '../src/adapters/paper/swap-pool.js';
import { previewMarkdown } from '../src/cli/markdown/preview.js';
import { planJson } from '../src/cli/plan-json.js';
import { renderPlan } from '../src/cli/render-plan.js';
import { Decimal } from '../src/money.js';
import { createSession, planPass, previewRebalance } from '../src/rebalancer.js';
import { MAX_QUOTES, sizeSwap } from '../src/rebalancer/swap-sizing.js';
import { DEX_YAML, dexWorld } from './helpers/dex-world.js';

const d = (value: string | number) => new Decimal(value);
const pool = (reserve: string, price = '3000', fee = '0.003') => ({ symbol: 'ETH/USDC', baseReserve: d(reserve), quoteReserve: d(reserve).times(price), feeRate: d(fee), source: 'test' });

async function plan(options: Parameters<typeof dexWorld>[0] = {}, yaml?: string) {
  const world = await dexWorld(options, yaml);
  const result = await previewRebalance(world.deps);
  world.close();
  return { plan: result.plan!, dex: world.dex };
}

describe('a DEX trade priced at its planned size', () => {
  it('takes the sized quote as its price, the pool fee as its fee, and carries impact and source', async () => {
    const { plan: p, dex } = await plan();
    const sell = p.trades.find((t) => t.venue === 'uniswap')!;
    expect(sell).toMatchObject({ side: 'sell', asset: 'ETH' });
    expect(sell.quantity.toFixed()).toBe('3.333');
    const quote = quotePool(pool('2000'), 'sell', d('3.333'));
    expect(sell.price.eq(quote.price)).toBe(true);
    expect(sell.notional.eq(quote.amountOut)).toBe(true); // the pool's own output, not 3.333 x a rounded price
    expect(sell.fee.eq(sell.notional.times('0.003'))).toBe(true);
    expect(sell.limitPrice).toBeUndefined();
    expect(sell.swap?.priceImpact.eq(quote.priceImpact)).toBe(true);
    expect(sell.swap?.source).toBe('test pool uniswap ETH/USDC');
    // Below the snapshot's 3,000: the pool fee and the impact of 3.333 ETH.
    expect(sell.price.lt(3000)).toBe(true);
    expect(p.fees.byVenue.get('uniswap')?.eq(sell.feeValue)).toBe(true);
    // The CEX buy is priced as before.
    expect(p.trades.find((t) => t.venue === 'ex')?.price.toFixed()).toBe('100000');
    expect(dex.quotes.map((q) => q.quantity.toFixed())).toEqual(['3.333']);
  });

  it('shows pool fee and price impact in the preview text, --json and the Markdown answer', async () => {
    const { plan: p } = await plan();
    const text = renderPlan(p, { currency: 'USD', sourceNote: '', rebalanceTo: 'target' });
    expect(text).toMatch(/ {4}Uniswap \(Ethereum\): sell 3\.333 ETH ≈ 9,9\d\d\.\d\d USDC, pool fee 0\.30%, price impact 0\.1[0-9]% \(test pool uniswap ETH\/USDC\)/);
    const json = planJson(p, { source: 'test', demo: false, currency: 'USD' });
    const sell = json.trades.find((t) => t.venue === 'uniswap')!;
    expect(sell).toMatchObject({ fee_rate: '0.003', quote_source: 'test pool uniswap ETH/USDC', price_impact: expect.stringMatching(/^0\.001\d+$/) });
    expect(json.trades.find((t) => t.venue === 'ex')).toMatchObject({ price_impact: null, fee_rate: null, quote_source: null });
    const markdown = previewMarkdown(json, { labels: new Map([['uniswap', 'Uniswap (Ethereum)']]) });
    expect(markdown).toMatch(/ {2}- Uniswap \(Ethereum\): sell 3\.333 ETH ≈ 9,9\d\d\.\d\d USDC, pool fee 0\.30%, price impact 0\.1\d%/);
  });

  it('shrinks a trade whose impact is over slippage_tolerance to the largest size within it, and says so', async () => {
    const { plan: p, dex } = await plan({ pools: { ETH: { reserve: '300', price: '3000' } } });
    const sell = p.trades.find((t) => t.venue === 'uniswap')!;
    expect(sell.quantity.lt('3.333')).toBe(true);
    expect(sell.swap!.priceImpact.lte('0.005')).toBe(true);
    expect(quotePool(pool('300'), 'sell', sell.quantity.plus('0.001')).priceImpact.gt('0.005')).toBe(true);
    const note = p.diagnostics.find((x) => x.code === 'swap.shrunk')!;
    expect(note).toMatchObject({ severity: 'warning', venue: 'uniswap' });
    expect(note.message).toBe(`Uniswap (Ethereum): sell 3.333 ETH would move the price 0.77%, above slippage_tolerance 0.50%; ${sell.quantity.toFixed()} ETH kept (price impact ${(sell.swap!.priceImpact.times(100)).toFixed(2)}%).`);
    expect(dex.quotes.length).toBeLessThanOrEqual(MAX_QUOTES);
  });

  it("drops a trade when even the venue's smallest order moves the price too far, listed like other skipped orders", async () => {
    const { plan: p } = await plan({ pools: { ETH: { reserve: '100', price: '3000' } }, minAmount: '2' });
    expect(p.trades.map((t) => t.venue)).toEqual(['ex']);
    const skipped = p.diagnostics.find((x) => x.code === 'plan.skipped' && x.venue === 'uniswap')!;
    expect(skipped.severity).toBe('warning');
    expect(skipped.message).toMatch(/^skipped: sell 3\.333 ETH on Uniswap \(Ethereum\) would move its price 2\.\d\d%, and even its smallest order \(2 ETH\) 0\.9\d%: above slippage_tolerance 0\.50%\.$/);
  });

  it('leaves out only the trade whose quote fails, with an error naming the venue and why', async () => {
    const { plan: p } = await plan({ failing: { 'ETH/USDC': 'execution reverted: no liquidity' } });
    expect(p.trades.map((t) => `${t.side} ${t.asset} on ${t.venue}`)).toEqual(['buy BTC on ex']);
    const error = p.diagnostics.find((x) => x.code === 'swap.quote_failed')!;
    expect(error).toMatchObject({ severity: 'error', venue: 'uniswap', asset: 'ETH' });
    expect(error.message).toBe('Uniswap (Ethereum) did not quote the sell 3.333 ETH (execution reverted: no liquidity); that trade is left out of the plan.');
    expect(p.executable).toBe(true);
  });

  it('quotes each size once per run: a second planning pass asks the venue nothing new', async () => {
    const world = await dexWorld({ pools: { ETH: { reserve: '300', price: '3000' } } });
    const session = createSession(world.deps);
    const first = await planPass(session);
    const asked = world.dex.quotes.length;
    const second = await planPass(session);
    world.close();
    expect(world.dex.quotes.length).toBe(asked);
    expect(second.plan!.trades.map((t) => t.quantity.toFixed())).toEqual(first.plan!.trades.map((t) => t.quantity.toFixed()));
  });

  it('a buy on the DEX is priced by its quote too (quote per base, fee included)', async () => {
    const yaml = DEX_YAML().replace('targets: {ETH: 25%, BTC: 25%, USDC: 50%}', 'targets: {ETH: 90%, BTC: 2%, USDC: 8%}');
    const { plan: p } = await plan({}, yaml);
    const buy = p.trades.find((t) => t.venue === 'uniswap')!;
    expect(buy.side).toBe('buy');
    const quote = quotePool(pool('2000'), 'buy', buy.quantity);
    expect(buy.price.eq(quote.price)).toBe(true);
    expect(buy.price.gt(3000)).toBe(true);
  });
});

describe('a DEX buy paid by a DEX sale of the same run', () => {
  it('is cut to what the sale brings at its quote when the quote costs more than the plan set aside', async () => {
    const yaml = DEX_YAML()
      .replace('markets: {ETH: {amount_step: "0.001"}}', 'markets: {ETH: {amount_step: "0.001"}, BTC: {amount_step: "0.0001"}}')
      .replace('balances: {ETH: "10", USDC: "10000"}', 'balances: {ETH: "10", USDC: "0"}')
      .replace('balances: {BTC: "0.1", USDC: "30000"}', 'balances: {USDC: "1"}')
      .replace('targets: {ETH: 25%, BTC: 25%, USDC: 50%}', 'targets: {ETH: 80%, BTC: 20%}');
    // A thin BTC pool: its quote is well above the snapshot's 100,000.
    const { plan: p } = await plan({ pools: { ETH: { reserve: '2000', price: '3000' }, BTC: { reserve: '5', price: '100000' } }, balances: { ETH: '10', USDC: '0' }, prices: { ETH: '3000', BTC: '100000', USDC: '1' } }, yaml);
    const sell = p.trades.find((t) => t.side === 'sell')!;
    const buy = p.trades.find((t) => t.side === 'buy')!;
    expect(buy).toMatchObject({ venue: 'uniswap', asset: 'BTC' });
    expect(buy.notional.lte(sell.notional)).toBe(true);
    // The test venue's amount step is 0.001 on every market: one step more would not be paid for.
    expect(buy.quantity.plus('0.001').times(buy.price).gt(sell.notional)).toBe(true);
    const note = p.diagnostics.find((x) => x.code === 'swap.underfunded')!;
    expect(note.message).toMatch(/^Uniswap \(Ethereum\): the buy 0\.0\d+ BTC on Uniswap \(Ethereum\) costs [\d.]+ USDC at its quote; [\d.]+ USDC is there for it; 0\.0\d+ BTC kept\.$/);
  });
});

describe('sizeSwap on a constant-product pool', () => {
  it('keeps the largest size within tolerance: one amount step more is over it (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 20, max: 100_000 }),
        fc.constantFrom('0.0005', '0.003', '0.01'),
        fc.constantFrom('0.001', '0.005', '0.01', '0.03'),
        fc.integer({ min: 2, max: 5_000 }),
        fc.constantFrom<'buy' | 'sell'>('buy', 'sell'),
        fc.constantFrom('0.001', '0.01', '0.1'),
        async (reserve, fee, tolerance, plannedSteps, side, step) => {
          const p = pool(String(reserve), '2500', fee);
          const planned = d(plannedSteps).times(step);
          let asked = 0;
          const sizing = await sizeSwap(async (q) => (asked++, quotePool(p, side, q)), planned, { amountStep: d(step), minAmount: d(step) }, d(tolerance));
          expect(asked).toBeLessThanOrEqual(MAX_QUOTES + 1);
          if (sizing.kind === 'failed') throw new Error(sizing.message);
          if (sizing.kind === 'too_deep') {
            expect(quotePool(p, side, d(step)).priceImpact.gt(tolerance)).toBe(true);
            return;
          }
          expect(sizing.quote.priceImpact.lte(tolerance)).toBe(true);
          expect(sizing.quantity.lte(planned)).toBe(true);
          if (sizing.quantity.lt(planned)) expect(quotePool(p, side, sizing.quantity.plus(step)).priceImpact.gt(tolerance)).toBe(true);
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });

  it('a failing quote is a failed sizing with the reason', async () => {
    const sizing = await sizeSwap(async () => Promise.reject(new Error('node down')), d(1), { amountStep: d('0.001'), minAmount: d('0.001') }, d('0.005'));
    expect(sizing).toEqual({ kind: 'failed', message: 'node down' });
  });
});
