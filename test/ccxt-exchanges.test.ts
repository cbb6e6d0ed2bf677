// What the ccxt venue does the same way for all five exchanges, checked on the real ccxt classes
// without a network: base_url rewrites every API URL, sandbox where ccxt has a testnet, and the
// precision modes turned into steps.
import { describe, expect, it } from 'vitest';
import { rebaseUrl } from '../src/adapters/ccxt/base-url.js';
import { loadExchange } from '../src/adapters/ccxt/load-exchange.js';
import { DECIMAL_PLACES, SIGNIFICANT_DIGITS, TICK_SIZE, stepOf } from '../src/adapters/ccxt/market-rules.js';
import { CCXT_EXCHANGES } from '../src/config/schema.js';
import { Decimal } from '../src/money.js';

function urlsOf(tree: unknown): string[] {
  if (typeof tree === 'string') return /^[a-z]+:\/\//i.test(tree) ? [tree] : [];
  return tree && typeof tree === 'object' ? Object.values(tree).flatMap(urlsOf) : [];
}

describe('base_url', () => {
  it('replaces scheme, host and port and keeps the path, {hostname} placeholders included', () => {
    expect(rebaseUrl('https://api.binance.com/sapi/v1', 'http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080/sapi/v1');
    expect(rebaseUrl('https://api-testnet.{hostname}', 'http://proxy.local:9000/')).toBe('http://proxy.local:9000');
    expect(rebaseUrl('https://{hostname}/api', 'https://gw.example/bybit')).toBe('https://gw.example/bybit/api');
  });

  it.each(CCXT_EXCHANGES)('points every API URL of %s at the base, each path kept', async (exchange) => {
    const original = await loadExchange({ venue: 'x', exchange, sandbox: false });
    const rebased = await loadExchange({ venue: 'x', exchange, sandbox: false, baseUrl: 'http://127.0.0.1:4567' });
    const before = urlsOf(original.urls['api']);
    const after = urlsOf(rebased.urls['api']);
    expect(after.length).toBe(before.length);
    expect(after.length).toBeGreaterThan(0);
    after.forEach((url, index) => {
      expect(url.startsWith('http://127.0.0.1:4567')).toBe(true);
      expect(url.slice('http://127.0.0.1:4567'.length)).toBe(before[index]!.replace(/^[a-z]+:\/\/[^/]+/i, ''));
    });
  });
});

describe('sandbox', () => {
  it.each(['binance', 'bybit', 'okx'] as const)('%s switches to its testnet', async (exchange) => {
    const client = await loadExchange({ venue: 'x', exchange, sandbox: true });
    expect(client.isSandboxModeEnabled).toBe(true);
  });

  it('binance testnet with base_url still goes to the base', async () => {
    const client = await loadExchange({ venue: 'x', exchange: 'binance', sandbox: true, baseUrl: 'http://127.0.0.1:1' });
    expect(urlsOf(client.urls['api']).every((url) => url.startsWith('http://127.0.0.1:1/'))).toBe(true);
  });

  it.each(['coinbase', 'kraken'] as const)('%s has no testnet in ccxt: refused with what to do instead', async (exchange) => {
    await expect(loadExchange({ venue: 'main', exchange, sandbox: true })).rejects.toThrow(`Venue "main": ${exchange} has no testnet in ccxt; remove sandbox: true`);
  });
});

describe('precision modes as steps', () => {
  it('TICK_SIZE is the step itself; DECIMAL_PLACES is ten to the minus places', () => {
    expect(stepOf(0.00001, TICK_SIZE).toFixed()).toBe('0.00001');
    expect(stepOf(8, DECIMAL_PLACES).toFixed()).toBe('0.00000001');
    expect(stepOf(0, DECIMAL_PLACES).toFixed()).toBe('0.00000001'); // no usable precision: the finest common step
  });

  it('SIGNIFICANT_DIGITS depends on the size of the number: 5 digits at 65,000 step by 1, at 0.25 by 0.00001', () => {
    expect(stepOf(5, SIGNIFICANT_DIGITS, new Decimal(65000)).toFixed()).toBe('1');
    expect(stepOf(5, SIGNIFICANT_DIGITS, new Decimal('0.25')).toFixed()).toBe('0.00001');
  });
});
