// The config of a ccxt venue: what loads, and what is refused with a message that says what to write.
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfigText } from '../src/config.js';

const wrap = (venue: string) => `portfolio_rebalancer:\n  targets: {BTC: 50%, USDT: 50%}\n  cash_assets: [USDT]\n  venues:\n    main:\n${venue.replace(/^/gm, '      ')}\n`;

function problemsOf(yaml: string): string[] {
  try {
    parseConfigText(yaml, 'test.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message.split('\n').slice(1).map((line) => line.replace(/^ {2}- /, ''));
  }
  throw new Error('expected the config to be refused');
}

describe('adapter: ccxt in the config', () => {
  it('loads an exchange with keys as ${ENV} references, a testnet flag and a base URL; quote and markets are optional', () => {
    const config = parseConfigText(
      wrap('kind: cex\nadapter: ccxt\nexchange: okx\nsandbox: true\nbase_url: http://127.0.0.1:8443\ncredentials:\n  api_key: ${OKX_API_KEY}\n  secret: ${OKX_SECRET}\n  password: ${OKX_PASSPHRASE}'),
      'test.yaml',
    );
    expect(config.venues['main']).toMatchObject({ adapter: 'ccxt', exchange: 'okx', sandbox: true, base_url: 'http://127.0.0.1:8443', markets: {} });
    expect(config.venues['main']?.quote).toBeUndefined();
  });

  it('refuses a ccxt venue without an exchange, an exchange it does not support, and a base URL that is not one', () => {
    expect(problemsOf(wrap('kind: cex\nadapter: ccxt'))).toEqual([
      'portfolio_rebalancer.venues.main.exchange (line 6): missing: a ccxt venue names its exchange, one of binance, coinbase, kraken, bybit, okx',
    ]);
    const [unsupported] = problemsOf(wrap('kind: cex\nadapter: ccxt\nexchange: bitmex'));
    expect(unsupported).toMatch(/venues\.main\.exchange \(line 8\): .*bitmex.*binance, coinbase, kraken, bybit, okx/);
    const [badUrl] = problemsOf(wrap('kind: cex\nadapter: ccxt\nexchange: binance\nbase_url: 127.0.0.1:8080'));
    expect(badUrl).toContain('"127.0.0.1:8080" is not a base URL; expected http(s)://host[:port]');
  });

  it('refuses an API key written inline, without echoing it', () => {
    const problems = problemsOf(wrap('kind: cex\nadapter: ccxt\nexchange: binance\ncredentials:\n  api_key: AKIA-INLINE-KEY'));
    expect(problems.join('\n')).toContain('credential written inline; write it as ${ENV_VAR} (for example ${MAIN_API_KEY})');
    expect(problems.join('\n')).not.toContain('AKIA-INLINE-KEY');
  });
});
