// `kit portfolio status` with an MT5 bridge and an IBKR gateway, as a user runs it: the built bin,
// a config naming both with base_url at the fakes and the bridge token from the environment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeIbkrGateway } from './fakes/ibkr-gateway.js';
import { startFakeMt5Bridge } from './fakes/mt5-bridge.js';
import { runKit, writeConfig } from './helpers/run-kit.js';

const TOKEN = 'cli-mt5-token-a1b2c3d4e5f60718';
let mt5: Awaited<ReturnType<typeof startFakeMt5Bridge>>;
let ibkr: Awaited<ReturnType<typeof startFakeIbkrGateway>>;
beforeAll(async () => {
  // A minute before the CLI's KIT_NOW (2026-11-23T14:00:00Z): the quotes are fresh.
  mt5 = await startFakeMt5Bridge({ token: TOKEN, time: '2026-11-23T13:59:00Z' });
  ibkr = await startFakeIbkrGateway({ updated: Date.parse('2026-11-23T13:59:00Z') });
});
afterAll(async () => {
  await mt5.close();
  await ibkr.close();
});

const config = () => `portfolio_rebalancer:
  targets: {SPY: 60%, USD: 40%}
  cash_assets: [USD]
  venues:
    mt5:
      kind: mt5
      adapter: mt5
      base_url: ${mt5.url}
      symbols: {SPY: SPY.US}
      credentials:
        token: \${MT5_BRIDGE_TOKEN}
    ibkr:
      kind: ibkr
      adapter: ibkr
      base_url: ${ibkr.url}
`;

describe('kit portfolio status with MT5 and IBKR venues', () => {
  it('shows the CFD in units and the IBKR shares, each valued at its own quotes', async () => {
    const run = await runKit(['--config', writeConfig(config()), 'portfolio', 'status', '--json'], { env: { MT5_BRIDGE_TOKEN: TOKEN } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain(TOKEN);
    const holdings = JSON.parse(run.stdout).assets.flatMap((a: { holdings: unknown[] }) => a.holdings);
    expect(holdings).toEqual(
      expect.arrayContaining([
        { venue: 'mt5', asset: 'SPY', quantity: '15', price: '600', value: '9000' },
        { venue: 'ibkr', asset: 'SPY', quantity: '12', price: '600', value: '7200' },
        { venue: 'mt5', asset: 'USD', quantity: '11000', price: '1', value: '11000' },
        { venue: 'ibkr', asset: 'USD', quantity: '2500.75', price: '1', value: '2500.75' },
      ]),
    );
  });

  it('a missing bridge token names the variable to set, exit 2', async () => {
    const run = await runKit(['--config', writeConfig(config()), 'portfolio', 'status'], { env: {} });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('${MT5_BRIDGE_TOKEN}');
  });
});
