// The config-editing helper must refuse an edit that would leave the config unchanged: that is
// the whole reason the tests use it instead of text replaces.
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config.js';
import { demoConfig, editYaml, replaceOnce } from './config-yaml.js';
import { DEMO_YAML } from './preview.js';

describe('demoConfig / editYaml', () => {
  it('throws on a path that is not in the config, naming what is there', () => {
    expect(() => demoConfig((c) => c.set('risk.max_single_aset', '44%'))).toThrow(
      'set portfolio_rebalancer.risk.max_single_aset: there is no such key (it has max_single_asset, max_correlation, min_cash_reserve, drawdown_reduce_at)',
    );
    expect(() => demoConfig((c) => c.delete('venues.kraken'))).toThrow('delete portfolio_rebalancer.venues.kraken: there is no such key');
    expect(() => demoConfig((c) => c.add('risk.max_single_asset', '44%'))).toThrow('it is already there; use set');
    expect(() => demoConfig((c) => c.add('riks.max_tilt', '4%'))).toThrow('portfolio_rebalancer.riks is not a map');
    expect(() => demoConfig((c) => c.add('prices_at', '2026-11-23T09:00:00Z', { before: 'price' }))).toThrow('no key "price" to add it before');
  });

  it('throws on an edit that changes nothing, and on a list filter that matches nothing', () => {
    expect(() => demoConfig((c) => c.set('strategy', 'threshold'))).toThrow('it is already "threshold"; the edit would change nothing');
    expect(() => demoConfig((c) => c.remove('venues.cold.lots', (lot) => (lot as { asset: string }).asset === 'ETH'))).toThrow('no item matched');
  });

  it('goes back through the config loader with every edit applied and untouched values as written', () => {
    const config = parseConfigText(
      demoConfig((c) => c.set('drift_threshold', '6%').set('venues.cold.balances.BTC', '0.90').add('prices.DOGE', '0.123456789012345678').delete('risk.drawdown_reduce_at').set('tax.wash_sale_days', 31)),
      'test',
    );
    expect(config.drift_threshold.toFixed()).toBe('0.06');
    expect(config.venues.cold!.balances.BTC!.toFixed()).toBe('0.9');
    expect(config.prices.DOGE!.toFixed()).toBe('0.123456789012345678');
    expect(config.risk.drawdown_reduce_at).toBeUndefined();
    expect(config.risk.max_correlation.toFixed()).toBe('0.8');
    expect(config.tax.wash_sale_days).toBe(31);
  });

  it('keeps the text of a number it does not touch, and the line of every key', () => {
    const yaml = editYaml('portfolio_rebalancer:\n  risk: {max_correlation: 0.80000000000000000001}\n  strategy: threshold\n', (c) => c.set('strategy', 'band'));
    expect(yaml).toBe('portfolio_rebalancer:\n  risk: { max_correlation: 0.80000000000000000001 }\n  strategy: band\n');
  });
});

describe('replaceOnce', () => {
  it('replaces the one occurrence, and throws when there is none or more than one', () => {
    expect(replaceOnce('a: 1\nb: 2\n', 'b: 2', 'b: 3')).toBe('a: 1\nb: 3\n');
    expect(() => replaceOnce(DEMO_YAML, 'strategy: treshold', 'strategy: band')).toThrow('"strategy: treshold" is not in the text');
    expect(() => replaceOnce(DEMO_YAML, 'adapter: paper', 'adapter: manual')).toThrow('occurs more than once');
  });
});
