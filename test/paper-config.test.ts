// A paper venue's exchange settings in the config: latency, slippage, partial fills and faults.
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../src/config.js';
import { orderSettings } from '../src/execution-planner.js';

const venue = (fields: string) => parseConfigText(`portfolio_rebalancer:\n  venues:\n    p: {kind: cex, adapter: paper, ${fields}}\n`, 'test.yaml').venues.p!;
const problems = (fields: string) => {
  try {
    venue(fields);
  } catch (error) {
    return String(error);
  }
  throw new Error('expected the config to be refused');
};

describe('paper venue exchange settings', () => {
  it('reads the issue\'s example: a latency range, slippage, partial fills, faults as percents', () => {
    const p = venue('latency: [50ms, 250ms], slippage: 0.1%, partial_fills: 10%, faults: {seed: 7, reject: 2%, timeout_after_accept: 5%, network_error: 5%, rate_limit: 5%}');
    expect(p.latency).toEqual({ min: 50, max: 250 });
    expect([p.slippage.toFixed(), p.partial_fills.toFixed()]).toEqual(['0.001', '0.1']);
    expect(Object.fromEntries(Object.entries(p.faults!).map(([k, v]) => [k, String(v)]))).toEqual({
      fetch_balances: '0', fetch_prices: '0', reject: '0.02', timeout_after_accept: '0.05', network_error: '0.05', rate_limit: '0.05', seed: '7',
    });
  });

  it('takes a single latency, ratios for probabilities as before, and defaults to a perfect venue', () => {
    expect(venue('latency: 200ms').latency).toEqual({ min: 200, max: 200 });
    expect(venue('faults: {fetch_prices: 0.5, seed: 7}').faults!.fetch_prices.toFixed()).toBe('0.5');
    const plain = venue('quote: USDC');
    expect([plain.latency, plain.faults, plain.slippage.toFixed(), plain.partial_fills.toFixed()]).toEqual([undefined, undefined, '0', '0']);
  });

  it('names every bad field with what it expected', () => {
    const text = problems('latency: soon, slippage: 3, faults: {reject: 150%, timeout: 5%}');
    expect(text).toContain('portfolio_rebalancer.venues.p.latency (line 3): "soon" is not a latency; expected a duration such as 200ms or a range such as [50ms, 250ms]');
    expect(text).toContain('portfolio_rebalancer.venues.p.faults.reject (line 3): "150%" is not a probability; expected a percent such as 5% or a ratio such as 0.05');
    expect(text).toContain('portfolio_rebalancer.venues.p.slippage');
    expect(text).toContain('timeout');
  });

  it('maps execution: to the order planner\'s settings', () => {
    const config = parseConfigText('portfolio_rebalancer:\n  execution: {slippage_tolerance: 0.3%, split_threshold: $25k, use_limit_orders: false}\n', 'test.yaml');
    const settings = orderSettings(config.execution);
    expect([settings.slippageTolerance.toFixed(), settings.splitThreshold.toFixed(), settings.useLimitOrders, settings.splitLargeOrders]).toEqual(['0.003', '25000', false, true]);
  });
});
