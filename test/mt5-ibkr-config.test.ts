// The config of MT5 and IBKR venues: what loads, what is refused with a message that says what to
// write, and the adapters the loader builds from it.
import { describe, expect, it } from 'vitest';
import { createVenues } from '../src/adapters/index.js';
import { ConfigError, parseConfigText } from '../src/config.js';
import type { VenueDeps } from '../src/ports.js';

const wrap = (venue: string) => `portfolio_rebalancer:\n  targets: {SPY: 60%, USD: 40%}\n  cash_assets: [USD]\n  venues:\n    broker:\n${venue.replace(/^/gm, '      ')}\n`;

function problemsOf(yaml: string): string[] {
  try {
    parseConfigText(yaml, 'test.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message.split('\n').slice(1).map((line) => line.replace(/^ {2}- /, ''));
  }
  throw new Error('expected the config to be refused');
}

describe('adapter: mt5 and adapter: ibkr in the config', () => {
  it('loads an MT5 venue with its bridge, symbol map and token reference, and an IBKR venue with its gateway and account', () => {
    const mt5 = parseConfigText(wrap('kind: mt5\nadapter: mt5\nbase_url: http://127.0.0.1:8228\nsymbols: {SPY: SPY.US}\ncredentials:\n  token: ${MT5_BRIDGE_TOKEN}'), 'test.yaml');
    expect(mt5.venues['broker']).toMatchObject({ adapter: 'mt5', symbols: { SPY: 'SPY.US' }, credentials: { token: '${MT5_BRIDGE_TOKEN}' } });
    const ibkr = parseConfigText(wrap('kind: ibkr\nadapter: ibkr\nbase_url: https://localhost:5000\naccount_id: U1234567\ninsecure_tls: true'), 'test.yaml');
    expect(ibkr.venues['broker']).toMatchObject({ adapter: 'ibkr', account_id: 'U1234567', insecure_tls: true });
  });

  it('refuses a token written inline without echoing it, and an account id that is not one', () => {
    const inline = problemsOf(wrap('kind: mt5\nadapter: mt5\ncredentials:\n  token: s3cr3t-bridge-token'));
    expect(inline.join('\n')).toContain('credential written inline; write it as ${ENV_VAR}');
    expect(inline.join('\n')).not.toContain('s3cr3t-bridge-token');
    const [account] = problemsOf(wrap('kind: ibkr\nadapter: ibkr\naccount_id: "U123 4567"'));
    expect(account).toContain('"U123 4567" is not an IBKR account id; expected one such as U1234567');
  });

  it('the loader builds each venue with its own adapter, without calling it', async () => {
    const config = parseConfigText(
      `portfolio_rebalancer:\n  targets: {SPY: 100%}\n  venues:\n    mt5: {kind: mt5, adapter: mt5, credentials: {token: "\${MT5_BRIDGE_TOKEN}"}}\n    ibkr: {kind: ibkr, adapter: ibkr}\n`,
      'test.yaml',
    );
    const deps = { clock: { now: () => new Date() }, env: { MT5_BRIDGE_TOKEN: 'token-1234' }, logger: console, prices: {}, priceHistory: {} } as unknown as VenueDeps;
    const venues = await createVenues(config, deps);
    expect(venues.map((v) => [v.id, v.kind, v.capabilities.trade, typeof v.placeOrder])).toEqual([
      ['mt5', 'mt5', true, 'function'],
      ['ibkr', 'ibkr', true, 'function'],
    ]);
  });
});
